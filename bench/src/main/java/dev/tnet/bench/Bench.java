package dev.tnet.bench;

import dev.tnet.codegen.jvm.JvmBackend;
import dev.tnet.frontend.Frontend;
import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.GraphTyper;
import dev.tnet.ir.graph.RandomWeights;
import dev.tnet.ir.loop.LoopProgram;
import dev.tnet.ir.lower.Lowering;
import dev.tnet.ir.opt.KernelPlan;
import dev.tnet.ir.opt.KernelPlanner;
import dev.tnet.ir.pass.Parallelize;
import dev.tnet.ir.pass.Vectorize;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.kernel.Library;
import dev.tnet.runtime.model.CompiledModel;
import dev.tnet.runtime.model.WorkerPool;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

/**
 * Reports numbers, passes nothing: ResNet-18 at 224×224 batch 1 (random weights) with 1 and 2
 * threads, median of {@code --runs} after warm-up, with library kernels and (with {@code
 * --before}) with loop nests only; then the kernels' GFLOP/s and share of this core's FMA peak.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp 'bench/target-perf/tnet-bench.jar:bench/target-perf/lib/*'
 *     dev.tnet.bench.Bench [--runs 10] [--before] [--samples samples]</pre>
 */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) {
    int runs = 10;
    boolean before = false;
    Path samples = Path.of("samples");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--before" -> before = true;
        case "--samples" -> samples = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    System.out.printf("cores %d, vector %s%n", Runtime.getRuntime().availableProcessors(), jdk.incubator.vector.FloatVector.SPECIES_PREFERRED);
    double peak = Peak.gflops();
    System.out.printf("FMA peak (12 accumulators, 1 thread): %.1f GFLOP/s%n", peak);
    resnet(samples, runs, before);
    System.out.println("micro-benchmarks (GFLOP/s; % of the 1-thread peak, or of 2x it for 2 threads):");
    int[][] convs = {
        {1, 64, 56, 56, 64, 56, 56, 3, 3, 1, 1, 1, 1, 1, 1, 1},
        {1, 256, 56, 56, 64, 56, 56, 1, 1, 1, 1, 0, 0, 1, 1, 1},
        {1, 144, 56, 56, 144, 56, 56, 3, 3, 1, 1, 1, 1, 1, 1, 144}};
    String[] names = {"conv 3x3 64->64 56x56", "conv 1x1 256->64 56x56", "depthwise 3x3 144ch 56x56"};
    for (int i = 0; i < convs.length; i++) conv(names[i], convs[i], peak);
    gemm(512, 512, 512, peak);
    System.exit(0);
  }

  private static void resnet(Path samples, int runs, boolean before) {
    Graph g = Frontend.compile(samples.resolve("resnet18.tnet"), null, Map.of()).graph();
    Shape shape = Shape.of(1, 3, 224, 224);
    Map<String, Tensor> weights = RandomWeights.generate(GraphTyper.infer(g), Map.of("N", 1L), 7);
    Tensor x = Tensor.of(shape, random(shape.size(), 3));
    for (String line : KernelPlanner.plan(g).explain()) System.out.println("  " + line);
    for (KernelPlan plan : before ? new KernelPlan[] {KernelPlan.NONE, KernelPlanner.plan(g)} : new KernelPlan[] {KernelPlanner.plan(g)}) {
      LoopProgram p = Vectorize.run(Parallelize.run(Lowering.lower(g, Map.of("image", shape), plan)));
      for (int threads = 1; threads <= 2; threads++) {
        CompiledModel m = JvmBackend.compile(p, weights, new JvmBackend.Options(threads, true));
        int n = plan == KernelPlan.NONE ? Math.min(runs, 3) : runs;
        double[] ms = new double[n];
        for (int w = 0; w < (plan == KernelPlan.NONE ? 1 : 5); w++) m.run(Map.of("image", x));
        for (int r = 0; r < n; r++) {
          long t0 = System.nanoTime();
          m.run(Map.of("image", x));
          ms[r] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("resnet18 224x224 batch 1, %s, %d thread(s): median %.1f ms (min %.1f, max %.1f, %d runs)%n",
            plan == KernelPlan.NONE ? "loop nests (before)" : "library kernels", threads, ms[n / 2], ms[0], ms[n - 1], n);
      }
    }
  }

  private static void conv(String name, int[] shape, double peak) {
    int[] packInts = Arrays.copyOf(shape, 18), runInts = Arrays.copyOf(shape, 18);
    packInts[16] = 1;
    boolean depthwise = shape[15] > 1;
    String kernel = depthwise ? "depthwise2d" : "conv2d";
    int[] sizes = Library.readSizes(kernel + ".pack", packInts);
    float[] packed = new float[Library.outSize(kernel + ".pack", packInts)];
    Library.call(kernel + ".pack", null, new float[][] {random(sizes[0], 1), random(sizes[1], 2)}, packed, packInts, new float[] {1e-5f});
    float[] x = random(Library.readSizes(kernel, runInts)[0], 3), y = new float[Library.outSize(kernel, runInts)];
    double flops = 2.0 * y.length * (shape[1] / shape[15]) * shape[7] * shape[8];
    time(name, flops, peak, pool -> Library.call(kernel, pool, new float[][] {x, packed}, y, runInts, new float[] {0, 0}));
  }

  private static void gemm(int m, int k, int n, double peak) {
    // GEMM as linear: x [m, k] · W[n, k]^T.
    int[] packInts = {m, k, n, 0, 0}, runInts = {m, k, n, 0, 0};
    float[] packed = new float[Library.outSize("linear.pack", packInts)];
    Library.call("linear.pack", null, new float[][] {random(n * k, 1)}, packed, packInts, new float[] {0});
    float[] x = random(m * k, 2), y = new float[m * n];
    time("gemm " + m + "x" + k + "x" + n, 2.0 * m * n * k, peak, pool -> Library.call("linear", pool, new float[][] {x, packed}, y, runInts, new float[] {0, 0}));
  }

  private static void time(String name, double flops, double peak, java.util.function.Consumer<WorkerPool> body) {
    for (int threads = 1; threads <= 2; threads++) {
      WorkerPool pool = WorkerPool.shared(threads);
      for (int w = 0; w < 20; w++) body.accept(pool);
      double[] ns = new double[30];
      for (int r = 0; r < ns.length; r++) {
        long t0 = System.nanoTime();
        body.accept(pool);
        ns[r] = System.nanoTime() - t0;
      }
      Arrays.sort(ns);
      double gf = flops / ns[ns.length / 2];
      System.out.printf("  %-28s %d thread(s): median %8.3f ms  %6.1f GFLOP/s  %5.1f%% of peak%n", name, threads, ns[ns.length / 2] / 1e6, gf,
          100 * gf / (peak * threads));
    }
  }

  private static float[] random(int n, long seed) {
    Random r = new Random(seed);
    float[] a = new float[n];
    for (int i = 0; i < n; i++) a[i] = r.nextFloat() - 0.5f;
    return a;
  }
}
