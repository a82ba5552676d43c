package dev.tnet.interp;

import dev.tnet.ir.op.Reduce;
import dev.tnet.runtime.DType;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * Reference kernels of the reductions. Each input element is visited once in row-major order and
 * added into its output slot (the input index with the reduced dims dropped), so "first occurrence"
 * means the smallest row-major position within the reduced dims. Float sums accumulate in double.
 */
final class ReduceKernels {
  private ReduceKernels() {}

  /** Maps input elements to output slots and to their position within the reduced dims. */
  private record Plan(Shape in, boolean[] reduced, int[] slotStrides, int[] posStrides, int slots, int count) {
    static Plan of(Shape in, boolean[] reduced) {
      int rank = in.rank();
      int[] slotStrides = new int[rank], posStrides = new int[rank];
      int slots = 1, count = 1;
      for (int d = rank - 1; d >= 0; d--) {
        if (reduced[d]) {
          posStrides[d] = count;
          count *= in.dim(d);
        } else {
          slotStrides[d] = slots;
          slots *= in.dim(d);
        }
      }
      return new Plan(in, reduced, slotStrides, posStrides, slots, count);
    }

    /** For input element {@code k}: its output slot in {@code slot[k]} and position in {@code pos[k]}. */
    void map(int[] slot, int[] pos) {
      int[] index = new int[in.rank()];
      for (int k = 0; k < in.size(); k++) {
        slot[k] = TensorIndexing.offset(index, slotStrides);
        pos[k] = TensorIndexing.offset(index, posStrides);
        TensorIndexing.next(index, in);
      }
    }

    /** The output slot of each input element. */
    int[] slotOfEach() {
      int[] slot = new int[in.size()];
      map(slot, new int[in.size()]);
      return slot;
    }
  }

  static Tensor reduce(Reduce op, Tensor x, Shape out) {
    Plan p = Plan.of(x.shape(), op.reduced(x.rank()));
    int[] slot = p.slotOfEach();
    return switch (op.kind()) {
      case SUM, MEAN, PROD -> accumulate(op.kind(), x, slot, p, out);
      case AMAX, AMIN -> extremes(op.kind() == Reduce.Kind.AMAX, x, p, out).get(0);
    };
  }

  private static Tensor accumulate(Reduce.Kind kind, Tensor x, int[] slot, Plan p, Shape out) {
    boolean prod = kind == Reduce.Kind.PROD;
    if (x.dtype() == DType.I64) {
      long[] acc = new long[p.slots()];
      if (prod) Arrays.fill(acc, 1);
      for (int k = 0; k < x.size(); k++) acc[slot[k]] = prod ? acc[slot[k]] * x.longs()[k] : acc[slot[k]] + x.longs()[k];
      return Tensor.ofLongs(out, acc);
    }
    double[] acc = new double[p.slots()];
    if (prod) Arrays.fill(acc, 1);
    // A float32 product is rounded to float32 at every step, as PyTorch's kernel does: a partial
    // product that overflows to inf stays inf (and times 0 is NaN) even if double would not overflow.
    for (int k = 0; k < x.size(); k++) acc[slot[k]] = prod ? (float) (acc[slot[k]] * x.floats()[k]) : acc[slot[k]] + x.floats()[k];
    float[] r = new float[acc.length];
    for (int s = 0; s < r.length; s++) r[s] = (float) (kind == Reduce.Kind.MEAN ? acc[s] / p.count() : acc[s]);
    return Tensor.of(out, r);
  }

  /**
   * The max (or min) of each slot and its position within the reduced dims: the first NaN if
   * there is one, else the first occurrence of the extreme. Infer has refused empty reductions.
   */
  private static List<Tensor> extremes(boolean max, Tensor x, Plan p, Shape out) {
    int[] slot = new int[x.size()], pos = new int[x.size()];
    p.map(slot, pos);
    long[] where = new long[p.slots()];
    boolean[] seen = new boolean[p.slots()];
    if (x.dtype() == DType.I64) {
      long[] best = new long[p.slots()];
      for (int k = 0; k < x.size(); k++) {
        int s = slot[k];
        long v = x.longs()[k];
        if (!seen[s] || (max ? v > best[s] : v < best[s])) {
          best[s] = v;
          where[s] = pos[k];
          seen[s] = true;
        }
      }
      return List.of(Tensor.ofLongs(out, best), Tensor.ofLongs(out, where));
    }
    float[] best = new float[p.slots()];
    for (int k = 0; k < x.size(); k++) {
      int s = slot[k];
      float v = x.floats()[k];
      boolean better = !seen[s] || (!Float.isNaN(best[s]) && (Float.isNaN(v) || (max ? v > best[s] : v < best[s])));
      if (better) {
        best[s] = v;
        where[s] = pos[k];
        seen[s] = true;
      }
    }
    return List.of(Tensor.of(out, best), Tensor.ofLongs(out, where));
  }

  /** {@link #extremes} over the dims marked in {@code reduced}. */
  static List<Tensor> extremes(boolean max, Tensor x, boolean[] reduced, Shape out) {
    return extremes(max, x, Plan.of(x.shape(), reduced), out);
  }

  /** {@code sum((x - mean)^2) / max(0, N - correction)}, or its square root. */
  static Tensor variance(Tensor x, boolean[] reduced, int correction, boolean std, Shape out) {
    Plan p = Plan.of(x.shape(), reduced);
    int[] slot = p.slotOfEach();
    float[] in = x.floats();
    double[] mean = new double[p.slots()], squares = new double[p.slots()];
    for (int k = 0; k < in.length; k++) mean[slot[k]] += in[k];
    for (int s = 0; s < mean.length; s++) mean[s] /= p.count();
    for (int k = 0; k < in.length; k++) {
      double d = in[k] - mean[slot[k]];
      squares[slot[k]] += d * d;
    }
    double divisor = Math.max(0, (double) p.count() - correction);
    float[] r = new float[squares.length];
    for (int s = 0; s < r.length; s++) {
      double v = squares[s] / divisor;
      r[s] = (float) (std ? Math.sqrt(v) : v);
    }
    return Tensor.of(out, r);
  }
}
