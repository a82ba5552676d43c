package dev.tnet.bench;

import dev.tnet.frontend.Frontend;
import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.GraphTyper;
import dev.tnet.ir.graph.Node;
import dev.tnet.ir.graph.RandomWeights;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.graph.TypedGraph;
import dev.tnet.ir.op.Conv;
import dev.tnet.ir.op.ConvTranspose;
import dev.tnet.ir.op.Linear;
import dev.tnet.ir.op.MatMul;
import dev.tnet.onnx.OnnxImport;
import dev.tnet.onnx.write.OnnxExporter;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A network both engines run: tnet's graph and weights, the same model as ONNX bytes for ONNX
 * Runtime, and one input. A {@code .tnet} sample gets random weights from a fixed seed and is
 * exported with {@link OnnxExporter}; an ONNX model is given to ONNX Runtime as it is and imported
 * with {@link OnnxImport} for tnet.
 */
record Network(String name, String label, Graph graph, Map<String, Tensor> weights, byte[] onnx, String input, Tensor x) {
  /** The networks {@code --networks} knows; {@code lenet5} is the tiny one the smoke test uses. */
  static final List<String> NAMES = List.of("resnet18", "mobilenet_v2", "ocr_det", "ocr_cls", "lenet5");

  static final long SEED = 7;

  /** Loads network {@code name}: samples from {@code samples}, PaddleOCR models from {@code models}. */
  static Network load(String name, Path samples, Path models) {
    return switch (name) {
      case "resnet18" -> sample(name, "ResNet-18 224x224", samples.resolve("resnet18.tnet"), Shape.of(1, 3, 224, 224));
      case "mobilenet_v2" -> sample(name, "MobileNetV2 224x224", samples.resolve("mobilenet_v2.tnet"), Shape.of(1, 3, 224, 224));
      case "lenet5" -> sample(name, "LeNet-5 28x28", samples.resolve("lenet5.tnet"), Shape.of(1, 1, 28, 28));
      case "ocr_det" -> onnx(name, "PP-OCRv4 det 640x640", models.resolve("ch_PP-OCRv4_det_infer.onnx"), Shape.of(1, 3, 640, 640));
      case "ocr_cls" -> onnx(name, "PP-OCR cls 48x192", models.resolve("ch_ppocr_mobile_v2.0_cls_infer.onnx"), Shape.of(1, 3, 48, 192));
      default -> throw new UserException("--networks: unknown network '" + name + "'; known: " + String.join(", ", NAMES));
    };
  }

  /** {@code $TNET_MODELS} (default {@code ~/.cache/tnet/models}) {@code /ocr-models-1.4.2}, where tools/fetch-models.sh puts them. */
  static Path modelCache() {
    String env = System.getenv("TNET_MODELS");
    Path cache = env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "tnet", "models");
    return cache.resolve("ocr-models-1.4.2");
  }

  private static Network sample(String name, String label, Path file, Shape shape) {
    if (!Files.isRegularFile(file)) throw new UserException(file + ": no such file (run from the checkout or give --samples DIR)");
    Graph g = Frontend.compile(file, null, Map.of()).graph();
    Map<String, Tensor> weights = RandomWeights.generate(GraphTyper.infer(g), Map.of("N", 1L), SEED);
    return new Network(name, label, g, weights, OnnxExporter.export(g, weights).bytes(), g.inputs().getFirst().name(), image(shape));
  }

  private static Network onnx(String name, String label, Path file, Shape shape) {
    if (!Files.isRegularFile(file)) throw new UserException(file + ": no such file; fetch the PaddleOCR models with tools/fetch-models.sh");
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UserException("cannot read " + file + ": " + e.getMessage());
    }
    OnnxImport.Model m = OnnxImport.read(file.getFileName().toString(), bytes, Map.of("x", shape));
    return new Network(name, label, m.graph(), m.weights(), bytes, m.graph().inputs().getFirst().name(), image(shape));
  }

  /**
   * FLOPs of the conv, linear and matmul layers (2 per multiply-add, as {@code tnet check} counts
   * them) at batch 1: what GFLOP/s and share of peak are measured against.
   */
  double flops() {
    TypedGraph typed = GraphTyper.infer(graph);
    double sum = 0;
    for (Node n : graph.nodes()) {
      if (!(n.op() instanceof Conv || n.op() instanceof ConvTranspose || n.op() instanceof Linear || n.op() instanceof MatMul)) continue;
      List<TensorType> in = n.inputs().stream().map(typed::type).toList();
      sum += n.op().flops(in).eval(Map.of("N", 1L));
    }
    return sum;
  }

  /** Pixels uniform in [0, 1) from a fixed seed. */
  private static Tensor image(Shape shape) {
    Random r = new Random(SEED);
    float[] a = new float[shape.size()];
    for (int i = 0; i < a.length; i++) a[i] = r.nextFloat();
    return Tensor.of(shape, a);
  }
}
