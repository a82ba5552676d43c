package dev.tnet.onnx.read;

import static dev.tnet.onnx.read.Converters.hasInput;
import static dev.tnet.onnx.read.Converters.out;
import static dev.tnet.onnx.read.Converters.requireConst;
import static dev.tnet.onnx.read.Converters.unsupported;

import ai.onnx.proto.OnnxMl.NodeProto;
import dev.tnet.runtime.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shapes and data movement: reshapes, concatenation, slicing, padding. Shape arguments must be known at import time. */
final class LayoutConverters {
  private LayoutConverters() {}

  static void register(Map<String, Converters.Converter> r) {
    r.put("Concat", LayoutConverters::concat);
    r.put("Split", LayoutConverters::split);
    r.put("Slice", LayoutConverters::slice);
    r.put("Reshape", LayoutConverters::reshape);
    r.put("Flatten", LayoutConverters::flatten);
    r.put("Transpose", LayoutConverters::transpose);
    r.put("Squeeze", LayoutConverters::squeeze);
    r.put("Unsqueeze", LayoutConverters::unsqueeze);
    r.put("Pad", LayoutConverters::pad);
    r.put("Expand", LayoutConverters::expand);
  }

  private static void concat(ImportContext c, NodeProto n, Attributes a) {
    List<String> ins = new ArrayList<>();
    for (String i : n.getInputList()) ins.add(c.tensor(i));
    int axis = Converters.axis(a.getInt("axis", 0), Converters.rank(c, ins.get(0)));
    out(c, n, c.op(n, "cat", Map.of("dim", axis), ins.toArray(String[]::new)));
  }

  private static void split(ImportContext c, NodeProto n, Attributes a) {
    String x = c.tensor(n.getInput(0));
    int[] s = Converters.shape(c, x);
    int axis = Converters.axis(a.getInt("axis", 0), s.length);
    long[] parts = c.opset < 13 ? a.getInts("split") : hasInput(n, 1) ? requireConst(c, n, 1, "the split sizes").longs() : null;
    int outs = n.getOutputCount();
    if (parts == null || parts.length == 0) {
      int size = (int) Math.ceilDiv(s[axis], outs);
      parts = new long[outs];
      for (int i = 0; i < outs; i++) parts[i] = Math.min(size, s[axis] - (long) size * i);
    }
    Object sections = Converters.ints(parts);
    if (parts.length > 1 && sections instanceof Integer) sections = (int) parts[0];
    List<String> ys = c.multi(n, "split", Map.of("split_size_or_sections", parts.length == 1 ? Converters.list(parts) : sections,
        "dim", axis), x);
    for (int i = 0; i < outs; i++) if (!n.getOutput(i).isEmpty()) c.define(n.getOutput(i), new Val.Dyn(ys.get(i)));
  }

  private static void slice(ImportContext c, NodeProto n, Attributes a) {
    String x = c.tensor(n.getInput(0));
    int[] s = Converters.shape(c, x);
    List<Tensor> in = new ArrayList<>();
    for (String i : n.getInputList()) in.add(i.isEmpty() ? null : c.constant(i));
    List<Slicing.Range> ranges = Slicing.of(n, a, in, c.opset, s);
    String y = x;
    List<Slicing.Range> real = ranges.stream().filter(r -> !(r.start() == 0 && r.end() == s[r.axis()] && r.step() == 1)).toList();
    for (int i = 0; i < real.size(); i++) {
      Slicing.Range r = real.get(i);
      if (r.step() < 0) throw unsupported(n, "a negative slice step");
      Map<String, Object> args = new LinkedHashMap<>();
      args.put("dim", r.axis());
      args.put("start", (int) r.start());
      args.put("end", (int) r.end());
      args.put("step", (int) r.step());
      y = i == real.size() - 1 ? c.op(n, "slice", args, y) : c.helper(n.getOutput(0) + "_" + r.axis(), "slice", args, y);
    }
    out(c, n, y);
  }

