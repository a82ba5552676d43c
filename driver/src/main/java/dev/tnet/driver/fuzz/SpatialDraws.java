package dev.tnet.driver.fuzz;

import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.op.AttrValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Valid random calls of the spatial ops: convolutions (grouped, depthwise, strided past the
 * kernel, dilated with padding, every padding spelling and mode), pooling (ceil mode windows,
 * dilation, divisor overrides), adaptive and global pooling, interpolation in every mode.
 * Spatial sizes are chosen after the window so that the window fits, sometimes exactly.
 */
final class SpatialDraws {
  /** Multiply-adds one conv case may cost, so that the loop interpreter stays fast. */
  static final long MAC_BUDGET = 150_000;

  private SpatialDraws() {}

  static int dims(String op) {
    return op.charAt(op.length() - 2) - '0';
  }

  static OpDraw conv(String op, Rand r) {
    int d = dims(op);
    int groups, cin, cout;
    switch (r.rng.nextInt(5)) {
      case 0 -> {
        cin = groups = r.channels(17);
        cout = cin * r.pickInt(1, 1, 2);
      }
      case 1 -> {
        groups = r.pickInt(2, 3);
        cin = groups * r.pickInt(1, 2, 3);
        cout = groups * r.pickInt(1, 2, 3);
      }
      default -> {
        groups = 1;
        cin = r.channels(17);
        cout = r.channels(17);
      }
    }
    int[] k = new int[d], s = new int[d], dil = new int[d];
    for (int i = 0; i < d; i++) {
      k[i] = d == 3 ? r.pickInt(1, 2, 3) : r.pickInt(1, 1, 2, 3, 3, 5);
      s[i] = r.pickInt(1, 1, 1, 2, 3);
      if (r.chance(6)) s[i] = k[i] + 1;
      dil[i] = r.pickInt(1, 1, 1, 2, 3);
    }
    boolean strided = false;
    for (int v : s) strided |= v != 1;
    int[] pads = new int[2 * d];
    AttrValue padding;
    int style = r.rng.nextInt(6);
    if (style == 3 && strided) style = 0;
    switch (style) {
      case 0 -> {
        int p = r.pickInt(0, 0, 1, 2);
        java.util.Arrays.fill(pads, p);
        padding = AttrValue.of((long) p);
      }
      case 1 -> {
        int[] per = new int[d];
        for (int i = 0; i < d; i++) per[i] = pads[2 * i] = pads[2 * i + 1] = r.pickInt(0, 1, 2, 3);
        padding = r.perDim(per);
      }
      case 2 -> {
        for (int i = 0; i < 2 * d; i++) pads[i] = r.pickInt(0, 1, 2);
        padding = AttrValue.ints(java.util.Arrays.stream(pads).asLongStream().toArray());
      }
      case 3 -> {
        for (int i = 0; i < d; i++) {
          int total = dil[i] * (k[i] - 1);
          pads[2 * i] = total / 2;
          pads[2 * i + 1] = total - total / 2;
        }
        padding = AttrValue.of("same");
      }
      default -> padding = AttrValue.of("valid");
    }
    String mode = r.pick("zeros", "zeros", "zeros", "reflect", "replicate", "circular");
    int maxSpatial = d == 1 ? 17 : d == 2 ? 11 : 5;
    long[] shape = new long[d];
    for (int i = 0; i < d; i++) {
      int eff = dil[i] * (k[i] - 1) + 1, maxPad = Math.max(pads[2 * i], pads[2 * i + 1]);
      int min = Math.max(1, eff - pads[2 * i] - pads[2 * i + 1]);
      if (mode.equals("reflect")) min = Math.max(min, maxPad + 1);
      if (mode.equals("circular")) min = Math.max(min, maxPad);
      shape[i] = r.chance(5) ? min : Math.max(min, r.size(maxSpatial));
    }
    long[] full = batched(r, cin, shape);
    long macs = (long) cout * (cin / groups) * numel(full) / cin;
    for (int v : k) macs *= v;
    if (macs > MAC_BUDGET) return null;
    return OpDraw.of(op).arg("out_channels", cout).arg("kernel_size", r.perDim(k)).arg("stride", r.perDim(s))
        .arg("padding", padding).arg("dilation", r.perDim(dil)).arg("groups", groups).arg("bias", !r.chance(4))
        .arg("padding_mode", mode).input(TensorType.f32(full), Values.anyFloats(r.rng)).build();
  }

