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
import dev.tnet.runtime.model.CompiledModel;
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
    double peak = Peak.measure(1, 8);
    System.out.printf("FMA peak (1 thread): %.1f GFLOP/s%n", peak);
    resnet(samples, runs, before);
    System.out.println("micro-benchmarks (GFLOP/s; % of the 1-thread peak, or of 2x it for 2 threads):");
    for (KernelBench.Result k : KernelBench.run(java.util.List.of(1, 2), 20, 1, 30)) {
      System.out.printf("  %-28s %d thread(s): median %8.3f ms  %6.1f GFLOP/s  %5.1f%% of peak%n", k.name(), k.threads(), k.ms(), k.gflops(),
          100 * k.gflops() / (peak * k.threads()));
    }
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

  private static float[] random(int n, long seed) {
    Random r = new Random(seed);
    float[] a = new float[n];
    for (int i = 0; i < n; i++) a[i] = r.nextFloat() - 0.5f;
    return a;
  }
}
