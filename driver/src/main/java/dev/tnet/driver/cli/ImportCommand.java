package dev.tnet.driver.cli;

import dev.tnet.onnx.OnnxImport;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.UserException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tnet import MODEL.onnx -o OUT.tnet [--input-shape x=1x3x640x640]}: an ONNX model as
 * readable {@code .tnet} source and {@code OUT.safetensors} holding its weights under the names the
 * source uses. Without {@code -o} the source is printed.
 */
@Command(name = "import", description = "Imports an ONNX model as .tnet source and a safetensors file of its weights.")
final class ImportCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL.onnx", description = "The ONNX model.")
  Path file;

  @Option(names = {"-o", "--output"}, paramLabel = "OUT.tnet",
      description = "Write the source here and the weights to OUT.safetensors (default: print the source).")
  Path output;

  @Option(names = "--input-shape", paramLabel = "NAME=DxDxD",
      description = "The shape of an input whose dims the model leaves dynamic, e.g. x=1x3x640x640.")
  Map<String, String> inputShapes = new LinkedHashMap<>();

  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    if (!OnnxImport.isOnnx(file) && Files.isRegularFile(file)) {
      spec.commandLine().getErr().println("warning: " + file + " does not end in .onnx; reading it as an ONNX model");
    }
    Map<String, Shape> shapes = new LinkedHashMap<>();
    inputShapes.forEach((k, v) -> shapes.put(k, CompileCommand.parseShape(k, v)));
    long t0 = System.nanoTime();
    OnnxImport.Model m = OnnxImport.read(file, shapes);
    if (output == null) {
      out.print(m.source());
      out.flush();
      return;
    }
    if (!output.getFileName().toString().endsWith(".tnet")) throw new UserException("-o " + output + ": the output must be a .tnet file");
    Path weights = m.write(output);
    long params = m.weights().values().stream().mapToLong(t -> t.shape().size()).sum();
    out.printf("wrote %s (%s, %d ops) and %s (%d tensors, %,d values) in %.2f s%n", output, m.graph().name(),
        m.graph().nodes().size(), weights, m.weights().size(), params, (System.nanoTime() - t0) / 1e9);
    out.printf("run it with: ./tnet run %s --weights %s --input %s=FILE.npy%n", output, weights, m.graph().inputs().get(0).name());
  }
}
