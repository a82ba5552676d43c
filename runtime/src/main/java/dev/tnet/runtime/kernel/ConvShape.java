package dev.tnet.runtime.kernel;

/**
 * The geometry of a 2-D convolution on NCHW: input {@code [n, c, h, w]}, output {@code [n, m,
 * oh, ow]}, kernel {@code kh × kw}, stride, leading padding (zeros), dilation and groups. It is
 * the first {@link #INTS} ints of every convolution call of {@link Library}.
 */
public record ConvShape(int n, int c, int h, int w, int m, int oh, int ow, int kh, int kw, int sh, int sw, int ph,
    int pw, int dh, int dw, int groups) {
  public static final int INTS = 16;

  public ConvShape {
    if (n < 0 || c < 1 || h < 1 || w < 1 || m < 1 || oh < 0 || ow < 0 || kh < 1 || kw < 1 || sh < 1 || sw < 1 || ph < 0
        || pw < 0 || dh < 1 || dw < 1 || groups < 1 || c % groups != 0 || m % groups != 0) {
      throw new IllegalArgumentException("bad convolution " + this);
    }
  }

  public static ConvShape of(int[] ints) {
    return new ConvShape(ints[0], ints[1], ints[2], ints[3], ints[4], ints[5], ints[6], ints[7], ints[8], ints[9], ints[10],
        ints[11], ints[12], ints[13], ints[14], ints[15]);
  }

  /** Input channels per group. */
  public int cg() {
    return c / groups;
  }

  /** Output channels per group. */
  public int mg() {
    return m / groups;
  }

  /** The reduction length of one output: {@code cg * kh * kw}. */
  public int k() {
    return cg() * kh * kw;
  }

  public int inputSize() {
    return n * c * h * w;
  }

  public int outputSize() {
    return n * m * oh * ow;
  }

  public int weightSize() {
    return m * cg() * kh * kw;
  }

  /** Depthwise (one input channel per group): {@link DepthwiseKernel} runs it. */
  public boolean depthwise() {
    return cg() == 1 && groups > 1;
  }
}
