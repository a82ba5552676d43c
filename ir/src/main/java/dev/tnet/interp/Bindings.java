package dev.tnet.interp;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.GraphException;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.runtime.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Binds a graph's symbolic dims from the actual input tensors: a dim declared as a bare symbol
 * takes the input's size; every other declared dim must then evaluate to the input's size.
 */
final class Bindings {
  private Bindings() {}

  static Map<String, Long> bind(Graph g, Map<String, Tensor> inputs) {
    List<String> problems = new ArrayList<>();
    TreeSet<String> unexpected = new TreeSet<>(inputs.keySet());
    Map<String, Long> b = new LinkedHashMap<>();
    for (Graph.Input in : g.inputs()) {
      unexpected.remove(in.name());
      Tensor t = inputs.get(in.name());
      if (t == null) {
        problems.add("missing input '" + in.name() + "' (" + in.type() + ")");
        continue;
      }
      TensorType want = in.type();
      if (t.dtype() != want.dtype() || t.rank() != want.rank()) {
        problems.add("input '" + in.name() + "' must be " + want + ", got " + t.dtype() + t.shape());
        continue;
      }
      for (int i = 0; i < want.rank(); i++) {
        String sym = want.dim(i).symbolName();
        if (sym == null) continue;
        Long prev = b.putIfAbsent(sym, (long) t.shape().dim(i));
        if (prev != null && prev != t.shape().dim(i)) {
          problems.add("input '" + in.name() + "' has " + sym + "=" + t.shape().dim(i) + " but an earlier input bound " + sym + "=" + prev);
        }
      }
    }
    for (String u : unexpected) problems.add("unexpected input '" + u + "'");
    if (problems.isEmpty()) {
      for (Graph.Input in : g.inputs()) {
        Tensor t = inputs.get(in.name());
        for (int i = 0; i < in.type().rank(); i++) {
          Dim d = in.type().dim(i);
          if (d.symbolName() == null && d.eval(b) != t.shape().dim(i)) {
            problems.add("input '" + in.name() + "' must be " + in.type() + ", got " + t.dtype() + t.shape()
                + " (dim " + i + " must be " + (d.isKnown() ? d.toString() : d + " = " + d.eval(b)) + ")");
          }
        }
      }
    }
    if (problems.size() == 1) throw new GraphException(problems.get(0));
    if (!problems.isEmpty()) throw new GraphException("the inputs do not match the model:\n  " + String.join("\n  ", problems));
    return b;
  }
}
