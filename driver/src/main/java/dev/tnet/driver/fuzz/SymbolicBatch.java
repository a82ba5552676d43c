package dev.tnet.driver.fuzz;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.GraphTyper;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.graph.TypedGraph;
import dev.tnet.runtime.UserException;
import java.util.ArrayList;
import java.util.List;

/**
 * Declares the batch dim of a case's inputs as a symbol {@code N} (or {@code B} if an input is
 * called {@code N}), as models are written, where
 * the graph allows it: every input's dim 0 must have the same size, every op must accept the
 * symbolic type and every weight must keep a fixed shape. The data stay as they are; engines bind
 * {@code N} from them. This exercises symbolic shape inference, printing and binding.
 */
final class SymbolicBatch {
  private SymbolicBatch() {}

  /** {@code c} with a symbolic batch, or {@code c} itself when its graph does not allow one. */
  static FuzzCase relax(FuzzCase c) {
    Graph g = c.graph();
    Long batch = null;
    String symbol = g.inputs().stream().anyMatch(i -> i.name().equals("N")) ? "B" : "N";
    List<Graph.Input> inputs = new ArrayList<>();
    for (Graph.Input in : g.inputs()) {
      if (in.type().rank() == 0) return c;
      long n = in.type().dim(0).value();
      if (batch != null && batch != n) return c;
      batch = n;
      List<Dim> dims = in.type().dimsCopy();
      dims.set(0, Dim.sym(symbol));
      inputs.add(new Graph.Input(in.name(), new TensorType(in.type().dtype(), dims)));
    }
    if (batch == null) return c;
    Graph relaxed = new Graph(g.name(), inputs, g.nodes(), g.outputs());
    try {
      TypedGraph typed = GraphTyper.infer(relaxed);
      if (!typed.params().values().stream().allMatch(p -> p.type().isKnown())) return c;
    } catch (UserException | dev.tnet.runtime.CompilerBug e) {
      return c;
    }
    return c.with(c.origin() + ", batch " + symbol, relaxed, c.inputs(), c.weights());
  }
}
