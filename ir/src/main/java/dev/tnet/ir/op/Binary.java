package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.runtime.DType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A pointwise binary op with NumPy/PyTorch broadcasting, as the {@code torch} function of the same
 * name: {@code add(x, y, alpha=1)} is {@code x + alpha * y}, {@code sub} is {@code x - alpha * y},
 * {@code div(rounding_mode=None|'trunc'|'floor')}, {@code pow}, {@code mul}, {@code maximum},
 * {@code minimum} (the last two propagate NaN).
 *
 * <p>Operands: two tensor inputs, or one tensor input and a number in {@code other} ({@code
 * exponent} for {@code pow}): {@code add(x, other=2.0)} is {@code x + 2.0}. The reversed forms
 * {@code rsub}, {@code rdiv} and {@code rpow} swap the operands, as Python's {@code __rsub__}
 * etc. ({@code rsub(x, other=1)} is {@code 1 - x}, {@code rpow(x, other=2.0)} is {@code 2.0 ** x});
 * with two tensors they compute {@code op(y, x)} ({@code rsub(x, y, alpha) = y - alpha * x}, as
 * {@code torch.rsub}).
 *
 * <p>Result dtype (PyTorch's promotion on f32/i64): f32 if any operand is f32 or a float number,
 * else i64; true division always gives f32. On i64: {@code alpha} must be an int; an int power
 * must not be negative when the exponent is a number; a zero divisor in integer division is a
 * run-time error; arithmetic wraps around as int64 does.
 *
 * <p>FLOPs: 1 per output element.
 */
public record Binary(Kind kind, boolean reversed, Scalar other, Scalar alpha, Rounding rounding) implements TensorOp {
  /** The operations, each named as its catalogue entry (lower case). */
  public enum Kind {
    ADD, SUB, MUL, DIV, POW, MAXIMUM, MINIMUM;

    public String opName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** True if a reversed catalogue entry ({@code r<name>}) exists. */
    public boolean hasReversed() {
      return this == SUB || this == DIV || this == POW;
    }
  }

  /** {@code div}'s {@code rounding_mode}: none (true division), toward zero, or toward -inf. */
  public enum Rounding {
    NONE, TRUNC, FLOOR
  }

  public Binary {
    if (!(kind == Kind.ADD || kind == Kind.SUB) && !alpha.equals(Scalar.of(1))) {
      throw new dev.tnet.runtime.CompilerBug(kind + " has no alpha");
    }
    if (kind != Kind.DIV && rounding != Rounding.NONE) throw new dev.tnet.runtime.CompilerBug(kind + " has no rounding");
    if (reversed && !kind.hasReversed()) throw new dev.tnet.runtime.CompilerBug(kind + " has no reversed form");
  }

  /** The catalogue name: {@code sub}, or {@code rsub} when reversed. */
  public static String opName(Kind kind, boolean reversed) {
    return (reversed ? "r" : "") + kind.opName();
  }

  /** The name of the number argument: {@code exponent} for {@code pow}, else {@code other}. */
  public static String scalarArg(Kind kind, boolean reversed) {
    return kind == Kind.POW && !reversed ? "exponent" : "other";
  }

  public static Signature signature(Kind kind, boolean reversed) {
    Signature s = Signature.of(opName(kind, reversed)).optNone(scalarArg(kind, reversed));
    if (kind == Kind.ADD || kind == Kind.SUB) s = s.opt("alpha", 1);
    if (kind == Kind.DIV) s = s.optNone("rounding_mode");
    return s;
  }

  static Binary create(Kind kind, boolean reversed, Args a) {
    Scalar alpha = kind == Kind.ADD || kind == Kind.SUB ? Scalar.required(a, "alpha") : Scalar.of(1);
    Rounding r = kind != Kind.DIV || a.isNone("rounding_mode") ? Rounding.NONE
        : Rounding.valueOf(a.getChoice("rounding_mode", "trunc", "floor").toUpperCase(Locale.ROOT));
    return new Binary(kind, reversed, Scalar.optional(a, scalarArg(kind, reversed)), alpha, r);
  }

  public String name() {
    return opName(kind, reversed);
  }

  public Args args() {
    Map<String, AttrValue> m = new LinkedHashMap<>();
    m.put(scalarArg(kind, reversed), Scalar.attrOrNone(other));
    if (kind == Kind.ADD || kind == Kind.SUB) m.put("alpha", alpha.attr());
    if (kind == Kind.DIV) {
      m.put("rounding_mode", rounding == Rounding.NONE ? AttrValue.NONE : AttrValue.of(rounding.name().toLowerCase(Locale.ROOT)));
    }
    return signature(kind, reversed).bind(m);
  }

  /** The dtype of the result for these inputs (assumes the arity is right). */
  private DType resultType(List<TensorType> inputs) {
    if (kind == Kind.DIV && rounding == Rounding.NONE) return DType.F32;
    List<TensorType> operands = new ArrayList<>(inputs);
    if (other != null) operands.add(new TensorType(other.dtype(), List.of()));
    return TensorChecks.promote(operands);
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    if (other != null && inputs.size() != 1) {
      throw new OpException(name(), scalarArg(kind, reversed) + "=" + other.text()
          + " is the second operand, so it takes 1 tensor input, got " + inputs.size());
    }
    if (other == null && inputs.size() != 2) {
      throw new OpException(name(), "takes 2 tensor inputs, or 1 and a number in " + scalarArg(kind, reversed)
          + "=; got " + inputs.size() + " and no number");
    }
    List<Dim> dims = other == null ? Checks.broadcast(name(), inputs.get(0), inputs.get(1)) : inputs.get(0).dims();
    DType result = resultType(inputs);
    if (result == DType.I64 && !alpha.isInt()) {
      throw new OpException(name(), "alpha=" + alpha.text() + " must be an int for integer inputs " + inputs);
    }
    if (result == DType.I64 && kind == Kind.POW && !reversed && other != null && other.isInt()
        && ((Scalar.OfInt) other).value() < 0) {
      throw new OpException(name(), "integers to negative integer powers are not allowed (input " + inputs.get(0)
          + ", exponent=" + other.text() + ")");
    }
    return List.of(new TensorType(result, dims));
  }

  public Dim flops(List<TensorType> inputs) {
    return infer(inputs).get(0).numel();
  }
}
