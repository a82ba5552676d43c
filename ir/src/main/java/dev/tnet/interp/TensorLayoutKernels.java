package dev.tnet.interp;

import dev.tnet.ir.op.Checks;
import dev.tnet.ir.op.Pad;
import dev.tnet.ir.op.Slice;
import dev.tnet.runtime.DType;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Reference kernels of the tensor family's data-movement ops: each output element is copied from
 * one input element (or is a pad value). Shapes come from the ops' {@code infer}.
 */
final class TensorLayoutKernels {
  private TensorLayoutKernels() {}

  /** The same elements in row-major order under another shape (reshape, flatten, squeeze, ...). */
  static Tensor reshape(Tensor x, Shape out) {
    return x.copy().reshape(out);
  }

  /** Dim {@code i} of the result is dim {@code src[i]} of {@code x}. */
  static Tensor permute(Tensor x, int[] src, Shape out) {
    int[] strides = x.strides();
    return TensorIndexing.gather(x, out, index -> {
      int off = 0;
      for (int i = 0; i < index.length; i++) off += index[i] * strides[src[i]];
      return off;
    }, 0);
  }

  /** Broadcasts {@code x} to {@code out}: dims align from the right; size-1 dims repeat. */
  static Tensor expand(Tensor x, Shape out) {
    int[] strides = TensorIndexing.broadcastStrides(x.shape(), out);
    return TensorIndexing.gather(x, out, index -> TensorIndexing.offset(index, strides), 0);
  }

  /** Elements {@code first, first + step, ...} of {@code x} along {@code axis}, {@code out} long. */
  static Tensor narrow(Tensor x, int axis, int first, long step, Shape out) {
    int[] strides = x.strides();
    return TensorIndexing.gather(x, out, index -> {
      int off = 0;
      for (int d = 0; d < index.length; d++) {
        off += (d == axis ? (int) (first + step * index[d]) : index[d]) * strides[d];
      }
      return off;
    }, 0);
  }

  static Tensor slice(Slice op, Tensor x, Shape out) {
    int axis = Checks.axis(op.name(), "dim", op.dim(), x.rank());
    return narrow(x, axis, op.first(x.shape().dim(axis)), op.step(), out);
  }

  /** Consecutive pieces of {@code x} along {@code axis}, with the sizes of {@code outs}. */
  static List<Tensor> split(Tensor x, int axis, List<Shape> outs) {
    List<Tensor> pieces = new ArrayList<>();
    int first = 0;
    for (Shape s : outs) {
      pieces.add(narrow(x, axis, first, 1, s));
      first += s.dim(axis);
    }
    return pieces;
  }

  /** Joins {@code parts} (already of the result's dtype) along {@code axis}. */
  static Tensor cat(List<Tensor> parts, int axis, DType dtype, Shape out) {
    Tensor r = Tensor.zeros(dtype, out);
    int[] outStrides = out.strides();
    int start = 0;
    for (Tensor p : parts) {
      int[] index = new int[p.rank()];
      for (int k = 0; k < p.size(); k++) {
        int o = TensorIndexing.offset(index, outStrides) + start * outStrides[axis];
        if (dtype == DType.F32) r.floats()[o] = p.floats()[k];
        else r.longs()[o] = p.longs()[k];
        TensorIndexing.next(index, p.shape());
      }
      start += p.shape().dim(axis);
    }
    return r;
  }

  /**
   * {@code F.pad}: per dim, output coordinate {@code o} reads input coordinate {@code o - before}
   * through {@link Padding#source}, except circular, which wraps within the cropped dim (PyTorch
   * 1.13 crops negative pads first there).
   */
  static Tensor pad(Pad op, Tensor x, Shape out) {
    int rank = x.rank();
    Padding mode = Padding.of(op.mode().argName());
    int[] strides = x.strides();
    return TensorIndexing.gather(x, out, index -> {
      int off = 0;
      for (int d = 0; d < rank; d++) {
        int size = x.shape().dim(d), before = op.before(d, rank), after = op.after(d, rank);
        int src;
        if (mode == Padding.CIRCULAR) {
          int cropped = size + Math.min(before, 0) + Math.min(after, 0);
          src = Math.max(-before, 0) + mode.source(index[d] - Math.max(before, 0), cropped);
        } else {
          src = mode.source(index[d] - before, size);
        }
        if (src < 0) return -1;
        off += src * strides[d];
      }
      return off;
    }, op.value());
  }
}
