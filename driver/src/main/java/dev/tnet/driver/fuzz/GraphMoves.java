package dev.tnet.driver.fuzz;

import static dev.tnet.driver.fuzz.GraphState.kw;

import dev.tnet.ir.graph.TensorType;
import java.util.ArrayList;
import java.util.List;

/**
 * The ways {@link GraphCases} grows a graph from a value {@code v} of the pool, each choosing its
 * arguments from {@code v}'s type so that the op's constraints hold: windows that fit, groups that
 * divide, a second operand of the same or a broadcastable shape (made on the spot if the pool has
 * none), upsampling to another value's exact size. Only ops continuous in their inputs are used
 * (no floor, sign, argmax, indices, rounding division), since a graph's intermediate values differ
 * by rounding between engines and a discontinuity would turn that into a different answer.
 */
final class GraphMoves {
  /** Multiply-adds one conv node may cost. */
  static final long MAC_BUDGET = 120_000;
  /** Elements one value may hold. */
  static final long MAX_ELEMS = 6_000;

  private GraphMoves() {}

  static void activation(GraphState s, String v) {
    Rand r = s.r;
    String op = r.pick("relu", "relu6", "leaky_relu", "elu", "celu", "selu", "sigmoid", "tanh", "hardtanh",
        "hardsigmoid", "hardswish", "silu", "gelu", "softplus", "mish", "prelu");
    var a = switch (op) {
      case "leaky_relu" -> kw("negative_slope", r.pickDouble(0.01, 0.2));
      case "elu", "celu" -> kw("alpha", r.pickDouble(1.0, 0.5));
      case "hardtanh" -> kw("min_val", -1.0, "max_val", r.pickDouble(1.0, 2.0));
      case "gelu" -> kw("approximate", r.pick("none", "tanh"));
      case "softplus" -> kw("beta", r.pickDouble(1.0, 2.0), "threshold", r.pickDouble(20.0, 2.0));
      case "prelu" -> s.rank(v) >= 2 && r.coin() ? kw("num_parameters", (int) s.shape(v)[1]) : kw();
      default -> kw();
    };
    s.call(op, a, v);
  }

  /** A convolution over the spatial dims of a rank-3 to 5 value, dim 1 as channels. */
  static String conv(GraphState s, String v, Integer outChannels, boolean keepSize) {
    int rank = s.rank(v);
    if (rank < 3 || rank > 5) return null;
    Rand r = s.r;
    long[] x = s.shape(v);
    int d = rank - 2, c = (int) x[1];
    int groups = r.chance(4) ? c : r.chance(4) ? largestDivisor(c, r.pickInt(2, 3)) : 1;
    int out = outChannels != null ? outChannels : groups * Math.max(1, r.channels(17) / groups);
    if (out % groups != 0) groups = 1;
    int[] k = new int[d], st = new int[d], dil = new int[d], p = new int[d];
    long outSpatial = 1, taps = 1;
    for (int i = 0; i < d; i++) {
      long size = x[2 + i];
      k[i] = size >= 5 && r.chance(4) ? 5 : size >= 3 || r.coin() ? r.pickInt(1, 3, 3) : 1;
      st[i] = keepSize ? 1 : r.pickInt(1, 1, 2);
      dil[i] = !keepSize && size >= 7 && r.chance(5) ? 2 : 1;
      p[i] = keepSize ? dil[i] * (k[i] - 1) / 2 : r.pickInt(0, dil[i] * (k[i] - 1) / 2);
      if (keepSize && k[i] % 2 == 0) return null;
      long eff = (long) dil[i] * (k[i] - 1) + 1;
      if (size + 2L * p[i] < eff) return null;
      outSpatial *= (size + 2L * p[i] - eff) / st[i] + 1;
      taps *= k[i];
    }
    if (x[0] * out * (c / groups) * outSpatial * taps > MAC_BUDGET || x[0] * out * outSpatial > MAX_ELEMS) return null;
    boolean same = keepSize && r.coin();
    String mode = r.chance(5) ? r.pick("reflect", "replicate", "circular") : "zeros";
    for (int i = 0; i < d; i++) if (mode.equals("reflect") && p[i] >= x[2 + i]) mode = "zeros";
    return s.call("conv" + d + "d", kw("out_channels", out, "kernel_size", k, "stride", st, "padding", same ? "same" : p,
        "dilation", dil, "groups", groups, "bias", r.chance(4) ? false : true, "padding_mode", mode), v);
  }

