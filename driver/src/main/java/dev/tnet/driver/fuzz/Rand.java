package dev.tnet.driver.fuzz;

import dev.tnet.ir.op.AttrValue;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded random source with draws biased to the sizes that break kernels: 1, primes, one off a
 * vector length (15, 17), and small values that keep the reference interpreter fast.
 */
final class Rand {
  /** Sizes drawn for dims: 1 and primes, with a few powers of two and one past the vector length. */
  private static final int[] SIZES = {1, 1, 2, 3, 3, 4, 5, 5, 7, 8, 11, 13, 16, 17};
  /** Innermost sizes around vector lengths 8 and 16: the tail and main-loop edges of vector code. */
  private static final int[] LANE_SIZES = {7, 8, 9, 15, 16, 17, 23, 31, 32, 33};
  /** Channel counts: many not a multiple of the vector length 16. */
  private static final int[] CHANNELS = {1, 2, 3, 3, 4, 5, 7, 8, 16, 17};

  final SplittableRandom rng;

  Rand(long seed) {
    this.rng = new SplittableRandom(seed);
  }

  /** An edge-biased size in {@code [1, max]}. */
  int size(int max) {
    for (int i = 0; i < 8; i++) {
      int s = SIZES[rng.nextInt(SIZES.length)];
      if (s <= max) return s;
    }
    return 1 + rng.nextInt(Math.max(1, max));
  }

  /** A channel count in {@code [1, max]}, often not a multiple of 16. */
  int channels(int max) {
    for (int i = 0; i < 8; i++) {
      int s = CHANNELS[rng.nextInt(CHANNELS.length)];
      if (s <= max) return s;
    }
    return 1 + rng.nextInt(Math.max(1, max));
  }

  /**
   * {@code rank} edge-biased sizes whose product stays within {@code budget}; the last, where vector
   * loops run, is often a size around a vector length (past {@code maxDim} if the budget allows).
   */
  long[] shape(int rank, int maxDim, long budget) {
    long[] d = new long[rank];
    long total = 1;
    for (int i = 0; i < rank; i++) {
      int s = size(maxDim);
      if (i == rank - 1 && chance(3)) s = LANE_SIZES[rng.nextInt(LANE_SIZES.length)];
      while (s > 1 && total * s > budget) s = Math.max(1, s / 2);
      d[i] = s;
      total *= s;
    }
    return d;
  }

  int between(int lo, int hi) {
    return lo + rng.nextInt(hi - lo + 1);
  }

  boolean chance(int oneIn) {
    return rng.nextInt(oneIn) == 0;
  }

  boolean coin() {
    return rng.nextBoolean();
  }

  @SafeVarargs
  final <T> T pick(T... items) {
    return items[rng.nextInt(items.length)];
  }

  <T> T pick(List<T> items) {
    return items.get(rng.nextInt(items.size()));
  }

  int pickInt(int... items) {
    return items[rng.nextInt(items.length)];
  }

  double pickDouble(double... items) {
    return items[rng.nextInt(items.length)];
  }

  /** Axis {@code a} of a rank-{@code rank} tensor, written negative half of the time. */
  int axisSpelling(int a, int rank) {
    return coin() ? a : a - rank;
  }

  /** One int when all are equal and a coin says so, else a tuple: both spellings PyTorch accepts. */
  AttrValue perDim(int[] values) {
    boolean same = true;
    for (int v : values) same &= v == values[0];
    if (same && coin()) return AttrValue.of((long) values[0]);
    long[] l = new long[values.length];
    for (int i = 0; i < l.length; i++) l[i] = values[i];
    return AttrValue.ints(l);
  }

  /** {@code 0..n-1} shuffled. */
  int[] permutation(int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) p[i] = i;
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1), t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /** A random subset of {@code 0..n-1} in random order. */
  List<Integer> subset(int n) {
    List<Integer> r = new ArrayList<>();
    for (int i : permutation(n)) if (coin()) r.add(i);
    return r;
  }

  long nextLong() {
    return rng.nextLong();
  }
}
