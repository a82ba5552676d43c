package dev.tnet.ir.op;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A literal argument of an op call: what a {@code .tnet} file or a golden case writes after
 * {@code name=}. Printed as Python would print it ({@code 3}, {@code 0.5}, {@code True},
 * {@code 'same'}, {@code (1, 2)}, {@code None}).
 */
public sealed interface AttrValue {
  record IntV(long value) implements AttrValue {
    public String toString() {
      return Long.toString(value);
    }
  }

  record FloatV(double value) implements AttrValue {
    public String toString() {
      return Double.toString(value);
    }
  }

  record BoolV(boolean value) implements AttrValue {
    public String toString() {
      return value ? "True" : "False";
    }
  }

  record StrV(String value) implements AttrValue {
    public String toString() {
      return "'" + value + "'";
    }
  }

  record ListV(List<AttrValue> items) implements AttrValue {
    public ListV {
      items = List.copyOf(items);
    }

    public String toString() {
      return items.stream().map(Object::toString).collect(Collectors.joining(", ", "(", items.size() == 1 ? ",)" : ")"));
    }
  }

  record NoneV() implements AttrValue {
    public String toString() {
      return "None";
    }
  }

  NoneV NONE = new NoneV();

  static AttrValue of(long v) {
    return new IntV(v);
  }

  static AttrValue of(double v) {
    return new FloatV(v);
  }

  static AttrValue of(boolean v) {
    return new BoolV(v);
  }

  static AttrValue of(String v) {
    return new StrV(v);
  }

  static AttrValue ints(long... v) {
    return new ListV(java.util.Arrays.stream(v).mapToObj(IntV::new).map(AttrValue.class::cast).toList());
  }

  /** A short name of this value's kind, for error messages. */
  default String kind() {
    return switch (this) {
      case IntV i -> "an integer";
      case FloatV f -> "a float";
      case BoolV b -> "a bool";
      case StrV s -> "a string";
      case ListV l -> "a tuple";
      case NoneV n -> "None";
    };
  }
}
