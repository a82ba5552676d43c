package dev.tnet.ir.opt;

import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.Node;
import dev.tnet.ir.graph.TypedGraph;
import dev.tnet.ir.op.BatchNorm;
import dev.tnet.ir.op.Conv;
import dev.tnet.ir.op.ConvTranspose;
import dev.tnet.runtime.kernel.Epilogue;

/**
 * Folds a batch norm into the library layer before it. Contract: a library layer that fuses
 * nothing yet takes the {@link BatchNorm} that is the sole user of its output (not a graph output)
 * when the norm uses running statistics (eval mode) over dim 1, the layer's output channels: a
 * conv2d or conv_transpose2d output, or a rank-2 linear output. The arithmetic ({@code W·s}, {@code (b - mean)·s +
 * beta}, {@code s = gamma / sqrt(var + eps)}) happens when weights are packed, so compiling needs
 * no weights and the model keeps PyTorch's state_dict.
 */
public final class FoldBatchNorm {
  private FoldBatchNorm() {}

  public static KernelPlan run(Graph g, TypedGraph typed, KernelPlan plan) {
    for (KernelPlan.Layer l : plan.layers().values()) {
      if (!l.fuses() || l.nodes().size() > 1 || l.act() != Epilogue.IDENTITY) continue;
      Node anchor = GraphUses.node(g, l.anchor());
      Node user = GraphUses.soleUser(g, anchor.outputs().getFirst());
      if (user == null || !(user.op() instanceof BatchNorm bn) || bn.usesBatchStats() || user.outputs().size() != 1) continue;
      if (!(anchor.op() instanceof Conv || anchor.op() instanceof ConvTranspose) && typed.type(anchor.outputs().getFirst()).rank() != 2) continue;
      plan = plan.with(l.withBatchNorm(user.name(), "folds " + user.name() + " (eval batch norm) into the packed weights"));
    }
    return plan;
  }
}
