package dev.tnet.runtime.kernel;

import static dev.tnet.runtime.kernel.Gemm.L;
import static dev.tnet.runtime.kernel.Gemm.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;

/**
 * How the sums of a tile group that spans row ends (a strip row of {@code w} columns, some of them
 * the padded layout's dropped columns) reach the output in whole vectors: its real columns are
 * consecutive pixels of the output plane, so each strip row becomes one run of {@link #count}
 * outputs, written as vectors of {@link Gemm#L} (the last one overlapping the one before when the
 * count is not a multiple of L). A vector whose sources skip dropped columns is assembled from two
 * strip vectors by one lane shuffle. Replaces a copy per run (two to three per row and channel,
 * 2-14 floats each, where a call costs more than the copy).
 *
 * <p>Output lane {@code i} of vector {@code v} is {@code strip[row + from[v] + index]}, index
 * {@code i} when {@code shuffle[v]} is null (a contiguous run), else the shuffle's source {@code
 * i} ({@code < 2 L}; lanes from {@code L} on come from the second vector).
 */
final class ColumnCopy {
  /** Real columns in the strip row: outputs written per row. */
  final int count;
  /** Per output vector: the output index of its first lane (from the row's first pixel). */
  private final int[] to;
  /** Per output vector: the strip column of its first source lane. */
  private final int[] from;
  private final VectorShuffle<Float>[] shuffle;

  private ColumnCopy(int count, int[] to, int[] from, VectorShuffle<Float>[] shuffle) {
    this.count = count;
    this.to = to;
    this.from = from;
    this.shuffle = shuffle;
  }

  /**
   * The copy for a strip row of {@code w} columns whose real columns are the {@code n / 3} runs
   * in {@code runs} (triples: column in the tile, offset in the output plane, length; see
   * Conv2dKernel's runs), or null when it does not apply: fewer than L real columns, runs that are
   * not consecutive in the plane, or an output vector whose sources span more than 2 L columns.
   */
  @SuppressWarnings("unchecked") // an array of shuffles
  static ColumnCopy of(int[] runs, int n, int w) {
    int count = 0;
    for (int i = 0; i < n; i += 3) {
      if (runs[i + 1] != runs[1] + count) return null;
      count += runs[i + 2];
    }
    if (count < L) return null;
    int[] column = new int[count]; // strip column of each output
    for (int i = 0, o = 0; i < n; i += 3) for (int c = 0; c < runs[i + 2]; c++) column[o++] = runs[i] + c;
    int vectors = (count + L - 1) / L;
    int[] to = new int[vectors], from = new int[vectors];
    VectorShuffle<Float>[] shuffle = new VectorShuffle[vectors];
    int[] index = new int[L];
    for (int v = 0; v < vectors; v++) {
      to[v] = Math.min(v * L, count - L);
      from[v] = column[to[v]];
      if (column[to[v] + L - 1] - from[v] == L - 1) continue; // contiguous
      if (column[to[v] + L - 1] - from[v] >= 2 * L) return null;
      // A source index past the first vector is given as exceptional (negative): lane i - L of the second.
      for (int i = 0; i < L; i++) index[i] = column[to[v] + i] - from[v] < L ? column[to[v] + i] - from[v] : column[to[v] + i] - from[v] - 2 * L;
      shuffle[v] = VectorShuffle.fromArray(S, index, 0);
    }
    return new ColumnCopy(count, to, from, shuffle);
  }

  /**
   * {@code y[out + i] = strip[row + column of output i]} for {@code i < count}. Reads up to
   * {@code 2 L} floats past a source column: the strip has that much slack past its last row.
   */
  void copy(float[] strip, int row, float[] y, int out) {
    for (int v = 0; v < to.length; v++) vector(strip, row, v).intoArray(y, out + to[v]);
  }

  /** Output vector {@code v} of the strip row at {@code row}. */
  FloatVector vector(float[] strip, int row, int v) {
    FloatVector first = FloatVector.fromArray(S, strip, row + from[v]);
    return shuffle[v] == null ? first : first.rearrange(shuffle[v], FloatVector.fromArray(S, strip, row + from[v] + L));
  }

  /** Output vectors per row. */
  int vectors() {
    return to.length;
  }

  /** Output index of vector {@code v}'s first lane. */
  int to(int v) {
    return to[v];
  }
}