  static OpDraw convTranspose(String op, Rand r) {
    int d = dims(op);
    int groups = r.pickInt(1, 1, 1, 2, 3);
    int cin = groups * r.pickInt(1, 2, 3, 5), cout = groups * r.pickInt(1, 2, 3);
    int[] k = new int[d], s = new int[d], dil = new int[d], p = new int[d], outPad = new int[d];
    long[] shape = new long[d];
    for (int i = 0; i < d; i++) {
      k[i] = r.pickInt(1, 2, 3, 4);
      s[i] = r.pickInt(1, 1, 2, 3);
      if (r.chance(6)) s[i] = k[i] + 1;
      dil[i] = r.pickInt(1, 1, 2);
      p[i] = r.pickInt(0, 0, 1, 2);
      outPad[i] = r.chance(3) ? r.rng.nextInt(Math.max(s[i], dil[i])) : 0;
      int in = r.size(d == 3 ? 4 : 7);
      while ((long) (in - 1) * s[i] - 2L * p[i] + (long) dil[i] * (k[i] - 1) + outPad[i] + 1 < 1) in++;
      shape[i] = in;
    }
    long[] full = batched(r, cin, shape);
    long macs = numel(full) * (cout / groups);
    for (int v : k) macs *= v;
    if (macs > MAC_BUDGET) return null;
    return OpDraw.of(op).arg("out_channels", cout).arg("kernel_size", r.perDim(k)).arg("stride", r.perDim(s))
        .arg("padding", r.perDim(p)).arg("output_padding", r.perDim(outPad)).arg("groups", groups)
        .arg("bias", !r.chance(4)).arg("dilation", r.perDim(dil)).input(TensorType.f32(full), Values.anyFloats(r.rng)).build();
  }

  static OpDraw pool(String op, Rand r) {
    int d = dims(op);
    boolean max = op.startsWith("max");
    int[] k = new int[d], s = new int[d], p = new int[d], dil = new int[d];
    boolean defaultStride = r.chance(3);
    long[] shape = new long[d];
    for (int i = 0; i < d; i++) {
      k[i] = r.pickInt(1, 2, 2, 3, 3, 4);
      s[i] = defaultStride ? k[i] : r.pickInt(1, 2, 2, 3, k[i] + 1);
      p[i] = r.chance(2) ? 0 : r.rng.nextInt(k[i] / 2 + 1);
      dil[i] = max ? r.pickInt(1, 1, 1, 2) : 1;
      int eff = dil[i] * (k[i] - 1) + 1;
      shape[i] = Math.max(Math.max(1, eff - 2 * p[i]), r.size(d == 3 ? 7 : 13));
    }
    OpDraw.Builder b = OpDraw.of(op).arg("kernel_size", r.perDim(k)).arg("padding", r.perDim(p)).arg("ceil_mode", r.coin());
    b.arg("stride", defaultStride ? AttrValue.NONE : r.perDim(s));
    if (max) {
      b.arg("dilation", r.perDim(dil)).arg("return_indices", r.chance(3));
    } else {
      b.arg("count_include_pad", r.coin());
      if (d > 1 && r.chance(4)) b.arg("divisor_override", r.pickInt(1, 2, 3, 7));
    }
    return b.input(TensorType.f32(batched(r, r.channels(17), shape)), Values.anyFloats(r.rng)).build();
  }

  static OpDraw adaptive(String op, Rand r) {
    int d = dims(op);
    long[] shape = new long[d];
    List<AttrValue> sizes = new ArrayList<>();
    for (int i = 0; i < d; i++) {
      shape[i] = r.size(d == 3 ? 7 : 13);
      int in = (int) shape[i];
      sizes.add(r.chance(6) ? AttrValue.NONE : AttrValue.of((long) (r.chance(20) ? 0 : r.pickInt(1, 1, 2, 3, 5, in, in + 1, 2 * in))));
    }
    boolean same = sizes.stream().allMatch(sizes.get(0)::equals) && sizes.get(0) instanceof AttrValue.IntV;
    OpDraw.Builder b = OpDraw.of(op).arg("output_size", same && r.coin() ? sizes.get(0) : new AttrValue.ListV(sizes));
    if (op.contains("max")) b.arg("return_indices", r.chance(3));
    return b.input(TensorType.f32(batched(r, r.channels(17), shape)), Values.anyFloats(r.rng)).build();
  }

