package dev.tnet.runtime.kernel;

/**
 * Batch-norm folding, done when weights are packed: {@code bn(conv(x, W) + b)} with running
 * statistics is {@code conv(x, W * s) + (b - mean) * s + beta}, where {@code s = gamma /
 * sqrt(var + eps)} per output channel (computed in double, rounded once to float).
 */
record Fold(double[] scale, double[] shift) {
  /**
   * {@code reads} from {@code from}: {@code [bias]} if {@code hasBias}, then {@code gamma, beta}
   * if {@code bn == 2}, then {@code mean, var} if {@code bn >= 1}. {@code bn == 0}: no batch norm.
   */
  static Fold of(int channels, float[][] reads, int from, boolean hasBias, int bn, double eps) {
    double[] scale = new double[channels], shift = new double[channels];
    int i = from;
    float[] bias = hasBias ? reads[i++] : null;
    float[] gamma = bn == 2 ? reads[i++] : null, beta = bn == 2 ? reads[i++] : null;
    float[] mean = bn >= 1 ? reads[i++] : null, var = bn >= 1 ? reads[i] : null;
    for (int c = 0; c < channels; c++) {
      double b = bias == null ? 0 : bias[c];
      if (bn == 0) {
        scale[c] = 1;
        shift[c] = b;
      } else {
        double s = (gamma == null ? 1 : gamma[c]) / Math.sqrt(var[c] + eps);
        scale[c] = s;
        shift[c] = (b - mean[c]) * s + (beta == null ? 0 : beta[c]);
      }
    }
    return new Fold(scale, shift);
  }

  /** The number of arrays {@link #of} reads. */
  static int reads(boolean hasBias, int bn) {
    return (hasBias ? 1 : 0) + (bn == 2 ? 2 : 0) + (bn >= 1 ? 2 : 0);
  }

  float weight(int c, float w) {
    return (float) (w * scale[c]);
  }

  float bias(int c) {
    return (float) shift[c];
  }
}
