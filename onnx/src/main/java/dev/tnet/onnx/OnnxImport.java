package dev.tnet.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.tnet.frontend.print.TnetPrinter;
import dev.tnet.ir.graph.Graph;
import dev.tnet.onnx.read.ModelFile;
import dev.tnet.onnx.read.OnnxReader;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.UserException;
import dev.tnet.runtime.io.Safetensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * ONNX import: an {@code .onnx} model as a tnet graph with its weights, and as readable {@code
 * .tnet} source plus a safetensors file.
 *
 * <pre>
 * OnnxImport.Model m = OnnxImport.read(Path.of("det.onnx"), Map.of("x", Shape.of(1, 3, 640, 640)));
 * CompiledModel c = Tnet.compile(m.graph(), m.weights(), options);
 * m.write(Path.of("det.tnet"));          // det.tnet and det.safetensors
 * </pre>
 *
 * Every input dim must be known, from the model or from {@code inputShapes}. Failures are {@link
 * UserException}s: a file that is not ONNX, unsupported ops (all listed at once), dynamic dims.
 */
public final class OnnxImport {
  /** An imported model: the graph, and its weights named as the graph's parameters. */
  public record Model(Graph graph, Map<String, Tensor> weights) {
    /** The model as {@code .tnet} source, one op per line. */
    public String source() {
      return TnetPrinter.print(graph);
    }

    /** Writes {@code tnetFile} and the weights beside it ({@code x.tnet} gets {@code x.safetensors}). */
    public Path write(Path tnetFile) {
      String f = tnetFile.getFileName().toString();
      String stem = f.endsWith(".tnet") ? f.substring(0, f.length() - 5) : f;
      Path weightsFile = tnetFile.resolveSibling(stem + ".safetensors");
      try {
        Path dir = tnetFile.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        Files.writeString(tnetFile, source());
      } catch (IOException e) {
        throw new UserException(tnetFile + ": cannot write: " + e.getMessage());
      }
      Safetensors.write(weightsFile, weights);
      return weightsFile;
    }
  }

  private OnnxImport() {}

  /** Imports a model file; {@code inputShapes} (by input name) fixes dims the model leaves dynamic. */
  public static Model read(Path file, Map<String, Shape> inputShapes) {
    ModelProto m = ModelFile.read(file);
    Path dir = file.toAbsolutePath().getParent();
    OnnxReader.Result r = OnnxReader.read(file.toString(), m, dir, inputShapes);
    return new Model(r.graph(), r.weights());
  }

  /** Imports a model from bytes; {@code name} is used in messages. */
  public static Model read(String name, byte[] bytes, Map<String, Shape> inputShapes) {
    OnnxReader.Result r = OnnxReader.read(name, ModelFile.parse(name, bytes), Path.of("."), inputShapes);
    return new Model(r.graph(), r.weights());
  }

  /** True if the path names an ONNX file (by its extension). */
  public static boolean isOnnx(Path file) {
    return file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".onnx");
  }
}
