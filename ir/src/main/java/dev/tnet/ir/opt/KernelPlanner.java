package dev.tnet.ir.opt;

import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.GraphTyper;
import dev.tnet.ir.graph.TypedGraph;

/** The kernel-planning passes, in order, each followed by {@link KernelPlan#verify}. */
public final class KernelPlanner {
  private KernelPlanner() {}

  public static KernelPlan plan(Graph g) {
    TypedGraph typed = GraphTyper.infer(g);
    KernelPlan p = SelectKernels.run(g, typed).verify(g);
    p = FoldBatchNorm.run(g, typed, p).verify(g);
    p = FuseEpilogue.run(g, typed, p).verify(g);
    return p;
  }
}
