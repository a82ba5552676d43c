package dev.tnet.ir.opt;

import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.Node;
import dev.tnet.runtime.CompilerBug;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per conv/linear layer, the kernel it runs as and the nodes fused into it. Immutable; passes
 * return a new plan.
 */
public record KernelPlan(Map<String, Layer> layers) {
  /** No layer uses a library kernel: everything lowers to loop nests. */
  public static final KernelPlan NONE = new KernelPlan(Map.of());

  public KernelPlan {
    layers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(layers));
  }

  /** The library kernels that take no weights. */
  static final Set<String> WEIGHTLESS = Set.of("max_pool2d", "global_avg_pool", "interpolate_nearest2d");

  /**
   * Layer {@code anchor} (a conv, transposed conv, linear, max-pool, global average pool or nearest
   * interpolation node) runs as library kernel {@code kernel} ({@code conv2d}, {@code conv2d_winograd}, {@code depthwise2d},
   * {@code conv_transpose2d}, {@code linear}, or one of {@link #WEIGHTLESS}), or as its loop nest
   * when {@code kernel} is null. Fused after it, in this order: batch norm {@code batchNorm}, residual {@code add}
   * (whose other operand is {@code residual}), the scalar multiply and add {@code pre}, {@code
   * activation} (codes of {@code dev.tnet.runtime.kernel.Epilogue}, arguments {@code a, b}) and
   * the scalar multiply and add {@code post}; absent ones are null (or {@link Affine#NONE}).
   * {@code reason} says why, in one line.
   */
  public record Layer(String anchor, String kernel, String batchNorm, String add, String residual, String activation,
      int act, float a, float b, Affine pre, Affine post, String reason) {
    public boolean library() {
      return kernel != null;
    }

    /** Whether this layer runs as a library kernel without weights (a pool or an interpolation: one call, no packing). */
    public boolean weightless() {
      return library() && WEIGHTLESS.contains(kernel);
    }

    /** Whether later ops may fuse into this layer: a library layer with weights. */
    public boolean fuses() {
      return library() && !weightless();
    }

    /** The nodes this layer computes: the anchor and every fused node, in order. */
    public List<String> nodes() {
      List<String> n = new ArrayList<>(List.of(anchor));
      for (String x : new String[] {batchNorm, add}) if (x != null) n.add(x);
      n.addAll(pre.nodes());
      if (activation != null) n.add(activation);
      n.addAll(post.nodes());
      return n;
    }

    /** The last node of the layer, whose output the fused kernel writes. */
    public String tail() {
      return nodes().getLast();
    }

    Layer withBatchNorm(String bn, String why) {
      return new Layer(anchor, kernel, bn, add, residual, activation, act, a, b, pre, post, reason + "; " + why);
    }

    Layer withAdd(String addNode, String res, String why) {
      return new Layer(anchor, kernel, batchNorm, addNode, res, activation, act, a, b, pre, post, reason + "; " + why);
    }

    Layer withActivation(String node, int code, float a, float b, String why) {
      return new Layer(anchor, kernel, batchNorm, add, residual, node, code, a, b, pre, post, reason + "; " + why);
    }

    Layer withPre(Affine f, String why) {
      return new Layer(anchor, kernel, batchNorm, add, residual, activation, act, a, b, f, post, reason + "; " + why);
    }

    Layer withPost(Affine f, String why) {
      return new Layer(anchor, kernel, batchNorm, add, residual, activation, act, a, b, pre, f, reason + "; " + why);
    }
  }

  /**
   * {@code x * scale + shift} by up to two scalar graph ops ({@code nodes}: a mul, an add, or a mul
   * then an add); {@code shift} is {@code -0.0} when there is no add (it changes nothing).
   */
  public record Affine(List<String> nodes, float scale, float shift) {
    public static final Affine NONE = new Affine(List.of(), 1f, -0.0f);

    public Affine {
      nodes = List.copyOf(nodes);
    }
  }

  public Layer layer(String anchor) {
    return layers.get(anchor);
  }

  KernelPlan with(Layer l) {
    Map<String, Layer> m = new LinkedHashMap<>(layers);
    m.put(l.anchor(), l);
    return new KernelPlan(m);
  }

  /** For each node a library layer computes: that layer. */
  public Map<String, Layer> byNode() {
    Map<String, Layer> m = new HashMap<>();
    for (Layer l : layers.values()) if (l.library()) for (String n : l.nodes()) m.put(n, l);
    return m;
  }

  /** One line per layer: {@code conv1: conv2d — 7x7 stride 2 conv as implicit GEMM; folds bn1; ...}. */
  public List<String> explain() {
    return layers.values().stream().map(l -> l.anchor() + ": " + (l.library() ? l.kernel() : "loop nest") + " - " + l.reason()).toList();
  }

  /**
   * Checks the plan against its graph: a node belongs to at most one layer; the values passed from
   * one fused node to the next have that next node as their only user and are not graph outputs;
   * the residual is computed before the add and is not the layer's own chain.
   *
   * @throws CompilerBug naming the layer otherwise
   */
  public KernelPlan verify(Graph g) {
    Map<String, Node> nodes = new HashMap<>();
    Map<String, Integer> position = new HashMap<>();
    for (Node n : g.nodes()) {
      nodes.put(n.name(), n);
      position.put(n.name(), position.size());
    }
    Map<String, Integer> uses = GraphUses.counts(g);
    Set<String> outputs = new HashSet<>();
    for (Graph.Output o : g.outputs()) outputs.add(o.value());
    Set<String> seen = new HashSet<>();
    for (Layer l : layers.values()) {
      if (!l.library() && l.nodes().size() > 1) fail(l, "a loop-nest layer fuses nothing");
      List<String> chain = l.nodes();
      for (int i = 0; i < chain.size(); i++) {
        Node n = nodes.get(chain.get(i));
        if (n == null) fail(l, "no node " + chain.get(i));
        if (!seen.add(n.name())) fail(l, "node " + n.name() + " is in two layers");
        if (i + 1 < chain.size()) {
          String v = n.outputs().getFirst();
          Node next = nodes.get(chain.get(i + 1));
          if (n.outputs().size() != 1 || outputs.contains(v) || uses.getOrDefault(v, 0) != 1 || next == null || !next.inputs().contains(v)) {
            fail(l, "value " + v + " of " + n.name() + " must feed only " + chain.get(i + 1));
          }
        }
      }
      if (l.add() != null) {
        Node add = nodes.get(l.add());
        if (add.inputs().size() != 2 || !add.inputs().contains(l.residual())) fail(l, "residual " + l.residual() + " is not an operand of " + l.add());
        String chainValue = nodes.get(chain.get(chain.indexOf(l.add()) - 1)).outputs().getFirst();
        if (l.residual().equals(chainValue)) fail(l, "the residual is the layer's own value");
      }
    }
    return this;
  }

  private static void fail(Layer l, String message) {
    throw new CompilerBug("kernel plan of layer " + l.anchor() + ": " + message);
  }
}
