package dev.tnet.driver.cli;

import dev.tnet.ir.graph.Graph;
import dev.tnet.runtime.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.Node;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.graph.TypedGraph;
import dev.tnet.ir.graph.GraphTyper;
import dev.tnet.ir.op.ParamSpec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tnet check FILE.tnet}: parses and checks a model and prints a table of its layers. */
@Command(name = "check", description = "Checks a model (.tnet or .onnx) and prints its layers: op, output shape, parameters, FLOPs.")
final class CheckCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ModelOptions model;

  @Option(names = "--input-shape", paramLabel = "NAME=DxDxD",
      description = "The shape of an input with symbolic or dynamic dims, e.g. x=1x3x224x224: the peak activation bytes need it.")
  Map<String, String> inputShapes = new LinkedHashMap<>();

  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    Graph graph;
    if (model.isOnnx()) {
      Map<String, Shape> shapes = new LinkedHashMap<>();
      inputShapes.forEach((k, v) -> shapes.put(k, CompileCommand.parseShape(k, v)));
      graph = model.importOnnx(shapes).graph();
    } else {
      graph = model.compile(spec.commandLine().getErr()).graph();
    }
    TypedGraph typed = GraphTyper.infer(graph);
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"layer", "op", "output", "params", "FLOPs"});
    Dim flops = Dim.of(0);
    for (Node n : graph.nodes()) {
      List<TensorType> in = n.inputs().stream().map(typed::type).toList();
      Dim f = n.op().flops(in);
      flops = flops.plus(f);
      long params = n.op().params(in).stream().filter(p -> !p.isBuffer()).mapToLong(p -> p.type().shape().size()).sum();
      String shapes = n.outputs().stream().map(o -> typed.type(o).toString()).collect(Collectors.joining(", "));
      rows.add(new String[] {n.name(), n.op().name(), shapes, params == 0 ? "" : String.format("%,d", params), human(f)});
    }
    Table.print(out, rows);
    long trainable = typed.params().values().stream().filter(p -> !p.isBuffer()).mapToLong(p -> p.type().shape().size()).sum();
    long buffers = typed.params().values().stream().filter(ParamSpec::isBuffer).mapToLong(p -> p.type().shape().size()).sum();
    out.printf("%n%s: %d layers, %,d parameters (+%,d buffer values), %s FLOPs per run%n", graph.name(),
        graph.nodes().size(), trainable, buffers, human(flops));
    out.printf("activation bytes: %s if every intermediate value had its own buffer%n", bytes(activationBytes(graph, typed)));
    arena(out, graph);
    for (var o : graph.outputs()) out.printf("output %s: %s%n", o.name(), typed.type(o.value()));
  }

  /**
   * The peak activation bytes of the JVM backend for concrete input shapes (its arena, where
   * buffers with disjoint lifetimes share memory), or how to get them.
   */
  private void arena(PrintWriter out, Graph graph) {
    Map<String, Shape> shapes = new LinkedHashMap<>();
    inputShapes.forEach((k, v) -> shapes.put(k, CompileCommand.parseShape(k, v)));
    boolean concrete = graph.inputs().stream().allMatch(in -> shapes.containsKey(in.name()) || in.type().isKnown());
    if (!concrete) {
      out.println("peak activation bytes: pass --input-shape for every input with a symbolic dim");
      return;
    }
    var program = dev.tnet.driver.Tnet.lower(graph, dev.tnet.driver.Tnet.Options.defaults().inputShapes(shapes));
    String given = shapes.isEmpty() ? "" : " for " + shapes.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    out.printf("peak activation bytes%s: %,d (JVM backend: buffers whose lifetimes do not overlap share memory)%n", given,
        dev.tnet.codegen.jvm.JvmBackend.arenaBytes(program));
  }

  /** The bytes of every value a node computes that is not a graph output (inputs and weights excluded). */
  static Dim activationBytes(Graph graph, TypedGraph typed) {
    java.util.Set<String> outputs = graph.outputs().stream().map(Graph.Output::value).collect(Collectors.toSet());
    Dim sum = Dim.of(0);
    for (Node n : graph.nodes()) {
      for (String v : n.outputs()) {
        if (outputs.contains(v)) continue;
        TensorType t = typed.type(v);
        sum = sum.plus(t.numel().times(t.dtype().byteSize()));
      }
    }
    return sum;
  }

  /** A byte count as 12.85 MB (powers of 1000), or the expression when it depends on symbolic sizes. */
  private static String bytes(Dim d) {
    if (!d.isKnown()) return d + " bytes";
    double v = d.value();
    if (v >= 1e9) return String.format("%.2f GB", v / 1e9);
    if (v >= 1e6) return String.format("%.2f MB", v / 1e6);
    if (v >= 1e3) return String.format("%.2f kB", v / 1e3);
    return String.format("%.0f bytes", v);
  }

  /** A FLOP count as 1.82 G, or the expression when it depends on symbolic sizes. */
  static String human(Dim d) {
    if (!d.isKnown()) return d.toString();
    double v = d.value();
    if (v >= 1e9) return String.format("%.2f G", v / 1e9);
    if (v >= 1e6) return String.format("%.2f M", v / 1e6);
    if (v >= 1e3) return String.format("%.2f K", v / 1e3);
    return String.format("%.0f", v);
  }
}