  static int largestDivisor(int n, int want) {
    for (int g = want; g > 1; g--) if (n % g == 0) return g;
    return 1;
  }

  static void convTranspose(GraphState s, String v) {
    int rank = s.rank(v);
    if (rank < 3 || rank > 5) return;
    long[] x = s.shape(v);
    int d = rank - 2;
    boolean up = s.r.coin();
    long outSpatial = 1;
    for (int i = 0; i < d; i++) outSpatial *= up ? 2 * x[2 + i] : x[2 + i];
    int out = s.r.channels(9);
    if (x[0] * out * outSpatial > MAX_ELEMS || x[0] * out * x[1] * outSpatial * (up ? 1 : 9) > MAC_BUDGET) return;
    s.call("conv_transpose" + d + "d", up ? kw("out_channels", out, "kernel_size", 2, "stride", 2)
        : kw("out_channels", out, "kernel_size", 3, "padding", 1), v);
  }

  static void pool(GraphState s, String v) {
    int rank = s.rank(v);
    if (rank < 3 || rank > 5) return;
    Rand r = s.r;
    long[] x = s.shape(v);
    int d = rank - 2;
    String kind = r.pick("max_pool", "avg_pool", "adaptive_avg_pool", "adaptive_max_pool", "global");
    if (kind.equals("global")) {
      s.call(r.pick("global_avg_pool", "global_max_pool"), kw(), v);
      return;
    }
    if (kind.startsWith("adaptive")) {
      int[] size = new int[d];
      for (int i = 0; i < d; i++) size[i] = (int) Math.max(1, r.coin() ? x[2 + i] / 2 : r.pickInt(1, 2, 3));
      s.call(kind + d + "d", kw("output_size", size), v);
      return;
    }
    int[] k = new int[d], p = new int[d];
    for (int i = 0; i < d; i++) {
      k[i] = (int) Math.min(x[2 + i], r.pickInt(2, 2, 3));
      p[i] = r.chance(3) ? k[i] / 2 : 0;
    }
    Object stride = r.coin() ? null : r.pickInt(1, 2);
    var a = kw("kernel_size", k, "stride", stride, "padding", p, "ceil_mode", r.coin());
    if (kind.equals("avg_pool")) a.put("count_include_pad", r.coin());
    s.call(kind + d + "d", a, v);
  }

  static void norm(GraphState s, String v) {
    Rand r = s.r;
    long[] x = s.shape(v);
    int rank = x.length;
    if (rank < 1) return;
    long perChannel = rank >= 2 ? s.numel(v) / x[1] : 0, spatial = rank >= 3 ? perChannel / x[0] : 0;
    switch (r.rng.nextInt(6)) {
      case 0 -> {
        if (rank < 2) return;
        boolean training = perChannel >= 4 && r.chance(3);
        List<String> outs = s.callMulti("batch_norm", kw("training", training, "momentum", r.chance(4) ? null : 0.1), v);
        if (outs != null && outs.size() > 1) s.pool.removeAll(outs.subList(1, outs.size()));
      }
      case 1 -> {
        if (rank < 3 || spatial < 4) return;
        s.call("instance_norm", kw("affine", r.coin()), v);
      }
      case 2 -> {
        if (rank < 2) return;
        int g = largestDivisor((int) x[1], r.pickInt(1, 2, 4));
        if (perChannel * x[1] / x[0] / g < 4) return;
        s.call("group_norm", kw("num_groups", g), v);
      }
      case 3, 4 -> {
        int n = r.between(1, Math.min(2, rank));
        int[] ns = new int[n];
        long size = 1;
        for (int i = 0; i < n; i++) size *= ns[i] = (int) x[rank - n + i];
        if (size < 4) return;
        s.call(r.coin() ? "layer_norm" : "rms_norm", kw("normalized_shape", ns), v);
      }
      default -> s.call("dyt", kw(), v);
    }
  }

  /** A second operand of {@code v}'s exact shape: a pool value, or a branch made from {@code v}. */
  static String partner(GraphState s, String v) {
    String u = s.sameType(s.type(v), v);
    if (u != null && s.r.coin()) return u;
    if (s.rank(v) >= 3 && s.rank(v) <= 5 && s.r.coin()) {
      String c = conv(s, v, (int) s.shape(v)[1], true);
      if (c != null) return c;
    }
    return s.r.coin() ? s.call("tanh", kw(), v) : s.call("mul", kw("other", s.r.pickDouble(0.5, -2.0)), v);
  }

