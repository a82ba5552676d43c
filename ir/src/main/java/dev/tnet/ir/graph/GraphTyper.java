package dev.tnet.ir.graph;

import dev.tnet.ir.op.OpException;
import dev.tnet.ir.op.ParamSpec;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verifies a graph's structure and infers the type of every value and parameter.
 *
 * <p>Checks: names are defined once and before use (so nodes are in topological order, hence
 * acyclic), every op accepts its input types, each node names as many outputs and parameters as
 * its op has, a shared parameter has one type, outputs name defined values with distinct names.
 * A failure is a {@link GraphException} that names the node.
 */
public final class GraphTyper {
  private GraphTyper() {}

  public static TypedGraph infer(Graph g) {
    Map<String, TensorType> values = new LinkedHashMap<>();
    Map<String, ParamSpec> params = new LinkedHashMap<>();
    for (Graph.Input in : g.inputs()) define(values, in.name(), in.type(), "input");
    for (Node n : g.nodes()) {
      List<TensorType> inTypes = n.inputs().stream().map(v -> {
        TensorType t = values.get(v);
        if (t == null) throw new GraphException("node '" + n.name() + "' reads '" + v + "', which is not defined before it");
        return t;
      }).toList();
      List<TensorType> outTypes;
      List<ParamSpec> specs;
      try {
        outTypes = n.op().infer(inTypes);
        specs = n.op().params(inTypes);
      } catch (OpException e) {
        throw new GraphException("node '" + n.name() + "': " + e.getMessage());
      }
      if (outTypes.size() != n.outputs().size()) {
        throw new GraphException("node '" + n.name() + "': " + n.op().name() + " has " + outTypes.size()
            + " outputs but " + n.outputs().size() + " are named");
      }
      if (specs.size() != n.params().size()) {
        throw new GraphException("node '" + n.name() + "': " + n.op().name() + " has parameters "
            + specs.stream().map(ParamSpec::name).toList() + " but " + n.params().size() + " are named");
      }
      for (int i = 0; i < specs.size(); i++) {
        String full = n.params().get(i);
        ParamSpec spec = new ParamSpec(full, specs.get(i).type(), specs.get(i).init());
        ParamSpec prev = params.putIfAbsent(full, spec);
        if (prev != null && !prev.type().equals(spec.type())) {
          throw new GraphException("parameter '" + full + "' is shared with type " + prev.type()
              + " but node '" + n.name() + "' needs " + spec.type());
        }
      }
      for (int i = 0; i < outTypes.size(); i++) define(values, n.outputs().get(i), outTypes.get(i), "node '" + n.name() + "'");
    }
    Set<String> outNames = new HashSet<>();
    for (Graph.Output o : g.outputs()) {
      if (!values.containsKey(o.value())) throw new GraphException("output '" + o.name() + "' returns undefined value '" + o.value() + "'");
      if (!outNames.add(o.name())) throw new GraphException("output '" + o.name() + "' is named twice");
    }
    if (g.outputs().isEmpty()) throw new GraphException("graph '" + g.name() + "' has no outputs");
    return new TypedGraph(g, values, params);
  }

  private static void define(Map<String, TensorType> values, String name, TensorType t, String where) {
    if (values.putIfAbsent(name, t) != null) throw new GraphException(where + " redefines value '" + name + "'");
  }
}
