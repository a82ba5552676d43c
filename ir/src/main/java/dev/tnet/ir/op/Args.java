package dev.tnet.ir.op;

import dev.tnet.ir.op.AttrValue.BoolV;
import dev.tnet.ir.op.AttrValue.FloatV;
import dev.tnet.ir.op.AttrValue.IntV;
import dev.tnet.ir.op.AttrValue.ListV;
import dev.tnet.ir.op.AttrValue.NoneV;
import dev.tnet.ir.op.AttrValue.StrV;
import java.util.List;
import java.util.Map;

/**
 * The bound arguments of one op call (every declared parameter present, defaults filled in), with
 * typed getters that fail with an {@link OpException} naming the op and the argument.
 */
public record Args(String op, Map<String, AttrValue> values) {
  public Args {
    values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
  }

  public AttrValue get(String name) {
    AttrValue v = values.get(name);
    if (v == null) throw new dev.tnet.runtime.CompilerBug(op + " has no argument " + name);
    return v;
  }

  public boolean isNone(String name) {
    return get(name) instanceof NoneV;
  }

  public long getLong(String name) {
    return switch (get(name)) {
      case IntV i -> i.value();
      case AttrValue v -> throw wrongKind(name, "an integer", v);
    };
  }

  public int getInt(String name) {
    long v = getLong(name);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new OpException(op, name + "=" + v + " is out of range");
    }
    return (int) v;
  }

  /** An integer that must be at least {@code min}. */
  public int getInt(String name, int min) {
    int v = getInt(name);
    if (v < min) throw new OpException(op, name + "=" + v + " must be at least " + min);
    return v;
  }

  /** A float; an integer is accepted too, as in Python. */
  public double getDouble(String name) {
    return switch (get(name)) {
      case FloatV f -> f.value();
      case IntV i -> i.value();
      case AttrValue v -> throw wrongKind(name, "a number", v);
    };
  }

  public boolean getBool(String name) {
    return switch (get(name)) {
      case BoolV b -> b.value();
      case AttrValue v -> throw wrongKind(name, "True or False", v);
    };
  }

  public String getString(String name) {
    return switch (get(name)) {
      case StrV s -> s.value();
      case AttrValue v -> throw wrongKind(name, "a string", v);
    };
  }

  /** A string that must be one of {@code allowed}. */
  public String getChoice(String name, String... allowed) {
    String s = getString(name);
    if (!List.of(allowed).contains(s)) {
      throw new OpException(op, name + "='" + s + "' is not one of " + List.of(allowed));
    }
    return s;
  }

  /**
   * An int or a tuple of ints of length {@code n}; a single int is repeated {@code n} times, as
   * PyTorch's {@code _pair} / {@code _triple} do.
   */
  public int[] getInts(String name, int n) {
    AttrValue v = get(name);
    if (v instanceof IntV) {
      int[] r = new int[n];
      java.util.Arrays.fill(r, getInt(name));
      return r;
    }
    int[] r = getIntList(name);
    if (r.length != n) {
      throw new OpException(op, name + "=" + v + " must be one integer or " + n + " integers");
    }
    return r;
  }

  /** A tuple (or list) of ints of any length; a single int becomes a tuple of one. */
  public int[] getIntList(String name) {
    return switch (get(name)) {
      case IntV i -> new int[] {getInt(name)};
      case ListV l -> {
        int[] r = new int[l.items().size()];
        for (int k = 0; k < r.length; k++) {
          if (!(l.items().get(k) instanceof IntV i)) throw wrongKind(name, "a tuple of integers", l);
          if (i.value() < Integer.MIN_VALUE || i.value() > Integer.MAX_VALUE) {
            throw new OpException(op, name + "=" + l + " has an element out of range");
          }
          r[k] = (int) i.value();
        }
        yield r;
      }
      case AttrValue v -> throw wrongKind(name, "an integer or a tuple of integers", v);
    };
  }

  /** A tuple of numbers (ints accepted); a single number becomes a tuple of one. */
  public double[] getDoubleList(String name) {
    return switch (get(name)) {
      case IntV i -> new double[] {i.value()};
      case FloatV f -> new double[] {f.value()};
      case ListV l -> {
        double[] r = new double[l.items().size()];
        for (int k = 0; k < r.length; k++) {
          r[k] = switch (l.items().get(k)) {
            case IntV i -> i.value();
            case FloatV f -> f.value();
            case AttrValue x -> throw wrongKind(name, "a tuple of numbers", l);
          };
        }
        yield r;
      }
      case AttrValue v -> throw wrongKind(name, "a number or a tuple of numbers", v);
    };
  }

  private OpException wrongKind(String name, String expected, AttrValue got) {
    return new OpException(op, name + " must be " + expected + ", got " + got.kind() + " (" + got + ")");
  }
}
