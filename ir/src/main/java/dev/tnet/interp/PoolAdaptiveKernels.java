package dev.tnet.interp;

import dev.tnet.ir.op.AdaptivePool;
import dev.tnet.ir.op.GlobalPool;
import dev.tnet.ir.op.PoolKind;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import java.util.List;

/**
 * Reference kernels of {@link AdaptivePool} and {@link GlobalPool} (and of interpolate's {@code
 * area} mode): output element {@code i} of a dim pools input {@code [floor(i*in/out),
 * ceil((i+1)*in/out))}.
 */
final class PoolAdaptiveKernels {
  private PoolAdaptiveKernels() {}

  static List<Tensor> adaptive(AdaptivePool op, Tensor x) {
    Shape outShape = PoolKernels.outputShape(op, x);
    Tensor[] r = pool(op.kind(), x, op.spatialDims(), outShape);
    return op.returnIndices() ? List.of(r[0], r[1]) : List.of(r[0]);
  }

  static Tensor global(GlobalPool op, Tensor x) {
    return pool(op.kind(), x, x.rank() - 2, PoolKernels.outputShape(op, x))[0];
  }

  /**
   * Pools {@code x} (last {@code spatialDims} dims spatial) to {@code outShape}: the mean, or the
   * maximum where NaN wins (a later tap replaces the best if greater or NaN, scanning row-major)
   * with its flat per-plane index (initially the window's first tap). Returns values and indices.
   */
  static Tensor[] pool(PoolKind kind, Tensor x, int spatialDims, Shape outShape) {
    SpatialGrid in = SpatialGrid.of(x.shape(), spatialDims);
    SpatialGrid out = SpatialGrid.of(outShape, spatialDims);
    float[] xs = x.floats(), y = new float[outShape.size()];
    long[] indices = new long[outShape.size()];
    out.forEachPosition((p, od, oh, ow, yi) -> {
      int xPlane = p * in.planeSize();
      int[] o = {od, oh, ow};
      int[] lo = new int[3], hi = new int[3];
      for (int i = 0; i < 3; i++) {
        lo[i] = (int) ((long) o[i] * in.size[i] / out.size[i]);
        hi[i] = (int) (((long) (o[i] + 1) * in.size[i] + out.size[i] - 1) / out.size[i]);
      }
      double sum = 0;
      float best = Float.NEGATIVE_INFINITY;
      int bestIndex = in.at(lo[0], lo[1], lo[2]);
      for (int d = lo[0]; d < hi[0]; d++) {
        for (int h = lo[1]; h < hi[1]; h++) {
          for (int w = lo[2]; w < hi[2]; w++) {
            float v = xs[xPlane + in.at(d, h, w)];
            sum += v;
            if (v > best || Float.isNaN(v)) {
              best = v;
              bestIndex = in.at(d, h, w);
            }
          }
        }
      }
      long count = (long) (hi[0] - lo[0]) * (hi[1] - lo[1]) * (hi[2] - lo[2]);
      y[yi] = kind == PoolKind.AVG ? (float) (sum / count) : best;
      indices[yi] = bestIndex;
    });
    return new Tensor[] {Tensor.of(outShape, y), Tensor.ofLongs(outShape, indices)};
  }
}
