package dev.tnet.frontend.print;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.GraphBuilder;
import dev.tnet.ir.graph.Node;
import dev.tnet.ir.graph.TensorType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Small random CNN-like graphs, valid by construction: a chain of steps (convolutions, batch norms,
 * activations, pools, residual adds, concatenations, chunk/split and rejoin, scalar arithmetic,
 * ops with a second input), each reading its random fields modulo what the current shape allows,
 * then optionally a classifier head. Layers get names of several shapes ({@code conv3},
 * {@code layer3.1}, {@code features.3.1}, {@code blk3.007}), and some layers' parameters are
 * renamed afterwards so that only {@code @(...)} can name them.
 */
final class RandomGraphs {
  private RandomGraphs() {}

  /** One step; {@code kind} picks the op, the other fields its arguments. */
  record Step(int kind, int a, int b, int c, double x, long n) {}

  /** A whole graph: the input, the steps, and the head. */
  record Recipe(int channels, int size, boolean symbolicBatch, boolean symbolicSize, boolean secondInput,
                List<Step> steps, boolean head, int headOut) {}

  static Graph build(Recipe r) {
    return new Builder(r).build();
  }

  private static final class Builder {
    private final Recipe r;
    private final GraphBuilder b = new GraphBuilder("random");
    private final Set<String> renamed = new HashSet<>();
    private final Map<String, String> extraOutputs = new java.util.LinkedHashMap<>();
    private String cur;
    private int index;

    Builder(Recipe r) {
      this.r = r;
    }

    Graph build() {
      Dim batch = r.symbolicBatch() ? Dim.sym("N") : Dim.of(2);
      Dim h = r.symbolicSize() ? Dim.sym("H") : Dim.of(r.size()), w = r.symbolicSize() ? Dim.sym("W") : Dim.of(r.size() + 1);
      cur = b.input("x", TensorType.f32(batch, Dim.of(r.channels()), h, w));
      if (r.secondInput()) b.input("z", TensorType.f32(1));
      for (Step s : r.steps()) step(s);
      if (r.head() && !r.symbolicSize()) head();
      b.output("y", cur);
      extraOutputs.forEach(b::output);
      return rename(b.build());
    }

    private void step(Step s) {
      index++;
      switch (Math.floorMod(s.kind(), 10)) {
        case 0 -> cur = conv(s, cur);
        case 1 -> cur = batchNorm(s);
        case 2 -> cur = b.call("relu", Map.of(), cur);
        case 3 -> cur = b.call("leaky_relu", Map.of("negative_slope", s.x()), cur);
        case 4 -> cur = maxPool(s);
        case 5 -> {
          String branch = b.layer(name(s), "conv2d", Map.of("out_channels", channels(), "kernel_size", 1, "bias", s.b() % 2 == 0), cur);
          cur = s.c() % 2 == 0 ? b.call("add", Map.of(), cur, branch) : b.call("add", Map.of("alpha", (int) (s.n() % 5)), branch, cur);
        }
        case 6 -> {
          if (channels() > 48) return;
          String act = b.call("relu", Map.of(), cur);
          String[] parts = s.a() % 2 == 0 ? new String[] {cur, act} : new String[] {act, cur, act};
          cur = b.call("cat", Map.of("dim", s.b() % 2 == 0 ? 1 : -3), parts);
        }
        case 7 -> splitAndRejoin(s);
        case 8 -> cur = scalar(s);
        default -> {
          if (!r.secondInput()) return;
          String op = s.a() % 2 == 0 ? "maximum" : "mul";
          cur = s.b() % 2 == 0 ? b.call(op, Map.of(), cur, "z") : b.call(op, Map.of(), "z", cur);
        }
      }
    }

    private String conv(Step s, String in) {
      int size = spatial(), k = 1 + s.a() / 6 % 3, stride = 1 + s.c() % 2;
      Map<String, Object> args = new HashMap<>(Map.of("out_channels", 1 + s.a() % 6, "bias", s.b() / 4 % 2 == 0));
      switch (s.b() % 4) {
        case 0 -> {
          int p = s.c() / 2 % 2;
          args.put("padding", p);
          k = Math.min(k, size + 2 * p);
        }
        case 1 -> {
          args.put("padding", new int[] {s.c() / 2 % 2, s.c() / 4 % 2});
          k = Math.min(k, size);
        }
        case 2 -> {
          args.put("padding", "same");
          stride = 1;
        }
        default -> {
          args.put("padding", "valid");
          k = Math.min(k, size);
        }
      }
      args.put("kernel_size", s.c() % 3 == 0 ? new int[] {k, 1} : k);
      if (stride != 1) args.put("stride", stride);
      return b.layer(name(s), "conv2d", args, in);
    }

