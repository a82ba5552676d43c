package dev.tnet.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link ColumnCopy} against a copy per run, on the runs a tile group of the padded layout makes:
 * columns {@code q0 .. q0 + w} of rows {@code wq} wide whose first {@code ow} columns are pixels.
 * Every output element is compared, and the elements around the written range must stay as they
 * were (the last vector may overlap the one before, never the neighbours).
 */
class ColumnCopyTest {
  @Property(tries = 400)
  void copiesEachRealColumnToItsPixel(@ForAll @IntRange(min = 1, max = 40) int ow, @ForAll @IntRange(min = 0, max = 10) int dropped,
      @ForAll @IntRange(min = 0, max = 200) int q0, @ForAll @IntRange(min = 1, max = 4) int tiles) {
    int wq = ow + dropped, w = tiles * 2 * Gemm.L;
    int[] runs = new int[3 * (w + 1)];
    int n = runs(ow, wq, q0, w, runs);
    ColumnCopy copy = ColumnCopy.of(runs, n, w);
    if (copy == null) return;
    float[] strip = new float[w + 2 * Gemm.L];
    for (int j = 0; j < strip.length; j++) strip[j] = 1000 + j;
    int plane = (q0 + w) / wq * ow + ow + Gemm.L;
    float[] want = new float[plane + 5], got = new float[plane + 5];
    Arrays.fill(want, -1f);
    Arrays.fill(got, -1f);
    for (int i = 0; i < n; i += 3) System.arraycopy(strip, runs[i], want, 2 + runs[i + 1], runs[i + 2]);
    copy.copy(strip, 0, got, 2 + runs[1]);
    assertArrayEquals(want, got);
  }

  @Test
  void appliesOnlyWhereWholeVectorsFit() {
    int[] runs = new int[64];
    // A row end inside a 2 L-wide tile, two dropped columns: one output run of 2 L - 2.
    assertNotNull(ColumnCopy.of(runs, runs(2 * Gemm.L - 5, 2 * Gemm.L - 3, 0, 2 * Gemm.L, runs), 2 * Gemm.L));
    // Fewer real columns than a vector.
    assertNull(ColumnCopy.of(runs, runs(3, 2 * Gemm.L, 0, 2 * Gemm.L, runs), 2 * Gemm.L));
    // A vector's sources spanning more than two vectors of the strip (many dropped columns).
    assertNull(ColumnCopy.of(runs, runs(Gemm.L / 2, 3 * Gemm.L, 0, 4 * Gemm.L, runs), 4 * Gemm.L));
  }

  /** The runs of real columns among {@code q0 .. q0 + w} (as Conv2dKernel's runs, merged where contiguous in both). */
  private static int runs(int ow, int wq, int q0, int w, int[] runs) {
    int n = 0;
    for (int j = 0; j < w; j++) {
      int q = q0 + j, row = q / wq, col = q % wq;
      if (col >= ow) continue;
      if (n > 0 && runs[n - 3] + runs[n - 1] == j && runs[n - 2] + runs[n - 1] == row * ow + col) runs[n - 1]++;
      else {
        runs[n++] = j;
        runs[n++] = row * ow + col;
        runs[n++] = 1;
      }
    }
    return n;
  }
}
