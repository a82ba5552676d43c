package dev.tnet.driver.cli;

import dev.tnet.interp.Interpreter;
import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.GraphTyper;
import dev.tnet.ir.graph.RandomWeights;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.UserException;
import dev.tnet.runtime.io.Npy;
import dev.tnet.runtime.io.Safetensors;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tnet run FILE.tnet --weights W.safetensors --input x=x.npy [--output-dir DIR]}: runs a
 * model on {@code .npy} inputs and writes each output as {@code DIR/NAME.npy}.
 */
@Command(name = "run", description = "Runs a model on .npy inputs and writes its outputs as .npy files.")
final class RunCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ModelOptions model;

  @ArgGroup(exclusive = true, multiplicity = "1")
  WeightSource weights;

  static final class WeightSource {
    @Option(names = "--weights", paramLabel = "W.safetensors", description = "Weights, named as in a PyTorch state_dict.")
    Path file;

    @Option(names = "--random-weights", paramLabel = "SEED", description = "Random weights initialised as PyTorch does, from a seed.")
    Long seed;
  }

  @Option(names = "--input", paramLabel = "NAME=FILE.npy", required = true, description = "An input tensor; repeat for each input.")
  Map<String, Path> inputs = new LinkedHashMap<>();

  @Option(names = "--output-dir", paramLabel = "DIR", description = "Write each output as DIR/NAME.npy (default: do not write).")
  Path outputDir;

  @Option(names = "--labels", paramLabel = "OUTPUT=LABELS.npy",
      description = "Compare the argmax over the last dim of OUTPUT with integer labels and print the accuracy.")
  Map<String, Path> labels = new LinkedHashMap<>();

  @Option(names = "--backend", paramLabel = "NAME", defaultValue = "interp", description = "interp (the reference interpreter).")
  String backend;

  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    if (!backend.equals("interp")) throw new UserException("unknown backend '" + backend + "'; available: interp");
    Graph g = model.compile(spec.commandLine().getErr()).graph();
    Map<String, Tensor> in = new LinkedHashMap<>();
    inputs.forEach((name, file) -> in.put(name, Npy.read(file)));
    Map<String, Tensor> w = weights.file != null ? Safetensors.read(weights.file)
        : RandomWeights.generate(GraphTyper.infer(g), Map.of(), weights.seed);
    long t0 = System.nanoTime();
    Map<String, Tensor> result;
    try {
      result = Interpreter.run(g, in, w);
    } catch (dev.tnet.ir.graph.GraphException e) {
      if (weights.file != null && e.getMessage().startsWith("weights do not match")) {
        throw new UserException(weights.file + ": " + e.getMessage());
      }
      throw e;
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    out.printf("ran %s on %s in %.3f s (%s)%n", g.name(), describe(in), seconds, backend);
    for (var e : result.entrySet()) {
      String where = "";
      if (outputDir != null) {
        Path file = outputDir.resolve(e.getKey() + ".npy");
        write(file, e.getValue());
        where = " -> " + file;
      }
      out.printf("output %s: %s%s%n", e.getKey(), e.getValue().dtype() + e.getValue().shape().toString(), where);
    }
    labels.forEach((output, file) -> out.println(Accuracy.report(output, result.get(output), Npy.read(file))));
  }

  private static String describe(Map<String, Tensor> in) {
    StringBuilder sb = new StringBuilder();
    in.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(v.dtype()).append(v.shape()));
    return sb.toString();
  }

  private void write(Path file, Tensor t) {
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new UserException("cannot create " + file.getParent() + ": " + e.getMessage());
    }
    Npy.write(file, t);
  }
}
