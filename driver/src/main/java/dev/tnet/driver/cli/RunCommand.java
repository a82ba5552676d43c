package dev.tnet.driver.cli;

import dev.tnet.driver.Tnet;
import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.GraphTyper;
import dev.tnet.ir.graph.RandomWeights;
import dev.tnet.onnx.OnnxImport;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.UserException;
import dev.tnet.runtime.io.Npy;
import dev.tnet.runtime.io.Safetensors;
import dev.tnet.runtime.model.CompiledModel;
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
 * {@code tnet run FILE.tnet --weights W.safetensors --input x=x.npy [--output-dir DIR]}: compiles
 * a model for the inputs' shapes (or loads a model jar) and runs it on {@code .npy} inputs.
 */
@Command(name = "run", description = "Runs a model (.tnet, .onnx, or a jar from tnet compile) on .npy inputs.")
final class RunCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ModelOptions model;
  @Mixin BackendOptions backend;
  @Mixin ExplainOption explain;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
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

  @Option(names = "--repeat", paramLabel = "N", defaultValue = "0",
      description = "Run N more times after the first and print the median and fastest time (steady state).")
  int repeat;

  @Option(names = "--profile", description = "Time every kernel (jvm backend) and print the slowest, per run: over the second half of the --repeat runs, or the one run.")
  boolean profile;

  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    Map<String, Tensor> in = new LinkedHashMap<>();
    inputs.forEach((name, file) -> in.put(name, Npy.read(file)));
    long t0 = System.nanoTime();
    CompiledModel m;
    String what;
    if (model.file.toString().endsWith(".jar")) {
      if (weights != null) throw new UserException("a model jar holds its weights: drop --weights / --random-weights");
      if (!backend.name().equalsIgnoreCase("jvm")) {
        throw new UserException("a model jar holds JVM code compiled ahead of time: --backend " + backend.name()
            + " needs the .tnet or .onnx model");
      }
      if (profile) throw new UserException("--profile compiles timing into the model: give the .tnet or .onnx model, not a jar");
      m = CompiledModel.load(model.file);
      what = model.file.getFileName().toString();
    } else {
      Map<String, Shape> shapes = new LinkedHashMap<>();
      in.forEach((k, v) -> shapes.put(k, v.shape()));
      Graph g;
      Map<String, Tensor> w;
      if (model.isOnnx()) {
        if (weights != null) throw new UserException("an ONNX model holds its weights: drop --weights / --random-weights");
        OnnxImport.Model imported = model.importOnnx(shapes);
        g = imported.graph();
        w = imported.weights();
      } else {
        if (weights == null) throw new UserException("give the weights: --weights W.safetensors or --random-weights SEED");
        g = model.compile(spec.commandLine().getErr()).graph();
        w = weights.file != null ? Safetensors.read(weights.file) : RandomWeights.generate(GraphTyper.infer(g), Map.of(), weights.seed);
      }
      checkNames(g, in);
      if (profile && !backend.name().equalsIgnoreCase("jvm")) throw new UserException("--profile times the kernels of the jvm backend, not " + backend.name());
      explain.print(g, out);
      try {
        m = Tnet.compile(g, w, backend.options(model, spec.commandLine().getErr()).inputShapes(shapes).profile(profile));
      } catch (UserException e) {
        if (weights != null && weights.file != null && e.getMessage().contains("weight")) throw new UserException(weights.file + ": " + e.getMessage());
        throw e;
      }
      backend.dumpBytecode(g, w, model, shapes);
      what = g.name();
    }
    double compileSeconds = (System.nanoTime() - t0) / 1e9;
    long t1 = System.nanoTime();
    Map<String, Tensor> result = m.run(in);
    double seconds = (System.nanoTime() - t1) / 1e9;
    out.printf("ran %s on %s in %.3f s (%s backend; compiled in %.3f s)%n", what, describe(in), seconds,
        model.file.toString().endsWith(".jar") ? "jvm, ahead of time" : backend.name(), compileSeconds);
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
    // The profile leaves out the first half of the repeated runs: the JIT compiles during them.
    var profiled = m.profile();
    if (repeat > 0) {
      double[] times = new double[repeat];
      for (int i = 0; i < repeat; i++) {
        if (i == repeat / 2) profiled = m.profile();
        long t = System.nanoTime();
        m.run(in);
        times[i] = (System.nanoTime() - t) / 1e6;
      }
      java.util.Arrays.sort(times);
      out.printf("%d more runs: median %.2f ms, fastest %.2f ms, slowest %.2f ms%n", repeat, times[repeat / 2], times[0], times[repeat - 1]);
    }
    if (profile) ProfileReport.print(out, repeat > 0 ? ProfileReport.since(profiled, m.profile()) : profiled, repeat > 0 ? repeat - repeat / 2 : 1);
  }

  /** Every missing and unexpected input at once, before compiling for the inputs' shapes. */
  private static void checkNames(Graph g, Map<String, Tensor> in) {
    java.util.List<String> problems = new java.util.ArrayList<>();
    for (Graph.Input i : g.inputs()) if (!in.containsKey(i.name())) problems.add("missing input '" + i.name() + "' (" + i.type() + ")");
    for (String name : in.keySet()) {
      if (g.inputs().stream().noneMatch(i -> i.name().equals(name))) problems.add("unexpected input '" + name + "'");
    }
    if (problems.size() == 1) throw new UserException(problems.get(0));
    if (!problems.isEmpty()) throw new UserException("the inputs do not match the model:\n  " + String.join("\n  ", problems));
  }

  private static String describe(Map<String, Tensor> in) {
    StringBuilder sb = new StringBuilder();
    in.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(v.dtype()).append(v.shape()));
    return sb.toString();
  }

  private static void write(Path file, Tensor t) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UserException("cannot create " + file.getParent() + ": " + e.getMessage());
    }
    Npy.write(file, t);
  }
}