  private static void reshape(ImportContext c, NodeProto n, Attributes a) {
    String x = c.tensor(n.getInput(0));
    int[] s = Converters.shape(c, x);
    long[] shape = c.opset < 5 ? a.getInts("shape") : requireConst(c, n, 1, "the target shape").longs();
    int[] target = Reshaping.target(s, shape, a.getInt("allowzero", 0) != 0);
    out(c, n, reshapeTo(c, n, x, s, target));
  }

  /** {@code flatten(x, 1)} when that is the result (the usual classifier head), else {@code reshape}. */
  private static String reshapeTo(ImportContext c, NodeProto n, String x, int[] from, int[] to) {
    if (Arrays.equals(from, to)) return x;
    if (to.length == 2 && from.length > 2 && to[0] == from[0]) {
      return c.op(n, "flatten", Map.of("start_dim", 1), x);
    }
    return c.op(n, "reshape", Map.of("shape", Converters.list(to)), x);
  }

  private static void flatten(ImportContext c, NodeProto n, Attributes a) {
    String x = c.tensor(n.getInput(0));
    int[] s = Converters.shape(c, x);
    int axis = Converters.axis(a.getInt("axis", 1), s.length);
    int outer = 1, inner = 1;
    for (int i = 0; i < s.length; i++) {
      if (i < axis) outer *= s[i];
      else inner *= s[i];
    }
    out(c, n, reshapeTo(c, n, x, s, new int[] {outer, inner}));
  }

  private static void transpose(ImportContext c, NodeProto n, Attributes a) {
    String x = c.tensor(n.getInput(0));
    int r = Converters.rank(c, x);
    long[] perm = a.getInts("perm");
    if (perm == null) {
      perm = new long[r];
      for (int i = 0; i < r; i++) perm[i] = r - 1 - i;
    }
    List<Integer> moved = new ArrayList<>();
    for (int i = 0; i < r; i++) if (perm[i] != i) moved.add(i);
    if (moved.isEmpty()) {
      out(c, n, x);
    } else if (moved.size() == 2 && perm[moved.get(0)] == moved.get(1)) {
      out(c, n, c.op(n, "transpose", Map.of("dim0", moved.get(0), "dim1", moved.get(1)), x));
    } else {
      out(c, n, c.op(n, "permute", Map.of("dims", Converters.list(perm)), x));
    }
  }

  private static void squeeze(ImportContext c, NodeProto n, Attributes a) {
    String x = c.tensor(n.getInput(0));
    int r = Converters.rank(c, x);
    long[] axes = c.opset < 13 ? a.getInts("axes") : hasInput(n, 1) ? requireConst(c, n, 1, "the axes").longs() : null;
    Map<String, Object> args = new LinkedHashMap<>();
    if (axes != null) {
      List<Integer> d = new ArrayList<>();
      for (long ax : axes) d.add(Converters.axis(ax, r));
      args.put("dim", d.size() == 1 ? d.get(0) : d);
    }
    out(c, n, c.op(n, "squeeze", args, x));
  }

  private static void unsqueeze(ImportContext c, NodeProto n, Attributes a) {
    String x = c.tensor(n.getInput(0));
    int[] s = Converters.shape(c, x);
    long[] axes = c.opset < 13 ? a.getInts("axes") : requireConst(c, n, 1, "the axes").longs();
    int outRank = s.length + axes.length;
    if (axes.length == 1) {
      out(c, n, c.op(n, "unsqueeze", Map.of("dim", Converters.axis(axes[0], outRank)), x));
      return;
    }
    boolean[] inserted = new boolean[outRank];
    for (long ax : axes) inserted[Converters.axis(ax, outRank)] = true;
    int[] to = new int[outRank];
    for (int i = 0, j = 0; i < outRank; i++) to[i] = inserted[i] ? 1 : s[j++];
    out(c, n, c.op(n, "reshape", Map.of("shape", Converters.list(to)), x));
  }

