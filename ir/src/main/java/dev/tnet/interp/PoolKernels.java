package dev.tnet.interp;

import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.op.AvgPool;
import dev.tnet.ir.op.MaxPool;
import dev.tnet.ir.op.Op;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Reference kernels of {@link MaxPool} and {@link AvgPool}, on the three-dim {@link SpatialGrid}
 * view, following PyTorch's CPU loops (window placement, NaN rule, divisor) literally.
 */
final class PoolKernels {
  private PoolKernels() {}

  static Shape outputShape(Op op, Tensor x) {
    return op.infer(List.of(TensorType.of(x.dtype(), x.shape()))).get(0).shape();
  }

  /**
   * Values and, with {@code return_indices}, flat per-plane indices. Each window scans its in-range
   * taps in row-major order; a tap wins if it is greater than the best so far or NaN. The initial
   * index is the first in-range tap, so an all -inf window reports that tap, as PyTorch does.
   */
  static List<Tensor> maxPool(MaxPool op, Tensor x) {
    int dims = op.spatialDims();
    SpatialGrid in = SpatialGrid.of(x.shape(), dims);
    Shape outShape = outputShape(op, x);
    SpatialGrid out = SpatialGrid.of(outShape, dims);
    int[] k = SpatialGrid.lift(op.kernelSize(), 1), s = SpatialGrid.lift(op.stride(), 1);
    int[] pad = SpatialGrid.lift(op.padding(), 0), dil = SpatialGrid.lift(op.dilation(), 1);
    float[] xs = x.floats(), y = new float[outShape.size()];
    long[] indices = new long[outShape.size()];
    out.forEachPosition((p, od, oh, ow, yi) -> {
      int xPlane = p * in.planeSize();
      int[] start = {od * s[0] - pad[0], oh * s[1] - pad[1], ow * s[2] - pad[2]};
      int[] first = new int[3];
      for (int i = 0; i < 3; i++) {
        first[i] = start[i];
        while (first[i] < 0) first[i] += dil[i];
      }
      float best = Float.NEGATIVE_INFINITY;
      int bestIndex = in.at(first[0], first[1], first[2]);
      for (int kd = 0; kd < k[0]; kd++) {
        int d = start[0] + kd * dil[0];
        if (d < 0 || d >= in.size[0]) continue;
        for (int kh = 0; kh < k[1]; kh++) {
          int h = start[1] + kh * dil[1];
          if (h < 0 || h >= in.size[1]) continue;
          for (int kw = 0; kw < k[2]; kw++) {
            int w = start[2] + kw * dil[2];
            if (w < 0 || w >= in.size[2]) continue;
            float v = xs[xPlane + in.at(d, h, w)];
            if (v > best || Float.isNaN(v)) {
              best = v;
              bestIndex = in.at(d, h, w);
            }
          }
        }
      }
      y[yi] = best;
      indices[yi] = bestIndex;
    });
    List<Tensor> result = new ArrayList<>(List.of(Tensor.of(outShape, y)));
    if (op.returnIndices()) result.add(Tensor.ofLongs(outShape, indices));
    return result;
  }

  /**
   * PyTorch's avg_pool loop: a window {@code [start, start + kernel)} is clipped to the padded
   * input {@code [-pad, in + pad)} to give {@code pool_size}, then to the input for the sum.
   */
  static Tensor avgPool(AvgPool op, Tensor x) {
    int dims = op.spatialDims();
    SpatialGrid in = SpatialGrid.of(x.shape(), dims);
    Shape outShape = outputShape(op, x);
    SpatialGrid out = SpatialGrid.of(outShape, dims);
    int[] k = SpatialGrid.lift(op.kernelSize(), 1), s = SpatialGrid.lift(op.stride(), 1);
    int[] pad = SpatialGrid.lift(op.padding(), 0);
    float[] xs = x.floats(), y = new float[outShape.size()];
    out.forEachPosition((p, od, oh, ow, yi) -> {
      int xPlane = p * in.planeSize();
      int[] o = {od, oh, ow};
      int[] lo = new int[3], hi = new int[3];
      long poolSize = 1, inputCount = 1;
      for (int i = 0; i < 3; i++) {
        int start = o[i] * s[i] - pad[i];
        int end = Math.min(start + k[i], in.size[i] + pad[i]);
        poolSize *= end - start;
        lo[i] = Math.max(start, 0);
        hi[i] = Math.min(end, in.size[i]);
        inputCount *= Math.max(hi[i] - lo[i], 0);
      }
      if (inputCount == 0) return;
      double sum = 0;
      for (int d = lo[0]; d < hi[0]; d++) {
        for (int h = lo[1]; h < hi[1]; h++) {
          for (int w = lo[2]; w < hi[2]; w++) sum += xs[xPlane + in.at(d, h, w)];
        }
      }
      long divisor = op.divisorOverride().isPresent() ? op.divisorOverride().getAsInt()
          : op.countIncludePad() ? poolSize : inputCount;
      y[yi] = (float) (sum / divisor);
    });
    return Tensor.of(outShape, y);
  }
}
