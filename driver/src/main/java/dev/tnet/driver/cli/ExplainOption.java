package dev.tnet.driver.cli;

import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.opt.KernelPlanner;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code --explain}: print the kernel plan, one line per conv/linear layer (kernel and why). */
final class ExplainOption {
  @Option(names = "--explain", description = "Print the kernel chosen for each conv/linear layer and why.")
  boolean explain;

  /** Prints {@code g}'s plan to {@code out} if asked. */
  void print(Graph g, PrintWriter out) {
    if (!explain) return;
    var lines = KernelPlanner.plan(g).explain();
    out.printf("kernel plan of %s (%d layers):%n", g.name(), lines.size());
    for (String line : lines) out.println("  " + line);
    out.flush();
  }
}
