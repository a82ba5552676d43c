package dev.tnet.ir.opt;

import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.Node;
import dev.tnet.ir.graph.TypedGraph;
import dev.tnet.ir.op.Activation;
import dev.tnet.ir.op.Binary;
import dev.tnet.ir.op.Hardtanh;
import dev.tnet.ir.op.LeakyRelu;
import dev.tnet.runtime.kernel.Epilogue;

/**
 * Fuses what follows a library layer into its epilogue, applied while each output tile is in
 * cache. Contract: following the layer's last value through sole users (never graph outputs), it
 * takes first an {@code add} of two tensors of the same type (no broadcasting, alpha 1), whose
 * other operand becomes the residual, then one activation: relu, relu6, hardtanh or leaky_relu.
 */
public final class FuseEpilogue {
  private FuseEpilogue() {}

  public static KernelPlan run(Graph g, TypedGraph typed, KernelPlan plan) {
    for (KernelPlan.Layer l : plan.layers().values()) {
      if (!l.library()) continue;
      KernelPlan.Layer fused = l;
      String value = GraphUses.tailValue(g, fused);
      Node user = GraphUses.soleUser(g, value);
      if (user != null && user.op() instanceof Binary b && b.kind() == Binary.Kind.ADD && !b.reversed() && b.other() == null
          && b.alpha().asDouble() == 1 && user.inputs().size() == 2 && user.outputs().size() == 1
          && !plan.byNode().containsKey(user.name())) {
        String residual = user.inputs().get(0).equals(value) ? user.inputs().get(1) : user.inputs().get(0);
        if (!residual.equals(value) && typed.type(residual).equals(typed.type(value)) && typed.type(user.outputs().getFirst()).equals(typed.type(value))) {
          fused = fused.withAdd(user.name(), residual, "adds residual " + residual + " (" + user.name() + ")");
          value = user.outputs().getFirst();
          user = GraphUses.soleUser(g, value);
        }
      }
      if (user != null && user.outputs().size() == 1 && !plan.byNode().containsKey(user.name())) {
        float[] ab = new float[2];
        int code = activation(user, ab);
        if (code != Epilogue.IDENTITY) fused = fused.withActivation(user.name(), code, ab[0], ab[1], "applies " + user.op().name());
      }
      if (fused != l) plan = plan.with(fused);
    }
    return plan;
  }

  /** The epilogue code of {@code n}'s op (and its arguments in {@code ab}), or IDENTITY if it has none. */
  private static int activation(Node n, float[] ab) {
    switch (n.op()) {
      case Activation a when a.kind() == Activation.Kind.RELU -> {
        return Epilogue.RELU;
      }
      case Activation a when a.kind() == Activation.Kind.RELU6 -> {
        ab[0] = 0;
        ab[1] = 6;
        return Epilogue.CLAMP;
      }
      case Hardtanh h when h.minVal() <= h.maxVal() -> {
        ab[0] = (float) h.minVal();
        ab[1] = (float) h.maxVal();
        return Epilogue.CLAMP;
      }
      case LeakyRelu r -> {
        ab[0] = (float) r.negativeSlope();
        return Epilogue.LEAKY;
      }
      default -> {
        return Epilogue.IDENTITY;
      }
    }
  }
}
