package dev.tnet.interp;

import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.op.MatMul;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import java.util.List;

/**
 * The reference {@link MatMul} (matmul, bmm, mm): vectors are promoted to matrices ({@code a} to
 * {@code [1, k]}, {@code b} to {@code [k, 1]}), batch dims broadcast, and each output element is
 * a dot product accumulated in double. The output shape is the one {@link MatMul#infer} gives.
 */
final class NnMatMulKernel {
  private NnMatMulKernel() {}

  static Tensor matmul(MatMul op, Tensor a, Tensor b) {
    Shape outShape = op.infer(List.of(type(a), type(b))).get(0).shape();
    int[] as = a.shape().dims(), bs = b.shape().dims();
    int n = as.length >= 2 ? as[as.length - 2] : 1, k = as[as.length - 1];
    int m = bs.length >= 2 ? bs[bs.length - 1] : 1;
    int[] aBatch = batch(as), bBatch = batch(bs);
    int rank = Math.max(aBatch.length, bBatch.length);
    int[] outBatch = new int[rank];
    for (int i = 0; i < rank; i++) {
      int sa = sizeFromEnd(aBatch, rank - i), sb = sizeFromEnd(bBatch, rank - i);
      outBatch[i] = sa == 1 ? sb : sa;
    }
    int batches = Shape.of(outBatch).size();
    float[] x = a.floats(), w = b.floats(), y = new float[outShape.size()];
    int[] index = new int[rank];
    for (int t = 0; t < batches; t++) {
      int aBase = offset(index, aBatch) * n * k, bBase = offset(index, bBatch) * k * m;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
          double acc = 0;
          for (int p = 0; p < k; p++) acc += (double) x[aBase + i * k + p] * w[bBase + p * m + j];
          y[(t * n + i) * m + j] = (float) acc;
        }
      }
      increment(index, outBatch);
    }
    return Tensor.of(outShape, y);
  }

  private static TensorType type(Tensor t) {
    return TensorType.of(t.dtype(), t.shape());
  }

  private static int[] batch(int[] dims) {
    return java.util.Arrays.copyOf(dims, Math.max(0, dims.length - 2));
  }

  /** The size {@code fromEnd} places from the end of {@code dims}, or 1 past its start. */
  private static int sizeFromEnd(int[] dims, int fromEnd) {
    return fromEnd <= dims.length ? dims[dims.length - fromEnd] : 1;
  }

  /**
   * The flat index, among an operand's batches, of the output batch {@code index}: dims are
   * aligned from the right and a size-1 dim broadcasts (index 0).
   */
  private static int offset(int[] index, int[] dims) {
    int off = 0, shift = index.length - dims.length;
    for (int i = 0; i < dims.length; i++) off = off * dims[i] + (dims[i] == 1 ? 0 : index[shift + i]);
    return off;
  }

  private static void increment(int[] index, int[] dims) {
    for (int i = index.length - 1; i >= 0; i--) {
      if (++index[i] < dims[i]) return;
      index[i] = 0;
    }
  }
}
