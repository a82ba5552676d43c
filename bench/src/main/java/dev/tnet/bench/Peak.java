package dev.tnet.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** This machine's FMA throughput: 12 independent accumulators of the widest vector, no memory traffic. */
final class Peak {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final long ITERATIONS = 20_000_000;

  private Peak() {}

  /** GFLOP/s of one thread (best of several timed rounds). */
  static double gflops() {
    return gflops(1, 8);
  }

  /**
   * GFLOP/s of {@code threads} threads running the loop at once (their sum), best of
   * {@code rounds} rounds; the wall time of a round is that of its slowest thread.
   */
  static double gflops(int threads, int rounds) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      double best = 0;
      for (int round = 0; round < rounds; round++) {
        List<Callable<Float>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) tasks.add(() -> loop(ITERATIONS));
        long t0 = System.nanoTime();
        float sink = 0;
        for (Future<Float> f : pool.invokeAll(tasks)) sink += f.get();
        long t = System.nanoTime() - t0;
        if (sink == 42) System.out.print("");
        best = Math.max(best, 2.0 * 12 * S.length() * ITERATIONS * threads / t);
      }
      return best;
    } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e);
    } finally {
      pool.shutdown();
    }
  }

  private static float loop(long n) {
    FloatVector a = FloatVector.broadcast(S, 0.999f), b = FloatVector.broadcast(S, 1e-6f);
    FloatVector c0 = b, c1 = b, c2 = b, c3 = b, c4 = b, c5 = b, c6 = b, c7 = b, c8 = b, c9 = b, c10 = b, c11 = b;
    for (long i = 0; i < n; i++) {
      c0 = c0.fma(a, b);
      c1 = c1.fma(a, b);
      c2 = c2.fma(a, b);
      c3 = c3.fma(a, b);
      c4 = c4.fma(a, b);
      c5 = c5.fma(a, b);
      c6 = c6.fma(a, b);
      c7 = c7.fma(a, b);
      c8 = c8.fma(a, b);
      c9 = c9.fma(a, b);
      c10 = c10.fma(a, b);
      c11 = c11.fma(a, b);
    }
    return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11).reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
  }
}