  /** A residual or gating combination of {@code v} with a same-shape partner. */
  static void combine(GraphState s, String v) {
    String u = partner(s, v);
    if (u == null) return;
    Rand r = s.r;
    switch (r.rng.nextInt(6)) {
      case 0 -> s.call("add", kw("alpha", r.pickDouble(1.0, 0.5)), v, u);
      case 1 -> s.call("sub", kw(), v, u);
      case 2 -> s.call("mul", kw(), v, u);
      case 3 -> s.call(r.pick("maximum", "minimum"), kw(), v, u);
      case 4 -> {
        String d = positive(s, u);
        if (d != null) s.call("div", kw(), v, d);
      }
      default -> s.call("add", kw(), v, u);
    }
  }

  /** {@code |v| + 1}: a safe divisor, square-root or logarithm argument. */
  static String positive(GraphState s, String v) {
    String a = s.call("abs", kw(), v);
    return a == null ? null : s.call("add", kw("other", 1.0), a);
  }

  /** {@code v} against a statistic of itself or a new input of a broadcastable shape. */
  static void broadcast(GraphState s, String v) {
    Rand r = s.r;
    long[] x = s.shape(v);
    String u;
    if (r.coin() && x.length > 0) {
      List<Integer> dims = new ArrayList<>();
      for (int i = x.length > 2 ? 2 : x.length - 1; i < x.length; i++) dims.add(i);
      String kind = r.pick("mean", "amax", "amin", "sum", "var");
      u = s.call(kind, kind.equals("var") ? kw("dim", dims, "keepdim", true, "correction", 0) : kw("dim", dims, "keepdim", true), v);
    } else {
      int rank = r.between(0, x.length);
      long[] b = new long[rank];
      for (int i = 0; i < rank; i++) b[i] = r.coin() ? 1 : x[x.length - rank + i];
      u = s.input("b" + s.inputValues.size(), TensorType.f32(b), GraphCases.graphValues(r));
    }
    if (u == null) return;
    switch (r.rng.nextInt(4)) {
      case 0 -> s.call("sub", kw(), v, u);
      case 1 -> s.call("mul", kw(), v, u);
      case 2 -> {
        String d = positive(s, u);
        if (d != null) s.call("div", kw(), v, d);
      }
      default -> s.call("add", kw(), r.coin() ? v : u, r.coin() ? u : v);
    }
  }

  /** Joins {@code v} with values that differ only in dim 1 (or the last dim), made by branching. */
  static void cat(GraphState s, String v) {
    Rand r = s.r;
    int rank = s.rank(v);
    if (rank < 2) return;
    String u;
    int dim;
    if (rank >= 3 && rank <= 5 && r.coin()) {
      u = conv(s, v, r.channels(9), true);
      dim = 1;
    } else {
      u = s.call("linear", kw("out_features", r.channels(17)), v);
      dim = -1;
    }
    if (u == null) return;
    if (s.numel(v) + s.numel(u) > MAX_ELEMS) return;
    List<String> parts = new ArrayList<>(List.of(v, u));
    if (r.chance(3)) parts.add(r.coin() ? v : u);
    java.util.Collections.shuffle(parts, new java.util.Random(r.nextLong()));
    s.call("cat", kw("dim", dim), parts.toArray(String[]::new));
  }

  static void split(GraphState s, String v) {
    Rand r = s.r;
    long[] x = s.shape(v);
    if (x.length < 2) return;
    int dim = r.coin() ? 1 : x.length - 1;
    int size = (int) x[dim];
    if (size < 2) return;
    if (r.coin()) s.callMulti("chunk", kw("chunks", r.between(2, Math.min(size, 4)), "dim", dim), v);
    else s.callMulti("split", kw("split_size_or_sections", r.between(1, size - 1), "dim", dim), v);
  }

  /** Flattens or reshapes between conv layers, or adds a linear head. */
  static void reshape(GraphState s, String v) {
    Rand r = s.r;
    long[] x = s.shape(v);
    int rank = x.length;
    switch (r.rng.nextInt(4)) {
      case 0 -> {
        if (rank < 2) return;
        String f = rank > 2 ? s.call("flatten", kw("start_dim", 1), v) : v;
        if (f != null && s.shape(f)[1] <= 600) s.call("linear", kw("out_features", r.pickInt(3, 10, 17)), f);
      }
      case 1 -> {
        if (rank != 4) return;
        s.call(r.coin() ? "reshape" : "view", kw(r.coin() ? "shape" : "size", new int[] {(int) x[0], (int) x[1], -1}), v);
      }
      case 2 -> {
        if (rank != 3 || x[2] % 2 != 0) return;
        s.call("unflatten", kw("dim", 2, "sizes", new int[] {2, -1}), v);
      }
      default -> {
        if (rank < 2) return;
        s.call("flatten", kw("start_dim", r.between(0, rank - 2), "end_dim", -1), v);
      }
    }
  }

