package dev.tnet.driver.cli;

import dev.tnet.ir.op.OpCatalogue;
import dev.tnet.ir.op.Signature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tnet ops [NAME...]}: the op catalogue with each op's arguments and defaults. */
@Command(name = "ops", description = "Lists the operators tnet knows, with their arguments and defaults.")
final class OpsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "NAME", description = "Only these ops.")
  List<String> names = new ArrayList<>();

  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    List<String> shown = names.isEmpty() ? List.copyOf(OpCatalogue.names()) : names;
    for (String name : shown) {
      if (!OpCatalogue.contains(name)) {
        throw new dev.tnet.runtime.UserException("no op named '" + name + "'; `tnet ops` lists them all");
      }
      out.println(format(OpCatalogue.signature(name)));
    }
    if (names.isEmpty()) out.println(shown.size() + " ops");
  }

  /** {@code conv2d(out_channels, kernel_size, stride=1, ...)}. */
  static String format(Signature sig) {
    List<String> parts = new ArrayList<>();
    for (Signature.Param p : sig.params()) {
      parts.add(p.defaultValue() == null ? p.name() : p.name() + "=" + p.defaultValue());
    }
    return sig.op() + "(" + String.join(", ", parts) + ")";
  }
}