  static OpDraw global(String op, Rand r) {
    int d = r.between(1, 3);
    long[] shape = r.shape(d + 2, d == 3 ? 5 : 13, 3000);
    return OpDraw.of(op).input(TensorType.f32(shape), Values.anyFloats(r.rng)).build();
  }

  static OpDraw interpolate(String op, Rand r) {
    String mode = r.pick("nearest", "nearest-exact", "linear", "bilinear", "bicubic", "trilinear", "area");
    int d = switch (mode) {
      case "linear" -> 1;
      case "bilinear", "bicubic" -> 2;
      case "trilinear" -> 3;
      default -> r.between(1, 3);
    };
    long[] shape = r.shape(d + 2, d == 3 ? 5 : 9, 1500);
    OpDraw.Builder b = OpDraw.of(op).arg("mode", mode);
    if (r.coin()) {
      int[] size = new int[d];
      for (int i = 0; i < d; i++) size[i] = r.size(d == 3 ? 7 : 17);
      b.arg("size", r.perDim(size));
    } else {
      double[] choices = {0.5, 0.75, 1.0, 1.09, 1.5, 1.7, 2.0, 2.5, 3.0};
      if (r.coin()) {
        b.arg("scale_factor", r.pickDouble(choices));
      } else {
        List<AttrValue> f = new ArrayList<>();
        for (int i = 0; i < d; i++) f.add(AttrValue.of(r.pickDouble(choices)));
        b.arg("scale_factor", new AttrValue.ListV(f));
      }
      if (r.chance(3)) b.arg("recompute_scale_factor", r.coin());
    }
    if (mode.contains("linear") || mode.equals("bicubic")) {
      if (r.coin()) b.arg("align_corners", r.coin());
    }
    return b.input(TensorType.f32(shape), Values.anyFloats(r.rng)).build();
  }

  /**
   * ONNX's Resize: every mode, coordinate transformation and nearest mode; sizes or scales (one for
   * all dims, one per spatial dim, or one per dim with the batch and channel entries 1), scales that
   * make ties (0.5, 2) and ones that do not (0.6, 1.7); cubic with exclude_outside and other A.
   */
  static OpDraw resize(String op, Rand r) {
    String mode = r.pick("nearest", "linear", "cubic");
    int d = r.between(1, 3);
    long[] shape = r.shape(d + 2, d == 3 ? 5 : 9, 1500);
    OpDraw.Builder b = OpDraw.of(op).arg("mode", mode)
        .arg("coordinate_transformation_mode", r.pick("half_pixel", "half_pixel_symmetric", "pytorch_half_pixel",
            "tf_half_pixel_for_nn", "align_corners", "asymmetric"))
        .arg("nearest_mode", r.pick("round_prefer_floor", "round_prefer_ceil", "floor", "ceil"));
    if (mode.equals("cubic")) {
      if (r.coin()) b.arg("exclude_outside", true);
      if (r.chance(3)) b.arg("cubic_coeff_a", r.pickDouble(-0.5, -0.75, -1.0));
    }
    if (r.coin()) {
      int[] size = new int[d];
      for (int i = 0; i < d; i++) size[i] = r.size(d == 3 ? 7 : 17);
      b.arg("size", r.perDim(size));
    } else {
      double[] choices = {0.5, 0.6, 0.75, 1.0, 1.09, 1.5, 1.7, 2.0, 2.5, 3.0};
      if (r.chance(4)) {
        b.arg("scales", r.pickDouble(choices));
      } else {
        boolean full = r.chance(3);
        List<AttrValue> f = new ArrayList<>();
        if (full) f.addAll(List.of(AttrValue.of(1.0), AttrValue.of(1.0)));
        for (int i = 0; i < d; i++) f.add(AttrValue.of(r.pickDouble(choices)));
        b.arg("scales", new AttrValue.ListV(f));
      }
    }
    return b.input(TensorType.f32(shape), Values.anyFloats(r.rng)).build();
  }

  /** {@code [N, C, *spatial]}, or {@code [C, *spatial]} one time in five. */
  private static long[] batched(Rand r, int channels, long[] spatial) {
    boolean unbatched = r.chance(5);
    long[] full = new long[spatial.length + (unbatched ? 1 : 2)];
    int at = 0;
    if (!unbatched) full[at++] = r.pickInt(1, 1, 2, 3);
    full[at++] = channels;
    System.arraycopy(spatial, 0, full, at, spatial.length);
    return full;
  }

  static long numel(long[] shape) {
    long n = 1;
    for (long v : shape) n *= v;
    return n;
  }
}
