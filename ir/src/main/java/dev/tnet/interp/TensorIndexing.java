package dev.tnet.interp;

import dev.tnet.ir.graph.TensorType;
import dev.tnet.runtime.DType;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import java.util.List;

/**
 * Index helpers of the tensor-family kernels: walking a shape's multi-indices in row-major order,
 * and building a tensor element by element from where each element comes from.
 */
final class TensorIndexing {
  private TensorIndexing() {}

  /** Where output element {@code index} reads from: a flat input offset, or -1 for the fill value. */
  interface Source {
    int offset(int[] index);
  }

  /** The types of concrete tensors. */
  static List<TensorType> types(List<Tensor> tensors) {
    return tensors.stream().map(t -> TensorType.of(t.dtype(), t.shape())).toList();
  }

  /** Advances a row-major multi-index over {@code shape} by one (the last dim fastest). */
  static void next(int[] index, Shape shape) {
    for (int d = index.length - 1; d >= 0; d--) {
      if (++index[d] < shape.dim(d)) return;
      index[d] = 0;
    }
  }

  /** The flat offset of {@code index} under {@code strides}. */
  static int offset(int[] index, int[] strides) {
    int off = 0;
    for (int d = 0; d < index.length; d++) off += index[d] * strides[d];
    return off;
  }

  /**
   * Strides that read {@code in} at each index of {@code out} it broadcasts to (0 where it
   * repeats); dims align from the right.
   */
  static int[] broadcastStrides(Shape in, Shape out) {
    int lead = out.rank() - in.rank();
    int[] own = in.strides(), strides = new int[out.rank()];
    for (int d = 0; d < in.rank(); d++) strides[d + lead] = in.dim(d) == 1 ? 0 : own[d];
    return strides;
  }

  /**
   * A tensor of {@code in}'s dtype and shape {@code out} whose element at each index is {@code in}'s
   * element at {@code source.offset(index)}, or {@code fill} (truncated for i64) where that is -1.
   */
  static Tensor gather(Tensor in, Shape out, Source source, double fill) {
    Tensor r = Tensor.zeros(in.dtype(), out);
    int[] index = new int[out.rank()];
    for (int k = 0; k < out.size(); k++) {
      int s = source.offset(index);
      if (in.dtype() == DType.F32) r.floats()[k] = s < 0 ? (float) fill : in.floats()[s];
      else r.longs()[k] = s < 0 ? (long) fill : in.longs()[s];
      next(index, out);
    }
    return r;
  }

  /** Element {@code k} of a tensor of either dtype, as a double. */
  static double doubleAt(Tensor t, int k) {
    return t.dtype() == DType.F32 ? t.floats()[k] : t.longs()[k];
  }

  /** {@code t} converted to {@code dtype} (only i64 to f32 converts; same dtype is returned as is). */
  static Tensor as(Tensor t, DType dtype) {
    if (t.dtype() == dtype) return t;
    if (dtype == DType.F32) return t.toF32();
    throw new dev.tnet.runtime.CompilerBug("no conversion from " + t.dtype() + " to " + dtype);
  }
}
