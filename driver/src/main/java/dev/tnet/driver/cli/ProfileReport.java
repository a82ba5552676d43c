package dev.tnet.driver.cli;

import dev.tnet.runtime.model.KernelTime;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** What {@code tnet run --profile} prints: the kernels that took longest, per run, over some runs. */
final class ProfileReport {
  /** How many kernels the report names; the rest are summed on one line. */
  static final int SHOWN = 25;

  private ProfileReport() {}

  /** The time of each kernel in {@code after} minus the same kernel's in {@code before} (same model, same order). */
  static List<KernelTime> since(List<KernelTime> before, List<KernelTime> after) {
    List<KernelTime> out = new ArrayList<>();
    for (int i = 0; i < after.size(); i++) {
      KernelTime a = after.get(i), b = before.isEmpty() ? new KernelTime(a.kernel(), 0, 0) : before.get(i);
      out.add(new KernelTime(a.kernel(), a.calls() - b.calls(), a.nanos() - b.nanos()));
    }
    return out;
  }

  /** Prints the {@link #SHOWN} slowest of {@code times}, measured over {@code runs} runs, in ms per run and share of the total. */
  static void print(PrintWriter out, List<KernelTime> times, int runs) {
    double total = times.stream().mapToLong(KernelTime::nanos).sum();
    List<KernelTime> sorted = new ArrayList<>(times);
    sorted.sort(Comparator.comparingLong(KernelTime::nanos).reversed());
    out.printf("profile over %d run%s: %d kernels, %.3f ms per run in kernels%n", runs, runs == 1 ? "" : "s", times.size(), total / runs / 1e6);
    out.printf("%10s %6s  %s%n", "ms/run", "share", "kernel");
    for (int i = 0; i < Math.min(SHOWN, sorted.size()); i++) line(out, sorted.get(i).nanos(), total, runs, sorted.get(i).kernel());
    if (sorted.size() > SHOWN) {
      long rest = sorted.subList(SHOWN, sorted.size()).stream().mapToLong(KernelTime::nanos).sum();
      line(out, rest, total, runs, (sorted.size() - SHOWN) + " other kernels");
    }
  }

  private static void line(PrintWriter out, long nanos, double total, int runs, String what) {
    out.printf("%10.3f %5.1f%%  %s%n", nanos / 1e6 / runs, total == 0 ? 0 : 100 * nanos / total, what);
  }
}
