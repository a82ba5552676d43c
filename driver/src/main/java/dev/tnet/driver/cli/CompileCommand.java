package dev.tnet.driver.cli;

import dev.tnet.driver.Tnet;
import dev.tnet.ir.graph.Graph;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.UserException;
import dev.tnet.runtime.io.Safetensors;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tnet compile FILE.tnet --weights W --input-shape x=1x3x224x224 -o model.jar}: ahead-of-time compilation. */
@Command(name = "compile", description = "Compiles a model with its weights into a jar that needs only the tnet runtime.")
final class CompileCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ModelOptions model;
  @Mixin BackendOptions backend;
  @Mixin ExplainOption explain;

  @Option(names = "--weights", paramLabel = "W.safetensors", required = true, description = "Weights, named as in a PyTorch state_dict.")
  Path weights;

  @Option(names = "--input-shape", paramLabel = "NAME=DxDxD", description = "The shape to compile an input for, e.g. x=1x3x224x224.")
  Map<String, String> inputShapes = new LinkedHashMap<>();

  @Option(names = {"-o", "--output"}, paramLabel = "MODEL.jar", required = true, description = "The jar to write.")
  Path output;

  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    if (!backend.name().equalsIgnoreCase("jvm")) {
      throw new UserException("compile writes JVM jars; --backend " + backend.name() + " runs with tnet run --backend "
          + backend.name() + " instead");
    }
    Graph g = model.compile(spec.commandLine().getErr()).graph();
    explain.print(g, out);
    Map<String, Shape> shapes = new LinkedHashMap<>();
    inputShapes.forEach((k, v) -> shapes.put(k, parseShape(k, v)));
    long t0 = System.nanoTime();
    Tnet.compileToJar(g, Safetensors.read(weights), backend.options(model, spec.commandLine().getErr()).inputShapes(shapes), output);
    out.printf("wrote %s (%s, compiled in %.2f s); run it with: ./tnet run %s --input NAME=FILE.npy%n", output, g.name(),
        (System.nanoTime() - t0) / 1e9, output);
  }

  /** {@code 1x3x224x224} as a shape. */
  static Shape parseShape(String name, String text) {
    try {
      String[] parts = text.split("x");
      long[] dims = new long[parts.length];
      for (int i = 0; i < parts.length; i++) dims[i] = Long.parseLong(parts[i].trim());
      return Shape.ofLongs(dims);
    } catch (NumberFormatException e) {
      throw new UserException("--input-shape " + name + "=" + text + ": expected sizes separated by x, such as 1x3x224x224");
    }
  }
}
