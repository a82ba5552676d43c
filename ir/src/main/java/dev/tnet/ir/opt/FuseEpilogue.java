package dev.tnet.ir.opt;

import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.Node;
import dev.tnet.ir.graph.TypedGraph;
import dev.tnet.ir.op.Activation;
import dev.tnet.ir.op.Binary;
import dev.tnet.ir.op.Clamp;
import dev.tnet.ir.op.Hardtanh;
import dev.tnet.ir.op.LeakyRelu;
import dev.tnet.runtime.kernel.Epilogue;

/**
 * Fuses what follows a library layer into its epilogue, applied while each output tile is in
 * cache. Contract: following the layer's last value through sole users (never graph outputs), it
 * takes first an {@code add} of two tensors of the same type (no broadcasting, alpha 1), whose
 * other operand becomes the residual, then a scalar affine step ({@code mul(x, other=s)} and/or
 * {@code add(x, other=t)}), then one activation: relu, relu6, hardtanh, clamp with both bounds,
 * leaky_relu, hardswish or hardsigmoid, then another scalar affine step. Paddle's hardsigmoid
 * ({@code clamp(x*0.2 + 0.5, 0, 1)}) and PP-LCNet's learnable affine blocks ({@code s2 *
 * hardswish(s1*x + t1) + t2}) become one epilogue this way.
 */
public final class FuseEpilogue {
  private FuseEpilogue() {}

  public static KernelPlan run(Graph g, TypedGraph typed, KernelPlan plan) {
    for (KernelPlan.Layer l : plan.layers().values()) {
      if (!l.fuses()) continue;
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
      KernelPlan.Affine pre = affine(g, typed, plan, value);
      if (pre != KernelPlan.Affine.NONE) {
        fused = fused.withPre(pre, describe(pre));
        value = GraphUses.node(g, pre.nodes().getLast()).outputs().getFirst();
        user = GraphUses.soleUser(g, value);
      }
      if (user != null && user.outputs().size() == 1 && !plan.byNode().containsKey(user.name())) {
        float[] ab = new float[2];
        int code = activation(user, ab);
        if (code != Epilogue.IDENTITY) {
          fused = fused.withActivation(user.name(), code, ab[0], ab[1], "applies " + user.op().name());
          value = user.outputs().getFirst();
          KernelPlan.Affine post = affine(g, typed, plan, value);
          if (post != KernelPlan.Affine.NONE) {
            fused = fused.withPost(post, "then " + describe(post));
          }
        }
      }
      if (fused != l) plan = plan.with(fused);
    }
    return plan;
  }

  /** A scalar {@code mul} then/or {@code add} (or {@code sub}) applied to {@code value}, as sole users; NONE if there is none. */
  private static KernelPlan.Affine affine(Graph g, TypedGraph typed, KernelPlan plan, String value) {
    java.util.List<String> nodes = new java.util.ArrayList<>();
    float scale = 1f, shift = Epilogue.NO_SHIFT;
    Node user = GraphUses.soleUser(g, value);
    Float s = scalar(user, Binary.Kind.MUL, typed, plan, value);
    if (s != null) {
      scale = s;
      nodes.add(user.name());
      value = user.outputs().getFirst();
      user = GraphUses.soleUser(g, value);
    }
    Float t = scalar(user, Binary.Kind.ADD, typed, plan, value);
    if (t == null) {
      t = scalar(user, Binary.Kind.SUB, typed, plan, value);
      if (t != null) t = -t; // x - c is x + (-c), bit for bit
    }
    if (t != null) {
      shift = t;
      nodes.add(user.name());
    }
    return nodes.isEmpty() ? KernelPlan.Affine.NONE : new KernelPlan.Affine(nodes, scale, shift);
  }

  /** {@code scales by 0.2 and shifts by 0.5 (mul_1, add_2)}. */
  private static String describe(KernelPlan.Affine f) {
    boolean both = f.nodes().size() == 2, mul = both || Float.floatToRawIntBits(f.shift()) == Float.floatToRawIntBits(Epilogue.NO_SHIFT);
    String what = both ? "scales by " + f.scale() + " and shifts by " + f.shift() : mul ? "scales by " + f.scale() : "shifts by " + f.shift();
    return what + " (" + String.join(", ", f.nodes()) + ")";
  }

  /** The f32 number {@code n} combines {@code value} with, if {@code n} is {@code kind(value, other=c)} keeping its type. */
  private static Float scalar(Node n, Binary.Kind kind, TypedGraph typed, KernelPlan plan, String value) {
    if (n == null || !(n.op() instanceof Binary b) || b.kind() != kind || b.reversed() || b.other() == null
        || b.alpha().asDouble() != 1 || n.inputs().size() != 1 || n.outputs().size() != 1 || plan.byNode().containsKey(n.name())
        || !typed.type(n.outputs().getFirst()).equals(typed.type(value))) {
      return null;
    }
    return (float) b.other().asDouble(); // f32 arithmetic with the number rounded to f32, as the loop nest does
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
      case Activation a when a.kind() == Activation.Kind.HARDSWISH -> {
        return Epilogue.HARDSWISH;
      }
      case Activation a when a.kind() == Activation.Kind.HARDSIGMOID -> {
        return Epilogue.HARDSIGMOID;
      }
      case Clamp c when c.min() != null && c.max() != null && (float) c.min().asDouble() <= (float) c.max().asDouble() -> {
        ab[0] = (float) c.min().asDouble();
        ab[1] = (float) c.max().asDouble();
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
