package dev.tnet.runtime.kernel;

/**
 * Per-thread scratch arrays of the kernels, grown on demand and reused across calls. Public only
 * so that every model's copy of the kernel package shares this one class (see {@link
 * dev.tnet.runtime.model.ModelClassLoader}); not an API.
 */
public final class Scratch {
  private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

  private float[] b = new float[0], strip = new float[0], other = new float[0], input = new float[0], rows = new float[0], columns = new float[0], lanes = new float[Gemm.L];
  private int[] runs = new int[0];

  public static Scratch get() {
    return LOCAL.get();
  }

  /** A B block of at least {@code size} floats. */
  public float[] b(int size) {
    if (b.length < size) b = new float[size];
    return b;
  }

  /** A result strip of at least {@code size} floats. */
  public float[] strip(int size) {
    if (strip.length < size) strip = new float[size];
    return strip;
  }

  /** At least {@code size} ints (a tile's runs of pixels). */
  public int[] runs(int size) {
    if (runs.length < size) runs = new int[size];
    return runs;
  }

  /** One vector's lanes. */
  public float[] lanes() {
    return lanes;
  }

  /** A third array (packed A rows, padded planes). */
  public float[] other(int size) {
    if (other.length < size) other = new float[size];
    return other;
  }

  /** An intermediate result of the calling thread (a sub-pixel transposed convolution's GEMM rows, a max pool's row maxima). */
  public float[] rows(int size) {
    if (rows.length < size) rows = new float[size];
    return rows;
  }

  /**
   * A layer's gathered B panels of at least {@code size} floats: the calling thread fills them
   * (with the pool) before a parallel loop, which only reads them.
   */
  public float[] columns(int size) {
    if (columns.length < size) columns = new float[size];
    return columns;
  }

  /**
   * A rewritten input of at least {@code size} floats: the calling thread fills it before a
   * parallel loop, the pool's threads only read it.
   */
  public float[] input(int size) {
    if (input.length < size) input = new float[size];
    return input;
  }
}