  private static void pad(ImportContext c, NodeProto n, Attributes a) {
    String x = c.tensor(n.getInput(0));
    int r = Converters.rank(c, x);
    long[] pads;
    double value = 0;
    if (c.opset < 11) {
      pads = a.getInts("pads");
      value = Converters.num(a.getFloat("value", 0f));
    } else {
      pads = requireConst(c, n, 1, "the pads").longs();
      if (hasInput(n, 2)) value = Converters.scalar(requireConst(c, n, 2, "the constant value"));
    }
    if (hasInput(n, 3)) {
      long[] axes = requireConst(c, n, 3, "the axes").longs();
      long[] full = new long[2 * r];
      for (int i = 0; i < axes.length; i++) {
        int ax = Converters.axis(axes[i], r);
        full[ax] = pads[i];
        full[ax + r] = pads[i + axes.length];
      }
      pads = full;
    }
    String mode = switch (a.getString("mode", "constant")) {
      case "constant" -> "constant";
      case "reflect" -> "reflect";
      case "edge" -> "replicate";
      case "wrap" -> "circular";
      default -> throw unsupported(n, "mode='" + a.getString("mode", "") + "'");
    };
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("pad", torchPad(pads, r));
    if (!mode.equals("constant")) args.put("mode", mode);
    if (value != 0) args.put("value", value);
    out(c, n, c.op(n, "pad", args, x));
  }

  /** ONNX pads {@code [b0, b1, ..., e0, e1, ...]} over {@code dims} trailing dims as F.pad's {@code (b_last, e_last, ...)}, leading zero pairs dropped. */
  static List<Integer> torchPad(long[] pads, int dims) {
    int r = pads.length / 2;
    int first = 0;
    while (first < r - 1 && pads[first] == 0 && pads[first + r] == 0) first++;
    List<Integer> p = new ArrayList<>();
    for (int i = r - 1; i >= first; i--) {
      p.add(Math.toIntExact(pads[i]));
      p.add(Math.toIntExact(pads[i + r]));
    }
    return p;
  }

  private static void expand(ImportContext c, NodeProto n, Attributes a) {
    String x = c.tensor(n.getInput(0));
    long[] shape = requireConst(c, n, 1, "the shape").longs();
    int[] s = Converters.shape(c, x);
    int[] to = ConstantFolder.broadcastShape(s, Arrays.stream(shape).mapToInt(Math::toIntExact).toArray());
    if (Arrays.equals(to, s)) {
      out(c, n, x);
      return;
    }
    out(c, n, c.op(n, "expand", Map.of("size", Converters.list(to)), x));
  }

  /** Gather of constant indices from a computed tensor: a scalar index is {@code slice} + {@code squeeze}; a run of indices a {@code slice}. */
  static void gatherConstIndex(ImportContext c, NodeProto n, int axisAttr) {
    Tensor idx = c.constant(n.getInput(1));
    if (idx == null) throw unsupported(n, "Gather with computed indices from a computed tensor (only embedding lookups and constant indices)");
    String x = c.tensor(n.getInput(0));
    int[] s = Converters.shape(c, x);
    int axis = Converters.axis(axisAttr, s.length);
    long[] v = idx.longs().clone();
    for (int i = 0; i < v.length; i++) if (v[i] < 0) v[i] += s[axis];
    boolean run = idx.rank() == 1 && v.length > 0;
    for (int i = 1; i < v.length && run; i++) run = v[i] == v[i - 1] + 1;
    if (idx.rank() == 0 || run) {
      Map<String, Object> args = Map.of("dim", axis, "start", (int) v[0], "end", (int) v[v.length - 1] + 1);
      if (idx.rank() == 0) {
        String sl = c.helper(n.getOutput(0) + "_slice", "slice", args, x);
        out(c, n, c.op(n, "squeeze", Map.of("dim", axis), sl));
      } else {
        out(c, n, c.op(n, "slice", args, x));
      }
      return;
    }
    throw unsupported(n, "Gather of the indices " + Arrays.toString(idx.longs()) + " (tnet gathers a scalar index or a run)");
  }
}