  /** Upsamples {@code v} to the spatial size of a larger pool value and joins the two. */
  static void upsample(GraphState s, String v) {
    Rand r = s.r;
    int rank = s.rank(v);
    if (rank < 3 || rank > 5) return;
    long[] x = s.shape(v);
    String target = null;
    for (String u : s.pool) {
      long[] y = s.shape(u);
      if (y.length == rank && y[0] == x[0] && !u.equals(v) && !java.util.Arrays.equals(x, y)) target = u;
    }
    int d = rank - 2;
    String mode = switch (d) {
      case 1 -> r.pick("nearest", "linear", "nearest-exact", "area");
      case 2 -> r.pick("nearest", "bilinear", "bicubic", "nearest-exact", "area");
      default -> r.pick("nearest", "trilinear", "area");
    };
    boolean linear = mode.contains("linear") || mode.equals("bicubic");
    if (target == null) {
      long outSpatial = 1;
      for (int i = 0; i < d; i++) outSpatial *= 2 * x[2 + i];
      if (x[0] * x[1] * outSpatial > MAX_ELEMS) return;
      s.call("interpolate", linear ? kw("scale_factor", 2.0, "mode", mode, "align_corners", r.coin()) : kw("scale_factor", 2.0, "mode", mode), v);
      return;
    }
    long[] y = s.shape(target);
    int[] size = new int[d];
    for (int i = 0; i < d; i++) size[i] = (int) y[2 + i];
    String up = s.call("interpolate", linear && r.coin() ? kw("size", size, "mode", mode, "align_corners", true) : kw("size", size, "mode", mode), v);
    if (up == null) return;
    if (x[1] == y[1]) s.call("add", kw(), up, target);
    else if (s.numel(up) + s.numel(target) <= MAX_ELEMS) s.call("cat", kw("dim", 1), up, target);
  }

  static void softmax(GraphState s, String v) {
    int rank = s.rank(v);
    int dim = rank == 0 ? 0 : s.r.coin() ? -1 : s.r.rng.nextInt(rank);
    s.call(s.r.pick("softmax", "log_softmax"), kw("dim", dim), v);
  }

  /** Scaled dot-product self-attention over a {@code [N, L, D]} value. */
  static void attention(GraphState s, String v) {
    if (s.rank(v) != 3) return;
    Rand r = s.r;
    long[] x = s.shape(v);
    if (x[0] * x[1] * x[1] > MAX_ELEMS) return;
    int e = r.channels(17);
    String q = s.call("linear", kw("out_features", e), v);
    String k = s.call("linear", kw("out_features", e), v);
    if (q == null || k == null) return;
    String kt = s.call("transpose", kw("dim0", 1, "dim1", 2), k);
    String scores = s.call(r.coin() ? "matmul" : "bmm", kw(), q, kt);
    if (scores == null) return;
    String scaled = s.call("mul", kw("other", 1 / Math.sqrt(e)), scores);
    String p = s.call("softmax", kw("dim", -1), scaled);
    if (p != null) s.call("matmul", kw(), p, v);
  }

  static void layout(GraphState s, String v) {
    Rand r = s.r;
    long[] x = s.shape(v);
    int rank = x.length;
    switch (r.rng.nextInt(6)) {
      case 0 -> {
        if (rank >= 2) s.call("transpose", kw("dim0", r.rng.nextInt(rank), "dim1", r.rng.nextInt(rank)), v);
      }
      case 1 -> s.call("permute", kw("dims", r.permutation(rank)), v);
      case 2 -> {
        String u = s.call("unsqueeze", kw("dim", r.between(-rank - 1, rank)), v);
        if (u != null && r.coin()) s.call("squeeze", kw(), u);
      }
      case 3 -> {
        if (rank < 1) return;
        int[] pad = new int[2 * Math.min(rank, r.between(1, 2))];
        for (int i = 0; i < pad.length; i++) pad[i] = r.pickInt(0, 1, 2);
        String mode = rank >= 2 && pad.length / 2 < rank ? r.pick("constant", "reflect", "replicate", "circular") : "constant";
        if (pad.length / 2 + 2 < rank && !mode.equals("constant")) mode = "constant";
        for (int i = 0; i < pad.length / 2; i++) {
          long size = x[rank - 1 - i];
          if ((mode.equals("reflect") && Math.max(pad[2 * i], pad[2 * i + 1]) >= size)
              || (mode.equals("circular") && Math.max(pad[2 * i], pad[2 * i + 1]) > size)) {
            mode = "constant";
          }
        }
        long grown = s.numel(v) * 4;
        if (grown <= MAX_ELEMS) s.call("pad", mode.equals("constant") ? kw("pad", pad, "value", r.pickDouble(0.0, 0.5)) : kw("pad", pad, "mode", mode), v);
      }
      case 4 -> {
        if (rank < 1) return;
        int a = r.rng.nextInt(rank);
        if (x[a] < 2) return;
        s.call("slice", kw("dim", a, "start", r.between(0, (int) x[a] / 2), "end", r.coin() ? null : (Object) (int) x[a], "step", r.pickInt(1, 2)), v);
      }
      default -> {
        String u = partner(s, v);
        if (u != null && s.numel(v) * 2 <= MAX_ELEMS) s.call("stack", kw("dim", r.between(-rank - 1, rank)), v, u);
      }
    }
  }

