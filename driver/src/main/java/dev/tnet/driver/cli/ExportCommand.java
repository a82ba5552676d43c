package dev.tnet.driver.cli;

import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.onnx.write.OnnxExporter;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.UserException;
import dev.tnet.runtime.io.Safetensors;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tnet export FILE.tnet --weights W -o model.onnx}: the graph and its weights as an ONNX model. */
@Command(name = "export", description = "Writes a model with its weights as an ONNX model (opset " + OnnxExporter.OPSET + ").")
final class ExportCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ModelOptions model;

  @Option(names = "--weights", paramLabel = "W.safetensors", required = true, description = "Weights, named as in a PyTorch state_dict.")
  Path weights;

  @Option(names = "--input-shape", paramLabel = "NAME=DxDxD",
      description = "Fix an input's shape, e.g. x=1x3x224x224 (default: symbolic dims such as N stay dim_params).")
  Map<String, String> inputShapes = new LinkedHashMap<>();

  @Option(names = {"-o", "--output"}, paramLabel = "MODEL.onnx", required = true, description = "The ONNX file to write.")
  Path output;

  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    Graph g = withShapes(model.compile(spec.commandLine().getErr()).graph());
    OnnxExporter.OnnxModel m = OnnxExporter.export(g, Safetensors.read(weights));
    m.write(output);
    out.printf("wrote %s (%s: %d ONNX nodes, %d initializers, opset %d)%n", output, g.name(), m.proto().getGraph().getNodeCount(),
        m.proto().getGraph().getInitializerCount(), OnnxExporter.OPSET);
    m.outputNames().forEach((tnet, onnx) -> {
      if (!tnet.equals(onnx)) out.printf("note: output '%s' is named '%s' in the ONNX model (its name is taken)%n", tnet, onnx);
    });
  }

  /** The graph with the inputs named in --input-shape fixed to those shapes. */
  private Graph withShapes(Graph g) {
    List<Graph.Input> inputs = new ArrayList<>();
    Map<String, String> left = new LinkedHashMap<>(inputShapes);
    for (Graph.Input in : g.inputs()) {
      String text = left.remove(in.name());
      if (text == null) {
        inputs.add(in);
        continue;
      }
      Shape s = CompileCommand.parseShape(in.name(), text);
      if (s.rank() != in.type().rank()) {
        throw new UserException("--input-shape " + in.name() + "=" + text + ": the input is " + in.type() + ", of rank " + in.type().rank());
      }
      inputs.add(new Graph.Input(in.name(), TensorType.of(in.type().dtype(), s)));
    }
    if (!left.isEmpty()) throw new UserException("--input-shape names no input of " + g.name() + ": " + left.keySet());
    return new Graph(g.name(), inputs, g.nodes(), g.outputs());
  }
}
