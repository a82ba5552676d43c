package dev.tnet.ir.op;

import dev.tnet.ir.op.AttrValue.FloatV;
import dev.tnet.ir.op.AttrValue.IntV;
import dev.tnet.runtime.DType;

/**
 * A Python number given as an op argument in place of a tensor ({@code add(x, other=2)}) or as a
 * bound ({@code clamp(x, min=0)}). Whether it was written as an int or a float matters, as in
 * PyTorch: an int keeps an i64 tensor i64, a float makes the result f32.
 */
public sealed interface Scalar {
  /** An integer literal, such as {@code 2}. */
  record OfInt(long value) implements Scalar {}

  /** A float literal, such as {@code 2.0} or {@code 0.5}. */
  record OfFloat(double value) implements Scalar {}

  /** The value as a double (an int above 2^53 rounds). */
  default double asDouble() {
    return switch (this) {
      case OfInt i -> i.value();
      case OfFloat f -> f.value();
    };
  }

  default boolean isInt() {
    return this instanceof OfInt;
  }

  /** The dtype PyTorch gives this number when it meets a tensor: i64 for an int, f32 for a float. */
  default DType dtype() {
    return isInt() ? DType.I64 : DType.F32;
  }

  /** The argument literal that {@link #of} parses back to this scalar. */
  default AttrValue attr() {
    return switch (this) {
      case OfInt i -> AttrValue.of(i.value());
      case OfFloat f -> AttrValue.of(f.value());
    };
  }

  /** The literal as Python prints it: {@code 2} or {@code 2.0}. */
  default String text() {
    return attr().toString();
  }

  static Scalar of(long v) {
    return new OfInt(v);
  }

  /** Argument {@code name} as a scalar, or null when it is {@code None}; anything else is an error. */
  static Scalar optional(Args args, String name) {
    return switch (args.get(name)) {
      case AttrValue.NoneV n -> null;
      case IntV i -> new OfInt(i.value());
      case FloatV f -> new OfFloat(f.value());
      case AttrValue v -> throw new OpException(args.op(), name + " must be a number or None, got " + v.kind()
          + " (" + v + ")");
    };
  }

  /** Argument {@code name} as a scalar; {@code None} is an error. */
  static Scalar required(Args args, String name) {
    Scalar s = optional(args, name);
    if (s == null) throw new OpException(args.op(), name + " must be a number, got None");
    return s;
  }

  /** The literal for an optional scalar: the number or {@code None}. */
  static AttrValue attrOrNone(Scalar s) {
    return s == null ? AttrValue.NONE : s.attr();
  }
}