  /** A continuous pointwise function, its argument made safe where the function has a pole or a cut. */
  static void pointwise(GraphState s, String v) {
    Rand r = s.r;
    switch (r.rng.nextInt(9)) {
      case 0 -> {
        String p = positive(s, v);
        if (p != null) s.call(r.pick("sqrt", "rsqrt", "log", "reciprocal"), kw(), p);
      }
      case 1 -> {
        String c = s.call("clamp", kw("max", 2.0), v);
        if (c != null) s.call("exp", kw(), c);
      }
      case 2 -> s.call(r.pick("sin", "cos", "erf", "abs", "neg", "square"), kw(), v);
      case 3 -> {
        String p = positive(s, v);
        if (p != null) s.call("pow", kw("exponent", r.pickDouble(2.0, 0.5, 3.0, -1.0)), p);
      }
      case 4 -> s.call("clamp", r.coin() ? kw("min", -1.0, "max", 1.0) : kw("min", 0.0), v);
      case 5 -> s.call(r.pick("mul", "add", "sub", "rsub", "div"), kw("other", r.pickDouble(0.5, 2.0, -1.5, 3.0)), v);
      case 6 -> s.call("dropout", kw("p", r.pickDouble(0.2, 0.5), "training", true, "seed", r.between(0, 99)), v);
      case 7 -> {
        String p = positive(s, v);
        if (p != null) s.call("rpow", kw("other", 2.0), s.call("neg", kw(), p));
      }
      default -> {
        String c = s.call("clamp", kw("min", -4.0, "max", 4.0), v);
        if (c != null) s.call("rdiv", kw("other", 1.0), s.call("add", kw("other", 5.0), c));
      }
    }
  }

  /** Reductions that keep the value usable: over trailing dims, sometimes keeping them. */
  static void reduce(GraphState s, String v) {
    Rand r = s.r;
    int rank = s.rank(v);
    if (rank < 2) return;
    String op = r.pick("sum", "mean", "amax", "amin", "var", "std", "max", "min", "prod");
    int dim = r.between(1, rank - 1);
    if (op.equals("max") || op.equals("min")) {
      s.callMulti(op, kw("dim", dim, "keepdim", r.coin()), v);
      return;
    }
    if (op.equals("prod")) {
      if (s.shape(v)[dim] <= 4) s.call("prod", kw("dim", dim, "keepdim", r.coin()), s.call("tanh", kw(), v));
      return;
    }
    var a = kw("dim", new int[] {dim}, "keepdim", r.coin());
    if (op.equals("var") || op.equals("std")) {
      if (s.shape(v)[dim] < 4) return;
      a.put("correction", r.pickInt(0, 1));
    }
    s.call(op, a, v);
  }

  static void matmul(GraphState s, String v) {
    int rank = s.rank(v);
    if (rank < 1 || rank > 4) return;
    long[] x = s.shape(v);
    if (rank == 2) {
      if (x[0] * x[0] <= MAX_ELEMS) s.call("mm", kw(), v, s.call("transpose", kw("dim0", 0, "dim1", 1), v));
      return;
    }
    String t = rank == 1 ? v : s.call("transpose", kw("dim0", -1, "dim1", -2), v);
    if (t != null && (rank == 1 || s.numel(v) / x[rank - 1] * x[rank - 2] <= MAX_ELEMS)) s.call("matmul", kw(), v, t);
  }
}
