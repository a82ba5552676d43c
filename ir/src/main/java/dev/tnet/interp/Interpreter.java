package dev.tnet.interp;

import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.GraphException;
import dev.tnet.ir.graph.GraphTyper;
import dev.tnet.ir.graph.Node;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.graph.TypedGraph;
import dev.tnet.ir.op.OpException;
import dev.tnet.ir.op.ParamSpec;
import dev.tnet.runtime.CompilerBug;
import dev.tnet.runtime.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Runs a graph node by node with the reference {@link Kernels}: the definition every backend is
 * tested against. Checks inputs and weights first and reports every problem at once.
 */
public final class Interpreter {
  private Interpreter() {}

  /** Runs {@code g} and returns its outputs by output name, in declaration order. */
  public static Map<String, Tensor> run(Graph g, Map<String, Tensor> inputs, Map<String, Tensor> weights) {
    TypedGraph typed = GraphTyper.infer(g);
    Map<String, Long> symbols = Bindings.bind(g, inputs);
    checkWeights(typed, weights, symbols);
    Map<String, Tensor> values = new HashMap<>(inputs);
    for (Node n : g.nodes()) {
      List<Tensor> in = n.inputs().stream().map(values::get).toList();
      List<TensorType> inTypes = in.stream().map(t -> TensorType.of(t.dtype(), t.shape())).toList();
      List<TensorType> outTypes;
      try {
        outTypes = n.op().infer(inTypes);
      } catch (OpException e) {
        throw new GraphException("node '" + n.name() + "': " + e.getMessage());
      }
      for (int i = 0; i < outTypes.size(); i++) {
        var declared = typed.type(n.outputs().get(i)).bind(symbols);
        if (!outTypes.get(i).shape().equals(declared)) {
          throw new GraphException("node '" + n.name() + "' gives " + outTypes.get(i).shape() + " for these input shapes, but the"
              + " model's types say " + typed.type(n.outputs().get(i)) + " = " + declared);
        }
      }
      List<Tensor> params = n.params().stream().map(weights::get).toList();
      List<Tensor> out = Kernels.eval(n.op(), in, params);
      for (int i = 0; i < out.size(); i++) {
        Tensor t = out.get(i);
        if (!t.shape().equals(outTypes.get(i).shape()) || t.dtype() != outTypes.get(i).dtype()) {
          throw new CompilerBug("reference kernel of " + n.op().name() + " returned " + t.dtype() + t.shape()
              + " for output " + i + " but inference says " + outTypes.get(i));
        }
        values.put(n.outputs().get(i), t);
      }
    }
    Map<String, Tensor> result = new LinkedHashMap<>();
    for (Graph.Output o : g.outputs()) result.put(o.name(), values.get(o.value()));
    return result;
  }

  /** Fails listing every missing, unexpected and mis-shaped weight. */
  public static void checkWeights(TypedGraph typed, Map<String, Tensor> weights, Map<String, Long> symbols) {
    List<String> problems = new ArrayList<>();
    for (ParamSpec p : typed.params().values()) {
      Tensor t = weights.get(p.name());
      if (t == null) {
        problems.add("missing weight '" + p.name() + "' " + p.type());
        continue;
      }
      var want = p.type().bind(symbols);
      if (!t.shape().equals(want) || t.dtype() != p.type().dtype()) {
        problems.add("weight '" + p.name() + "' must be " + p.type().dtype() + want + ", got " + t.dtype() + t.shape());
      }
    }
    TreeSet<String> unexpected = new TreeSet<>(weights.keySet());
    unexpected.removeAll(typed.params().keySet());
    for (String u : unexpected) problems.add("unexpected weight '" + u + "'");
    if (!problems.isEmpty()) throw new GraphException("weights do not match the model:\n  " + String.join("\n  ", problems));
  }
}
