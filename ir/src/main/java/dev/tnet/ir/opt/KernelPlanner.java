package dev.tnet.ir.opt;

import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.GraphTyper;
import dev.tnet.ir.graph.TypedGraph;

/** The kernel-planning passes, in order, each followed by {@link KernelPlan#verify}. */
public final class KernelPlanner {
  private KernelPlanner() {}

  /**
   * Whether 3×3 convolutions may run by Winograd's F(2×2, 3×3) ({@code conv2d_winograd}): yes
   * unless the system property {@code tnet.winograd} is {@code false}.
   */
  private static boolean winogradByDefault() {
    return !"false".equals(System.getProperty("tnet.winograd"));
  }

  public static KernelPlan plan(Graph g) {
    return plan(g, winogradByDefault());
  }

  /** The plan, with or without Winograd convolutions (see {@link SelectKernels}). */
  public static KernelPlan plan(Graph g, boolean winograd) {
    TypedGraph typed = GraphTyper.infer(g);
    KernelPlan p = SelectKernels.run(g, typed, winograd).verify(g);
    p = FoldBatchNorm.run(g, typed, p).verify(g);
    p = FuseEpilogue.run(g, typed, p).verify(g);
    return p;
  }
}
