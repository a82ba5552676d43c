package dev.tnet.interp;

import dev.tnet.ir.op.DyT;
import dev.tnet.ir.op.GroupNorm;
import dev.tnet.ir.op.LayerNorm;
import dev.tnet.ir.op.RmsNorm;
import dev.tnet.runtime.Tensor;
import java.util.List;

/**
 * Reference kernels of the norms without running statistics: {@link LayerNorm}, {@link RmsNorm},
 * {@link GroupNorm} and {@link DyT}. Each normalises contiguous blocks of the row-major input;
 * statistics are two-pass in double.
 */
final class NormLayerKernels {
  private NormLayerKernels() {}

  static Tensor layerNorm(LayerNorm op, Tensor x, List<Tensor> params) {
    int block = op.normalizedShape().stream().mapToInt(Integer::intValue).reduce(1, (a, b) -> a * b);
    float[] w = op.elementwiseAffine() ? params.get(0).floats() : null;
    float[] b = op.elementwiseAffine() && op.bias() ? params.get(1).floats() : null;
    float[] xs = x.floats(), y = new float[xs.length];
    for (int base = 0; base < xs.length; base += block) {
      double mean = mean(xs, base, block);
      double invStd = 1 / Math.sqrt(meanSquaredDeviation(xs, base, block, mean) + op.eps());
      for (int j = 0; j < block; j++) {
        double v = (xs[base + j] - mean) * invStd;
        if (w != null) v *= w[j];
        if (b != null) v += b[j];
        y[base + j] = (float) v;
      }
    }
    return Tensor.of(x.shape(), y);
  }

  static Tensor rmsNorm(RmsNorm op, Tensor x, List<Tensor> params) {
    int block = op.normalizedShape().stream().mapToInt(Integer::intValue).reduce(1, (a, b) -> a * b);
    float[] w = op.elementwiseAffine() ? params.get(0).floats() : null;
    float[] xs = x.floats(), y = new float[xs.length];
    for (int base = 0; base < xs.length; base += block) {
      double sq = 0;
      for (int j = 0; j < block; j++) sq += (double) xs[base + j] * xs[base + j];
      double invRms = 1 / Math.sqrt(sq / block + op.effectiveEps());
      for (int j = 0; j < block; j++) {
        y[base + j] = (float) (xs[base + j] * invRms * (w == null ? 1 : w[j]));
      }
    }
    return Tensor.of(x.shape(), y);
  }

  static Tensor groupNorm(GroupNorm op, Tensor x, List<Tensor> params) {
    int n = x.shape().dim(0), c = x.shape().dim(1), g = op.numGroups();
    int inner = x.strides()[1], perGroup = c / g, block = perGroup * inner;
    float[] w = op.affine() ? params.get(0).floats() : null, b = op.affine() ? params.get(1).floats() : null;
    float[] xs = x.floats(), y = new float[xs.length];
    for (int s = 0; s < n * g; s++) {
      int base = s * block;
      double mean = mean(xs, base, block);
      double invStd = 1 / Math.sqrt(meanSquaredDeviation(xs, base, block, mean) + op.eps());
      for (int j = 0; j < block; j++) {
        int ch = (s % g) * perGroup + j / inner;
        double v = (xs[base + j] - mean) * invStd;
        y[base + j] = (float) (w == null ? v : v * w[ch] + b[ch]);
      }
    }
    return Tensor.of(x.shape(), y);
  }

  static Tensor dyt(Tensor x, List<Tensor> params) {
    double alpha = params.get(0).floats()[0];
    float[] w = params.get(1).floats(), b = params.get(2).floats();
    int c = w.length;
    float[] xs = x.floats(), y = new float[xs.length];
    for (int k = 0; k < xs.length; k++) y[k] = (float) (Math.tanh(alpha * xs[k]) * w[k % c] + b[k % c]);
    return Tensor.of(x.shape(), y);
  }

  private static double mean(float[] xs, int base, int count) {
    double sum = 0;
    for (int j = 0; j < count; j++) sum += xs[base + j];
    return sum / count;
  }

  /** The biased variance of {@code xs[base, base + count)} around {@code mean}. */
  private static double meanSquaredDeviation(float[] xs, int base, int count, double mean) {
    double sq = 0;
    for (int j = 0; j < count; j++) {
      double d = xs[base + j] - mean;
      sq += d * d;
    }
    return sq / count;
  }
}
