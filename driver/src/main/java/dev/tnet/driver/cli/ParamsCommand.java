package dev.tnet.driver.cli;

import dev.tnet.ir.graph.GraphTyper;
import dev.tnet.ir.graph.TypedGraph;
import dev.tnet.ir.op.ParamSpec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tnet params FILE.tnet}: every weight's state_dict name and shape, and the totals. */
@Command(name = "params", description = "Lists a model's weights as named in its state_dict, with shapes and the total count.")
final class ParamsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ModelOptions model;

  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    TypedGraph typed = GraphTyper.infer(model.compile(spec.commandLine().getErr()).graph());
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"name", "shape", "count"});
    long trainable = 0, buffers = 0;
    for (ParamSpec p : typed.params().values()) {
      long n = p.type().shape().size();
      if (p.isBuffer()) buffers += n;
      else trainable += n;
      rows.add(new String[] {p.name() + (p.isBuffer() ? " (buffer)" : ""), p.type().toString(), String.format("%,d", n)});
    }
    Table.print(out, rows);
    out.printf("%n%,d parameters in %d tensors, plus %,d buffer values%n", trainable,
        typed.params().values().stream().filter(p -> !p.isBuffer()).count(), buffers);
  }
}
