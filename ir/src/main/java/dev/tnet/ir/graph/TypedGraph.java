package dev.tnet.ir.graph;

import dev.tnet.ir.op.ParamSpec;
import java.util.Map;

/**
 * A graph that passed {@link GraphTyper}: the type of every value and every parameter. Parameter
 * specs carry full state_dict names ({@code layer1.0.conv1.weight}), in first-use order.
 */
public record TypedGraph(Graph graph, Map<String, TensorType> values, Map<String, ParamSpec> params) {
  public TypedGraph {
    values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
  }

  public TensorType type(String value) {
    return values.get(value);
  }
}
