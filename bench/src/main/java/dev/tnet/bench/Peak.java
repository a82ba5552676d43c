package dev.tnet.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * This machine's FMA throughput: independent accumulators of the widest vector, no memory
 * traffic. How many chains reach the FMA units' throughput depends on the JIT's register
 * allocation as much as on the FMA latency (with C2 on AVX2: 8 chains 88, 10 chains 95, 11
 * chains 102, 12 chains 84 GFLOP/s, the last spilling), so the peak is the best of 8, 10, 11
 * and 12 chains.
 */
final class Peak {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int ITERATIONS = 20_000_000;
  private static final int[] CHAINS = {8, 10, 11, 12};

  private Peak() {}

  /** GFLOP/s of one thread (best of several timed rounds). */
  static double gflops() {
    return gflops(1, 8);
  }

  /**
   * The best of {@link #gflops(int, int)} here and in a fresh JVM with the JVM's default flags:
   * the same loop can run ~7 % slower under one JVM configuration (seen with ParallelGC, which
   * the launcher selects), and a peak that is too low flatters every "% of peak".
   */
  static double measure(int threads, int rounds) {
    double here = gflops(threads, rounds);
    try {
      String launcher = ProcessHandle.current().info().command().orElse("java");
      Process p = new ProcessBuilder(launcher, "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
          Peak.class.getName(), Integer.toString(threads), Integer.toString(rounds)).redirectErrorStream(false).start();
      p.getErrorStream().transferTo(java.io.OutputStream.nullOutputStream());
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
      return p.waitFor() == 0 ? Math.max(here, Double.parseDouble(out)) : here;
    } catch (java.io.IOException | NumberFormatException e) {
      return here;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return here;
    }
  }

  /** Prints {@link #gflops(int, int)} for {@code THREADS ROUNDS}: {@link #measure}'s child JVM. */
  public static void main(String[] args) {
    System.out.println(gflops(Integer.parseInt(args[0]), Integer.parseInt(args[1])));
  }

  /**
   * GFLOP/s of {@code threads} threads running the loop at once (their sum), best of
   * {@code rounds} rounds of every chain count; the wall time of a round is that of its slowest thread.
   */
  static double gflops(int threads, int rounds) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      double best = 0;
      for (int round = 0; round < rounds; round++) {
        for (int chains : CHAINS) {
          List<Callable<Float>> tasks = new ArrayList<>();
          for (int t = 0; t < threads; t++) tasks.add(() -> loop(chains, ITERATIONS));
          long t0 = System.nanoTime();
          float sink = 0;
          for (Future<Float> f : pool.invokeAll(tasks)) sink += f.get();
          long t = System.nanoTime() - t0;
          if (sink == 42) System.out.print("");
          best = Math.max(best, 2.0 * chains * S.length() * ITERATIONS * threads / t);
        }
      }
      return best;
    } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e);
    } finally {
      pool.shutdown();
    }
  }

  private static float loop(int chains, int n) {
    return switch (chains) {
      case 8 -> chains8(n);
      case 10 -> chains10(n);
      case 11 -> chains11(n);
      case 12 -> chains12(n);
      default -> throw new IllegalArgumentException("no loop of " + chains + " chains");
    };
  }

  private static float chains8(int n) {
    FloatVector a = FloatVector.broadcast(S, 0.999f), b = FloatVector.broadcast(S, 1e-6f);
    FloatVector c0 = b, c1 = b, c2 = b, c3 = b, c4 = b, c5 = b, c6 = b, c7 = b;
    for (int i = 0; i < n; i++) {
      c0 = c0.fma(a, b);
      c1 = c1.fma(a, b);
      c2 = c2.fma(a, b);
      c3 = c3.fma(a, b);
      c4 = c4.fma(a, b);
      c5 = c5.fma(a, b);
      c6 = c6.fma(a, b);
      c7 = c7.fma(a, b);
    }
    return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).reduceLanes(VectorOperators.ADD);
  }

  private static float chains10(int n) {
    FloatVector a = FloatVector.broadcast(S, 0.999f), b = FloatVector.broadcast(S, 1e-6f);
    FloatVector c0 = b, c1 = b, c2 = b, c3 = b, c4 = b, c5 = b, c6 = b, c7 = b, c8 = b, c9 = b;
    for (int i = 0; i < n; i++) {
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
    }
    return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).reduceLanes(VectorOperators.ADD);
  }

  private static float chains11(int n) {
    FloatVector a = FloatVector.broadcast(S, 0.999f), b = FloatVector.broadcast(S, 1e-6f);
    FloatVector c0 = b, c1 = b, c2 = b, c3 = b, c4 = b, c5 = b, c6 = b, c7 = b, c8 = b, c9 = b, c10 = b;
    for (int i = 0; i < n; i++) {
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
    }
    return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).reduceLanes(VectorOperators.ADD);
  }

  private static float chains12(int n) {
    FloatVector a = FloatVector.broadcast(S, 0.999f), b = FloatVector.broadcast(S, 1e-6f);
    FloatVector c0 = b, c1 = b, c2 = b, c3 = b, c4 = b, c5 = b, c6 = b, c7 = b, c8 = b, c9 = b, c10 = b, c11 = b;
    for (int i = 0; i < n; i++) {
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
    return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11).reduceLanes(VectorOperators.ADD);
  }
}