    private String batchNorm(Step s) {
      Map<String, Object> args = new HashMap<>();
      args.put("eps", s.x());
      args.put("momentum", switch (s.c() % 3) {
        case 0 -> 0.1;
        case 1 -> null;
        default -> s.x();
      });
      args.put("affine", s.a() % 2 == 0);
      args.put("track_running_stats", s.b() % 2 == 0 || spatial() == 1);
      return b.layer(name(s), "batch_norm", args, cur);
    }

    private String maxPool(Step s) {
      int k = Math.min(1 + s.a() % 2, spatial());
      Map<String, Object> args = new HashMap<>();
      args.put("kernel_size", k);
      args.put("stride", s.c() % 3 == 0 ? null : s.c() % 3);
      args.put("padding", k == 2 && s.b() % 2 == 0 ? 1 : 0);
      boolean indices = s.b() % 3 == 0;
      args.put("return_indices", indices);
      List<String> outs = b.layerMulti("max_pool2d_" + index, "max_pool2d", args, cur);
      if (indices) extraOutputs.put("indices" + index, outs.get(1));
      return outs.get(0);
    }

    private void splitAndRejoin(Step s) {
      int c = channels();
      if (c < 2) return;
      List<String> parts = switch (s.a() % 3) {
        case 0 -> b.layerMulti("chunk_" + index, "chunk", Map.of("chunks", 2, "dim", 1), cur);
        case 1 -> b.layerMulti("split_" + index, "split", Map.of("split_size_or_sections", List.of(1, c - 1), "dim", 1), cur);
        default -> b.layerMulti("split_" + index, "split", Map.of("split_size_or_sections", 1 + s.b() % (c - 1), "dim", -3), cur);
      };
      if (s.c() % 2 == 0) extraOutputs.put("part" + index, parts.get(0));
      cur = b.call("cat", Map.of("dim", 1), parts.reversed().toArray(String[]::new));
    }

    private String scalar(Step s) {
      return switch (s.b() % 5) {
        case 0 -> b.call("add", Map.of("other", s.n()), cur);
        case 1 -> b.call("mul", Map.of("other", s.x()), cur);
        case 2 -> b.call("sub", Map.of("other", s.x(), "alpha", s.x()), cur);
        case 3 -> b.call("rsub", Map.of("other", s.n()), cur);
        default -> b.call("pow", Map.of("exponent", s.x()), cur);
      };
    }

    private void head() {
      Step s = r.steps().isEmpty() ? new Step(0, 0, 0, 0, 0, 0) : r.steps().get(0);
      index++;
      String flat = b.call("flatten", Map.of("start_dim", 1), cur);
      String logits = b.layer(name(s), "linear", Map.of("out_features", r.headOut(), "bias", r.headOut() % 2 == 0), flat);
      cur = b.call(s.a() % 2 == 0 ? "softmax" : "log_softmax", Map.of("dim", s.b() % 2 == 0 ? 1 : -1), logits);
    }

    /** A layer name unique to this step, in one of several shapes; some are marked for renaming. */
    private String name(Step s) {
      String name = switch (s.a() % 4) {
        case 0 -> "conv" + index;
        case 1 -> "layer" + index + "." + s.b() % 3;
        case 2 -> "features." + index + "." + s.b() % 3;
        default -> "blk" + index + ".00" + s.b() % 3;
      };
      if (s.c() % 5 == 1) renamed.add(name);
      return name;
    }

    /** Parameters of the marked layers named so that {@code @layer} cannot name them. */
    private Graph rename(Graph g) {
      List<Node> nodes = new ArrayList<>();
      for (Node n : g.nodes()) {
        List<String> params = n.params();
        if (renamed.contains(n.name())) {
          List<String> p = new ArrayList<>();
          for (int i = 0; i < params.size(); i++) {
            String slot = params.get(i).substring(params.get(i).lastIndexOf('.') + 1);
            p.add(n.name().hashCode() % 2 == 0 ? "w" + index + "_" + nodes.size() + "_" + slot : "r" + nodes.size() + "." + i + "." + slot);
          }
          params = p;
        }
        nodes.add(new Node(n.name(), n.op(), n.inputs(), params, n.outputs()));
      }
      return new Graph(g.name(), g.inputs(), nodes, g.outputs());
    }

    private int channels() {
      return b.type(cur).dim(1).intValue();
    }

    /** The smaller spatial size; a symbolic one counts as large. */
    private int spatial() {
      TensorType t = b.type(cur);
      int min = Integer.MAX_VALUE;
      for (Dim d : List.of(t.dim(2), t.dim(3))) min = Math.min(min, d.isKnown() ? d.intValue() : 64);
      return min;
    }
  }
}
