package dev.tnet.bench;

import dev.tnet.driver.Tnet;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.UserException;
import dev.tnet.runtime.model.CompiledModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tnet bench}: tnet against ONNX Runtime (Java, CPU) in one JVM on the same networks with
 * the same weights and input, batch 1, at each thread count; then the library kernels alone.
 * Writes a Markdown report and a latency chart beside it. Reports numbers, passes nothing.
 */
@Command(name = "bench", description = "Benchmarks tnet against ONNX Runtime on ResNet-18, MobileNetV2 and PaddleOCR, and the kernels; writes RESULTS.md and a chart.")
final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--runs", paramLabel = "N", description = "Timed runs per engine (default 20; 3 with --quick).")
  Integer runs;

  @Option(names = "--warmup", paramLabel = "N", description = "Untimed runs before them, at least (default 10; 1 with --quick).")
  Integer warmup;

  @Option(names = "--warmup-seconds", paramLabel = "S",
      description = "Keep warming up until both engines have run this long (default 5; 0 with --quick): small networks need many runs before the JIT compiles tnet's code.")
  Double warmupSeconds;

  @Option(names = "--threads", paramLabel = "N,N", split = ",", defaultValue = "1,2", description = "Thread counts (default 1,2).")
  List<Integer> threads;

  @Option(names = "--networks", paramLabel = "NAME,NAME", split = ",", defaultValue = "resnet18,mobilenet_v2,ocr_det,ocr_cls",
      description = "Networks: resnet18, mobilenet_v2, ocr_det, ocr_cls, lenet5 (default: all but lenet5).")
  List<String> networks;

  @Option(names = "--quick", description = "Few runs, for a smoke test: the numbers mean little.")
  boolean quick;

  @Option(names = "--no-kernels", description = "Skip the kernel micro-benchmarks.")
  boolean noKernels;

  @Option(names = "--out", paramLabel = "FILE.md", defaultValue = "bench/RESULTS.md",
      description = "The report to write; the chart goes beside it as results.png (default bench/RESULTS.md).")
  Path out;

  @Option(names = "--samples", paramLabel = "DIR", defaultValue = "samples", description = "Where resnet18.tnet and the other samples are (default samples).")
  Path samples;

  @Option(names = "--models", paramLabel = "DIR", description = "Where the PaddleOCR .onnx files are (default $TNET_MODELS/ocr-models-1.4.2, as tools/fetch-models.sh puts them).")
  Path models;

  public void run() {
    PrintWriter log = spec.commandLine().getOut();
    int timed = runs != null ? runs : quick ? 3 : 20, warm = warmup != null ? warmup : quick ? 1 : 10;
    double warmSeconds = warmupSeconds != null ? warmupSeconds : quick ? 0 : 5;
    if (timed < 1 || warm < 0 || warmSeconds < 0) throw new UserException("--runs must be at least 1, --warmup and --warmup-seconds at least 0");
    for (int t : threads) if (t < 1) throw new UserException("--threads: " + t + " is not a thread count");
    List<Network> nets = new ArrayList<>();
    for (String name : networks) nets.add(Network.load(name.trim(), samples, models != null ? models : Network.modelCache()));

    double[] loadBefore = Machine.load();
    Machine machine = Machine.describe();
    log.printf("%s, %d cores, %d-bit vectors, %s, ONNX Runtime %s; load average %.2f%n", machine.cpu(), machine.cores(),
        machine.vectorBits(), machine.jdk(), machine.ort(), loadBefore[0]);
    Map<Integer, Double> peaks = new LinkedHashMap<>();
    for (int t : threads) {
      peaks.put(t, Peak.measure(t, 8));
      log.printf("FMA peak, %d thread(s): %.1f GFLOP/s%n", t, peaks.get(t));
    }

    List<NetResult> results = new ArrayList<>();
    for (Network n : nets) {
      for (int t : threads) {
        NetResult r = measure(n, t, peaks.get(t), warm, warmSeconds, timed);
        results.add(r);
        log.printf("%-22s %d thread(s): tnet %8.2f ms  ORT %8.2f ms  tnet/ORT %5.2f (paired %5.2f)  tnet %5.1f GFLOP/s (%3.0f%% of peak)"
            + "  compile %.2f s  steady at run %d/%d of %d  max diff %.1e%n", n.label(), t, r.tnet().median(), r.ort().median(), r.ratio(),
            r.pairedRatio(), r.tnetGflops(), 100 * r.tnetGflops() / r.peakGflops(), r.compileSeconds(), r.tnet().steadyRun(), r.ort().steadyRun(),
            r.tnet().runs(), r.relativeDiff());
      }
    }
    List<KernelBench.Result> kernels = noKernels ? List.of() : KernelBench.run(threads, quick ? 2 : 20, quick ? 0 : 1, quick ? 3 : 30);
    for (KernelBench.Result k : kernels) {
      log.printf("%-28s %d thread(s): %8.3f ms  %6.1f GFLOP/s  %3.0f%% of peak%n", k.name(), k.threads(), k.ms(), k.gflops(),
          100 * k.gflops() / peaks.get(k.threads()));
    }
    double[] loadAfter = Machine.load();

    Path chart = out.toAbsolutePath().resolveSibling("results.png");
    String date = ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"));
    Chart.write(results, machine.cpu() + ", " + machine.cores() + " cores, " + machine.vectorBits() + "-bit vectors; ONNX Runtime "
        + machine.ort() + "; " + date + String.format(", load %.1f", Math.max(loadBefore[0], loadAfter[0])), chart);
    List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
    if (!args.isEmpty() && args.getFirst().equals("bench")) args.removeFirst();
    String command = "./tnet bench " + String.join(" ", args);
    String md = Report.markdown(date, command.trim(), machine, loadBefore, loadAfter, peaks, warm, warmSeconds, timed, results, kernels,
        chart.getFileName().toString());
    try {
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, md);
    } catch (IOException e) {
      throw new UserException("cannot write " + out + ": " + e.getMessage());
    }
    log.printf("wrote %s and %s%n", out, chart);
  }

  /**
   * Compiles tnet and opens an ONNX Runtime session, then runs them in turn, all runs recorded: at
   * least {@code warm} warm-up runs that last at least {@code warmSeconds} (at most 2,000), then
   * {@code timed} runs.
   */
  private static NetResult measure(Network n, int threads, double peak, int warm, double warmSeconds, int timed) {
    System.gc();
    long t0 = System.nanoTime();
    CompiledModel model = Tnet.compile(n.graph(), n.weights(), Tnet.Options.defaults().threads(threads).inputShape(n.input(), n.x().shape()));
    double compile = (System.nanoTime() - t0) / 1e9;
    long t1 = System.nanoTime();
    try (OrtRunner ort = new OrtRunner(n.onnx(), n.x(), threads)) {
      double session = (System.nanoTime() - t1) / 1e9;
      Map<String, Tensor> in = Map.of(n.input(), n.x());
      List<Double> tnetMs = new ArrayList<>(), ortMs = new ArrayList<>();
      long start = System.nanoTime();
      int warmed = 0;
      while (warmed < warm || (System.nanoTime() - start) / 1e9 < warmSeconds && warmed < 2000) {
        runBoth(model, in, ort, tnetMs, ortMs, false);
        warmed++;
      }
      for (int i = 0; i < timed; i++) runBoth(model, in, ort, tnetMs, ortMs, true);
      double diff = relativeDiff(model.run(in).values().iterator().next().floats(), ort.firstOutput());
      return new NetResult(n.name(), n.label(), threads, n.flops(), peak, Series.of(tnetMs, timed), Series.of(ortMs, timed), compile,
          session, diff);
    }
  }

  /**
   * How long an engine runs untimed, back to back, before each of its timed runs, so that a timed
   * run starts with its own engine's data in cache and its threads awake, and the other engine's
   * threads idle: tnet's pool spins 2 ms after a loop, ONNX Runtime's stops when a run returns
   * ({@link OrtRunner#STOP_SPINNING}; by default it spins on, and this settling alone did not
   * keep it off tnet's runs). Sleeping instead costs both engines a cold start on this VM.
   */
  static final long SWITCH_MILLIS = Long.getLong("tnet.bench.switchMillis", 40);

  /**
   * One tnet run, then one ONNX Runtime run, each timed; with {@code settle}, each engine first
   * runs untimed for {@link #SWITCH_MILLIS}.
   */
  private static void runBoth(CompiledModel model, Map<String, Tensor> in, OrtRunner ort, List<Double> tnetMs, List<Double> ortMs,
      boolean settle) {
    tnetMs.add(timed(() -> model.run(in), settle));
    ortMs.add(timed(ort::run, settle));
  }

  /** Milliseconds of one run of {@code engine}, after {@link #SWITCH_MILLIS} of untimed runs if {@code settle}. */
  private static double timed(Runnable engine, boolean settle) {
    long until = System.nanoTime() + SWITCH_MILLIS * 1_000_000;
    while (settle && System.nanoTime() < until) engine.run();
    long a = System.nanoTime();
    engine.run();
    return (System.nanoTime() - a) / 1e6;
  }

  /** max |a - b| / max |b|; infinite if the sizes differ. */
  static double relativeDiff(float[] a, float[] b) {
    if (a.length != b.length) return Double.POSITIVE_INFINITY;
    double d = 0, scale = 0;
    for (int i = 0; i < a.length; i++) {
      d = Math.max(d, Math.abs(a[i] - b[i]));
      scale = Math.max(scale, Math.abs(b[i]));
    }
    return scale == 0 ? d : d / scale;
  }
}
