package dev.tnet.frontend.eval;

import dev.tnet.frontend.diag.Diagnostic;
import dev.tnet.frontend.source.Span;
import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.Node;
import dev.tnet.ir.graph.TensorType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The graph being built by evaluation: inputs, nodes and outputs, with unique node and value
 * names, one owner per layer name, and one type per parameter name.
 */
final class GraphSink {
  private final List<Graph.Input> inputs = new ArrayList<>();
  private final List<Node> nodes = new ArrayList<>();
  private final List<Graph.Output> outputs = new ArrayList<>();
  private final Set<String> valueNames = new HashSet<>();
  private final Map<String, Span> layers = new HashMap<>();
  private final Map<String, TensorType> params = new LinkedHashMap<>();
  private final Map<String, Span> paramOwners = new HashMap<>();

  Value.TensorVal input(String name, TensorType type, Span span) {
    valueNames.add(name);
    inputs.add(new Graph.Input(name, type));
    return new Value.TensorVal(name, type, span);
  }

  /** A value name based on {@code preferred} that is not taken yet. */
  String freshName(String preferred) {
    String name = preferred;
    for (int k = 2; !valueNames.add(name); k++) name = preferred + "_" + k;
    return name;
  }

  /** Claims a layer name (a named op with weights, or a named block call); a second claim is an error. */
  void claimLayer(String fullName, Span span) {
    Span prev = layers.putIfAbsent(fullName, span);
    if (prev != null) {
      throw new EvalError(span, "the layer name '" + fullName + "' is used twice",
          new Diagnostic.Note(prev, "first used here"));
    }
  }

  /** Registers a parameter; a parameter named twice is an error (weights are not shared silently). */
  void claimParam(String fullName, TensorType type, Span span) {
    Span prev = paramOwners.putIfAbsent(fullName, span);
    if (prev != null) {
      throw new EvalError(span, "the parameter name '" + fullName + "' is used twice",
          new Diagnostic.Note(prev, "first used here"));
    }
    params.put(fullName, type);
  }

  void add(Node n) {
    nodes.add(n);
  }

  void output(String name, String value, Span span) {
    for (Graph.Output o : outputs) {
      if (o.name().equals(name)) throw new EvalError(span, "the output '" + name + "' is returned twice");
    }
    outputs.add(new Graph.Output(name, value));
  }

  Graph build(String name) {
    return new Graph(name, inputs, nodes, outputs);
  }
}
