package dev.tnet.onnx.read;

import ai.onnx.proto.OnnxMl.NodeProto;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.UserException;
import java.util.ArrayList;
import java.util.List;

/** ONNX {@code Slice}: its arguments (attributes before opset 10, inputs since) resolved against a known shape. */
final class Slicing {
  /** One sliced axis, with start and end clamped as ONNX specifies. */
  record Range(int axis, long start, long end, long step) {}

  private Slicing() {}

  static List<Range> of(NodeProto n, Attributes a, List<Tensor> inputs, int opset, int[] shape) {
    long[] starts, ends, axes = null, steps = null;
    if (opset < 10) {
      starts = a.getInts("starts");
      ends = a.getInts("ends");
      axes = a.getInts("axes");
    } else {
      starts = longs(inputs, 1, n);
      ends = longs(inputs, 2, n);
      if (inputs.size() > 3 && inputs.get(3) != null) axes = inputs.get(3).longs();
      if (inputs.size() > 4 && inputs.get(4) != null) steps = inputs.get(4).longs();
    }
    List<Range> r = new ArrayList<>();
    for (int i = 0; i < starts.length; i++) {
      int axis = (int) (axes == null ? i : axes[i]);
      if (axis < 0) axis += shape.length;
      long dim = shape[axis], step = steps == null ? 1 : steps[i];
      if (step == 0) throw new UserException(ImportContext.describe(n) + ": a slice step is 0");
      long s = starts[i], e = ends[i];
      if (s < 0) s += dim;
      if (e < 0 && e > Long.MIN_VALUE / 2) e += dim;
      if (step > 0) {
        s = Math.clamp(s, 0, dim);
        e = Math.clamp(e, 0, dim);
      } else {
        s = Math.clamp(s, 0, dim - 1);
        e = Math.clamp(e, -1, dim - 1);
      }
      r.add(new Range(axis, s, e, step));
    }
    return r;
  }

  private static long[] longs(List<Tensor> inputs, int i, NodeProto n) {
    if (inputs.size() <= i || inputs.get(i) == null) {
      throw new UserException(ImportContext.describe(n) + ": the slice bounds must be constants known at import time");
    }
    return inputs.get(i).longs();
  }

  /** The number of elements a range keeps. */
  static long length(Range r) {
    return r.step() > 0 ? Math.max(0, Math.ceilDiv(r.end() - r.start(), r.step()))
        : Math.max(0, Math.ceilDiv(r.start() - r.end(), -r.step()));
  }

  static ConstantFolder.Arr fold(ConstantFolder.Arr x, List<Range> ranges) {
    int r = x.rank();
    long[] start = new long[r], step = new long[r];
    int[] s = x.shape().clone();
    for (int i = 0; i < r; i++) step[i] = 1;
    for (Range g : ranges) {
      start[g.axis()] = g.start();
      step[g.axis()] = g.step();
      s[g.axis()] = (int) length(g);
    }
    int[] st = ConstantFolder.strides(x.shape());
    int n = 1;
    for (int d : s) n *= d;
    double[] v = new double[n];
    int[] idx = new int[r];
    for (int o = 0; o < n; o++) {
      long src = 0;
      for (int i = 0; i < r; i++) src += (start[i] + idx[i] * step[i]) * st[i];
      v[o] = x.v()[(int) src];
      for (int i = r - 1; i >= 0 && ++idx[i] == s[i]; i--) idx[i] = 0;
    }
    return new ConstantFolder.Arr(s, v, x.isFloat());
  }
}
