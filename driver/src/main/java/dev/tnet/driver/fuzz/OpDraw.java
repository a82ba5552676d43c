package dev.tnet.driver.fuzz;

import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.op.AttrValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One op call as a generator drew it: the op, its keyword arguments, the types of its tensor
 * inputs and the values to fill each input with.
 */
record OpDraw(String op, Map<String, AttrValue> args, List<TensorType> inputs, List<Values> values) {
  OpDraw {
    args = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(args));
    inputs = List.copyOf(inputs);
    values = List.copyOf(values);
  }

  /** A builder for the arguments and inputs of one draw. */
  static final class Builder {
    private final String op;
    private final Map<String, AttrValue> args = new LinkedHashMap<>();
    private final List<TensorType> inputs = new ArrayList<>();
    private final List<Values> values = new ArrayList<>();

    Builder(String op) {
      this.op = op;
    }

    Builder arg(String name, AttrValue v) {
      args.put(name, v);
      return this;
    }

    Builder arg(String name, long v) {
      return arg(name, AttrValue.of(v));
    }

    Builder arg(String name, double v) {
      return arg(name, AttrValue.of(v));
    }

    Builder arg(String name, boolean v) {
      return arg(name, AttrValue.of(v));
    }

    Builder arg(String name, String v) {
      return arg(name, AttrValue.of(v));
    }

    Builder input(TensorType t, Values v) {
      inputs.add(t);
      values.add(v);
      return this;
    }

    OpDraw build() {
      return new OpDraw(op, args, inputs, values);
    }
  }

  static Builder of(String op) {
    return new Builder(op);
  }
}
