package dev.tnet.runtime.kernel;

/** Per-thread scratch arrays of the kernels, grown on demand and reused across calls. */
final class Scratch {
  private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

  private float[] b = new float[0], strip = new float[0], other = new float[0], input = new float[0], rows = new float[0], columns = new float[0], lanes = new float[Gemm.L];
  private int[] runs = new int[0];

  static Scratch get() {
    return LOCAL.get();
  }

  /** A B block of at least {@code size} floats. */
  float[] b(int size) {
    if (b.length < size) b = new float[size];
    return b;
  }

  /** A result strip of at least {@code size} floats. */
  float[] strip(int size) {
    if (strip.length < size) strip = new float[size];
    return strip;
  }

  /** At least {@code size} ints (a tile's runs of pixels). */
  int[] runs(int size) {
    if (runs.length < size) runs = new int[size];
    return runs;
  }

  /** One vector's lanes. */
  float[] lanes() {
    return lanes;
  }

  /** A third array (packed A rows, padded planes). */
  float[] other(int size) {
    if (other.length < size) other = new float[size];
    return other;
  }

  /** An intermediate result of the calling thread (a sub-pixel transposed convolution's GEMM rows, a max pool's row maxima). */
  float[] rows(int size) {
    if (rows.length < size) rows = new float[size];
    return rows;
  }

  /**
   * A layer's gathered B panels of at least {@code size} floats: the calling thread fills them
   * (with the pool) before a parallel loop, which only reads them.
   */
  float[] columns(int size) {
    if (columns.length < size) columns = new float[size];
    return columns;
  }

  /**
   * A rewritten input of at least {@code size} floats: the calling thread fills it before a
   * parallel loop, the pool's threads only read it.
   */
  float[] input(int size) {
    if (input.length < size) input = new float[size];
    return input;
  }
}
