package dev.tnet.bench;

import dev.tnet.runtime.kernel.Library;
import dev.tnet.runtime.model.WorkerPool;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The library kernels alone, on the shapes that dominate ResNet and MobileNet: 3×3 conv 64→64
 * (by the implicit-GEMM kernel and by Winograd F(2×2, 3×3), which networks use for it), 1×1 conv
 * 256→64 and depthwise 3×3 over 144 channels at 56×56, and a 512³ GEMM (as linear). Weights are
 * packed once, outside the timing. GFLOP/s count a convolution's direct FLOPs (Winograd's are
 * effective: it does 4/9 of the multiply-adds).
 */
final class KernelBench {
  /** One kernel at one thread count: median time and GFLOP/s. */
  record Result(String name, int threads, double ms, double gflops) {}

  private static final String[] NAMES = {"conv 3x3 64->64 56x56", "conv 3x3 64->64 56x56, Winograd (effective)", "conv 1x1 256->64 56x56",
      "depthwise 3x3 144ch 56x56"};
  private static final String[] KERNELS = {"conv2d", "conv2d_winograd", "conv2d", "depthwise2d"};
  // Library conv int arguments: N, C, H, W, K, OH, OW, KH, KW, stride h/w, pad h/w, dilation h/w, groups.
  private static final int[][] CONVS = {
      {1, 64, 56, 56, 64, 56, 56, 3, 3, 1, 1, 1, 1, 1, 1, 1},
      {1, 64, 56, 56, 64, 56, 56, 3, 3, 1, 1, 1, 1, 1, 1, 1},
      {1, 256, 56, 56, 64, 56, 56, 1, 1, 1, 1, 0, 0, 1, 1, 1},
      {1, 144, 56, 56, 144, 56, 56, 3, 3, 1, 1, 1, 1, 1, 1, 144}};

  private KernelBench() {}

  /**
   * Every kernel at every thread count: at least {@code warmup} untimed calls lasting at least
   * {@code warmSeconds}, then the median of {@code runs}. The time matters after the networks
   * ran: a kernel called on a new shape can leave the code the JIT compiled for the networks
   * (an uncommon trap) and run in unoptimized code, 7-10x slower, until it is compiled again
   * (measured: 3.2-5.5 ms against 0.3-0.5 for the depthwise layer when 20 calls were the warm-up).
   */
  static List<Result> run(List<Integer> threads, int warmup, double warmSeconds, int runs) {
    List<Result> results = new ArrayList<>();
    Timing timing = new Timing(warmup, warmSeconds, runs);
    for (int i = 0; i < CONVS.length; i++) conv(NAMES[i], KERNELS[i], CONVS[i], threads, timing, results);
    gemm(512, 512, 512, threads, timing, results);
    return results;
  }

  /** How each kernel is warmed up and timed (see {@link #run}). */
  private record Timing(int warmup, double warmSeconds, int runs) {}

  private static void conv(String name, String kernel, int[] shape, List<Integer> threads, Timing timing, List<Result> results) {
    int[] packInts = Arrays.copyOf(shape, 18), runInts = Arrays.copyOf(shape, 18);
    packInts[16] = 1;
    int[] sizes = Library.readSizes(kernel + ".pack", packInts);
    float[] packed = new float[Library.outSize(kernel + ".pack", packInts)];
    Library.call(kernel + ".pack", null, new float[][] {random(sizes[0], 1), random(sizes[1], 2)}, packed, packInts, new float[] {1e-5f});
    float[] x = random(Library.readSizes(kernel, runInts)[0], 3), y = new float[Library.outSize(kernel, runInts)];
    double flops = 2.0 * y.length * (shape[1] / shape[15]) * shape[7] * shape[8];
    for (int t : threads) {
      results.add(time(name, t, flops, timing, pool -> Library.call(kernel, pool, new float[][] {x, packed}, y, runInts, new float[] {0, 0})));
    }
  }

  private static void gemm(int m, int k, int n, List<Integer> threads, Timing timing, List<Result> results) {
    // GEMM as linear: x [m, k] · W[n, k]^T.
    int[] packInts = {m, k, n, 0, 0}, runInts = {m, k, n, 0, 0};
    float[] packed = new float[Library.outSize("linear.pack", packInts)];
    Library.call("linear.pack", null, new float[][] {random(n * k, 1)}, packed, packInts, new float[] {0});
    float[] x = random(m * k, 2), y = new float[m * n];
    for (int t : threads) {
      results.add(time("gemm " + m + "x" + k + "x" + n, t, 2.0 * m * n * k, timing,
          pool -> Library.call("linear", pool, new float[][] {x, packed}, y, runInts, new float[] {0, 0})));
    }
  }

  private static Result time(String name, int threads, double flops, Timing timing, Consumer<WorkerPool> body) {
    WorkerPool pool = WorkerPool.shared(threads);
    long start = System.nanoTime();
    List<Double> warm = new ArrayList<>();
    while (warm.size() < timing.warmup() || System.nanoTime() - start < timing.warmSeconds() * 1e9
        || timing.warmSeconds() > 0 && !steady(warm) && System.nanoTime() - start < MAX_WARM_SECONDS * 1e9) {
      long t0 = System.nanoTime();
      body.accept(pool);
      warm.add((double) (System.nanoTime() - t0));
    }
    int runs = timing.runs();
    double[] ns = new double[runs];
    for (int r = 0; r < runs; r++) {
      long t0 = System.nanoTime();
      body.accept(pool);
      ns[r] = System.nanoTime() - t0;
    }
    Arrays.sort(ns);
    double median = ns[runs / 2];
    return new Result(name, threads, median / 1e6, flops / median);
  }

  /**
   * Whether the last {@link #STEADY_WINDOW} calls' median is within 3 % of the median of the ones
   * before them: the JIT has compiled the kernel, so the timed calls do not measure compilation.
   * (It did not explain the slow 3×3 conv seen at one thread in some full runs, 4.4-5.7 ms against
   * 2.9-3.1 in others: with this warm-up, one run still measured 5.7, and 2.1 at two threads.)
   */
  static boolean steady(List<Double> ns) {
    int n = ns.size();
    if (n < 2 * STEADY_WINDOW) return false;
    double last = median(ns.subList(n - STEADY_WINDOW, n)), before = median(ns.subList(n - 2 * STEADY_WINDOW, n - STEADY_WINDOW));
    return Math.abs(last - before) <= 0.03 * before;
  }

  private static double median(List<Double> values) {
    return Series.median(values.stream().mapToDouble(Double::doubleValue).toArray());
  }

  static final int STEADY_WINDOW = 10;
  /** The longest warm-up of one kernel at one thread count while it is not {@link #steady}. */
  static final double MAX_WARM_SECONDS = 10;

  private static float[] random(int n, long seed) {
    Random r = new Random(seed);
    float[] a = new float[n];
    for (int i = 0; i < n; i++) a[i] = r.nextFloat() - 0.5f;
    return a;
  }
}
