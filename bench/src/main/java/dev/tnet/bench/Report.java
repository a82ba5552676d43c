package dev.tnet.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The results as Markdown: the machine, then one table for the networks and one for the kernels. */
final class Report {
  /** A load average above this means other work shared the cores: the figures are noisy. */
  static final double NOISY_LOAD = 1.5;

  private Report() {}

  static String markdown(String date, String command, Machine m, double[] loadBefore, double[] loadAfter, Map<Integer, Double> peaks,
      int warmup, double warmupSeconds, int runs, List<NetResult> nets, List<KernelBench.Result> kernels, String chart) {
    StringBuilder sb = new StringBuilder();
    sb.append("# tnet vs ONNX Runtime\n\n");
    sb.append("Written by `").append(command).append("` on ").append(date).append(".\n\n");
    sb.append("| | |\n|---|---|\n");
    row(sb, "CPU", m.cpu());
    row(sb, "cores", Integer.toString(m.cores()));
    row(sb, "vector width the JVM uses", m.vectorBits() + " bits (" + m.vectorBits() / 32 + " floats)");
    row(sb, "JDK", m.jdk());
    row(sb, "ONNX Runtime", "Java " + m.ort() + " (CPU execution provider; every graph optimization, sequential, its pool threads"
        + " stopping their spinning when a run returns: `" + OrtRunner.STOP_SPINNING + "`)");
    row(sb, "load average (uptime: 1, 5, 15 min)", "before " + load(loadBefore) + "; after " + load(loadAfter));
    StringBuilder p = new StringBuilder();
    peaks.forEach((t, g) -> p.append(p.isEmpty() ? "" : ", ").append(f("%d thread%s %.1f GFLOP/s", t, t == 1 ? "" : "s", g)));
    row(sb, "FMA peak (best FMA loop of 8-12 chains, measured in this run and in a fresh JVM)", p.toString());
    row(sb, "runs", f("warm-up (at least %d runs and %.0f s, the engines alternating run by run) then %d timed runs per engine, the"
        + " engines taking turns, each timed run after %d ms of its own engine's untimed runs", warmup, warmupSeconds, runs,
        BenchCommand.SWITCH_MILLIS));
    sb.append('\n');
    if (loadBefore[0] > NOISY_LOAD) { // after the run, the load counts the benchmark's own threads
      sb.append(f("**The figures are noisy:** the load average was above %.1f before the run (other processes competed for this"
          + " %d-core machine), so both engines lost time to them. Ratios are fairer than absolute times, since the engines alternate.%n%n",
          NOISY_LOAD, m.cores()));
    }
    Double one = peaks.get(1), two = peaks.get(2);
    if (one != null && two != null && two < 1.5 * one) {
      sb.append(f("**The 2-thread figures measure contention:** two threads reached %.1f GFLOP/s of FMA peak against %.1f for one,"
          + " so the second core was mostly busy with other work during this run.%n%n", two, one));
    }
    sb.append("## Networks, batch 1\n\n");
    sb.append("Median latency of the timed runs; GFLOP/s counts the conv/linear FLOPs (2 per multiply-add, as `tnet check` does;"
        + " tnet runs 3×3 stride-1 convolutions by Winograd F(2×2, 3×3), 4/9 of those multiply-adds, so its figure is effective);"
        + " % of peak is against the FMA peak of that many threads. *Steady at run* is the first run (warm-up included; *of* how"
        + " many runs in all) within 10% of the median. *Paired* is the median, over the timed runs, of each tnet run's time over the"
        + " ONNX Runtime run right after it (the two runs of a pair share the host's state of the moment)."
        + " *Max diff* is max |tnet - ORT| / max |ORT| over the first output.\n\n");
    sb.append("| network | threads | GFLOP | tnet ms | ORT ms | tnet/ORT | paired | tnet GFLOP/s (% peak) | ORT GFLOP/s (% peak)"
        + " | tnet compile s | ORT session s | steady at run: tnet / ORT (of) | first run ms: tnet / ORT | max diff |\n");
    sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (NetResult r : nets) {
      sb.append(f("| %s | %d | %.3g | %.2f | %.2f | %.2f | %.2f | %.1f (%.0f%%) | %.1f (%.0f%%) | %.2f | %.2f | %d / %d (%d) | %.1f / %.1f"
          + " | %.1e |%n", r.label(), r.threads(), r.flops() / 1e9, r.tnet().median(), r.ort().median(), r.ratio(), r.pairedRatio(), r.tnetGflops(),
          100 * r.tnetGflops() / r.peakGflops(), r.ortGflops(), 100 * r.ortGflops() / r.peakGflops(), r.compileSeconds(),
          r.sessionSeconds(), r.tnet().steadyRun(), r.ort().steadyRun(), r.tnet().runs(), r.tnet().first(), r.ort().first(), r.relativeDiff()));
    }
    if (chart != null) sb.append("\n![latency of tnet and ONNX Runtime per network and thread count](").append(chart).append(")\n");
    if (!kernels.isEmpty()) {
      sb.append("\n## Library kernels alone\n\nEach after at least 20 untimed calls and 1 s of them, and until the median of the last 10"
          + " is within 3 % of the 10 before (at most 10 s; `--quick`: 2 calls; after the networks, a kernel on a new shape can run in"
          + " unoptimized code until the JIT compiles it again), then the median of 30 calls (`--quick`: 3). The 3×3 conv runs twice:"
          + " by the implicit-GEMM kernel (what the micro-benchmark measured so far) and by Winograd F(2×2, 3×3), which networks use for"
          + " it; Winograd's GFLOP/s count the direct FLOPs (effective; it does 4/9 of the multiply-adds).\n\n");
      sb.append("| kernel | threads | median ms | GFLOP/s | % of peak |\n|---|---:|---:|---:|---:|\n");
      for (KernelBench.Result k : kernels) {
        sb.append(f("| %s | %d | %.3f | %.1f | %.0f%% |%n", k.name(), k.threads(), k.ms(), k.gflops(), 100 * k.gflops() / peaks.get(k.threads())));
      }
    }
    return sb.toString();
  }

  private static void row(StringBuilder sb, String key, String value) {
    sb.append("| ").append(key).append(" | ").append(value).append(" |\n");
  }

  private static String load(double[] l) {
    return f("%.2f %.2f %.2f", l[0], l[1], l[2]);
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
