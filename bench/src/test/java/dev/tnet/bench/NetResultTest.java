package dev.tnet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NetResultTest {
  private static NetResult result(double[] tnet, double[] ort, int timed) {
    return new NetResult("n", "N", 1, 1e9, 100, new Series(tnet, timed), new Series(ort, timed), 0, 0, 0);
  }

  /** The paired ratio pairs run i of each engine, over the timed runs only (the last {@code timed}). */
  @Test
  void pairedRatioIsTheMedianOfTheTimedPairsRatios() {
    // warm-up pair (100 / 1) left out; timed pairs' ratios 2, 1.5, 3 -> median 2
    NetResult r = result(new double[] {100, 4, 3, 9}, new double[] {1, 2, 2, 3}, 3);
    assertEquals(2.0, r.pairedRatio(), 1e-12);
    // an even count: the mean of the middle two (1.5 and 2)
    assertEquals(1.75, result(new double[] {4, 3}, new double[] {2, 2}, 2).pairedRatio(), 1e-12);
  }

  /** A burst of noise that slows one pair by the same factor on both engines leaves the paired ratio alone. */
  @Test
  void aSharedSlowdownDoesNotMoveThePairedRatio() {
    NetResult quiet = result(new double[] {12, 12, 12, 12, 12}, new double[] {10, 10, 10, 10, 10}, 5);
    NetResult noisy = result(new double[] {12, 24, 24, 24, 12}, new double[] {10, 20, 20, 20, 10}, 5);
    assertEquals(quiet.pairedRatio(), noisy.pairedRatio(), 1e-12);
    assertEquals(1.2, noisy.pairedRatio(), 1e-12);
  }
}
