package dev.tnet.onnx.write;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnet.frontend.Frontend;
import dev.tnet.interp.Interpreter;
import dev.tnet.onnx.OnnxImport;
import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.GraphTyper;
import dev.tnet.ir.graph.RandomWeights;
import dev.tnet.ir.graph.TypedGraph;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample round-trips: {@code .tnet} → ONNX (batch {@code N} kept as a dim_param) → ONNX
 * Runtime gives the interpreter's output on a small input with random weights, within {@code
 * |ort - interp| <= 1e-4 * max(1, max |interp|)} (float32 summation order differs through up to
 * 50 layers; the bound is relative to the output's scale).
 */
class ExportSamplesTest {
  private static final Path SAMPLES = Path.of("../samples");
  static final double TOLERANCE = 1e-4;

  record Sample(String file, Map<String, String> settings, int[] input) {
    public String toString() {
      return file + " " + settings;
    }
  }

  static Stream<Sample> samples() {
    return Stream.of(
        new Sample("lenet5.tnet", Map.of(), new int[] {2, 1, 28, 28}),
        new Sample("alexnet.tnet", Map.of("size", "64", "classes", "10"), new int[] {1, 3, 64, 64}),
        new Sample("vgg16.tnet", Map.of("size", "32", "classes", "10"), new int[] {1, 3, 32, 32}),
        new Sample("nin.tnet", Map.of(), new int[] {1, 3, 32, 32}),
        new Sample("googlenet.tnet", Map.of("size", "64", "classes", "10"), new int[] {1, 3, 64, 64}),
        new Sample("resnet18.tnet", Map.of("width", "8", "classes", "10", "size", "64"), new int[] {2, 3, 64, 64}),
        new Sample("resnet50.tnet", Map.of("size", "32", "classes", "10"), new int[] {1, 3, 32, 32}),
        new Sample("densenet121.tnet", Map.of("size", "32", "classes", "10"), new int[] {1, 3, 32, 32}),
        new Sample("mobilenet_v2.tnet", Map.of("size", "32", "classes", "10"), new int[] {1, 3, 32, 32}),
        new Sample("unet.tnet", Map.of("base", "8", "size", "40"), new int[] {1, 3, 40, 40}),
        new Sample("unet.tnet", Map.of("bilinear", "true", "base", "8", "size", "40"), new int[] {1, 3, 40, 40}),
        new Sample("transformer_encoder.tnet", Map.of("d_model", "64", "nhead", "4", "dim_feedforward", "128"), new int[] {2, 5, 64}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void roundTripsThroughOnnxRuntime(Sample s) throws Exception {
    Graph g = Frontend.compile(SAMPLES.resolve(s.file()), null, s.settings()).graph();
    Map<String, Tensor> weights = weights(g, s), in = input(g, s);
    Map<String, Tensor> want = Interpreter.run(g, in, weights);
    Map<String, Tensor> got = Ort.run(OnnxExporter.export(g, weights), in);
    assertClose(s, want, got);
  }

  /**
   * Every sample exported and imported back (the importer turning the exporter's idioms, such as
   * its NaN-propagating max pool, back into tnet ops) is the same network: the interpreter gives
   * the same outputs within the same bound.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void importsBackAsTheSameNetwork(Sample s) {
    Graph g = Frontend.compile(SAMPLES.resolve(s.file()), null, s.settings()).graph();
    Map<String, Tensor> weights = weights(g, s), in = input(g, s);
    String input = g.inputs().get(0).name();
    OnnxImport.Model back = OnnxImport.read(s.file() + ".onnx", OnnxExporter.export(g, weights).bytes(),
        Map.of(input, Shape.of(s.input())));
    assertClose(s, Interpreter.run(g, in, weights), Interpreter.run(back.graph(), in, back.weights()));
  }

  private static Map<String, Tensor> weights(Graph g, Sample s) {
    TypedGraph typed = GraphTyper.infer(g);
    return RandomWeights.generate(typed, Map.of("N", (long) s.input()[0], "S", (long) s.input()[1]), 7);
  }

  private static Map<String, Tensor> input(Graph g, Sample s) {
    Shape shape = Shape.of(s.input());
    float[] x = new float[shape.size()];
    SplittableRandom rng = new SplittableRandom(11);
    for (int i = 0; i < x.length; i++) x[i] = (float) (rng.nextDouble() * 2 - 1);
    return Map.of(g.inputs().get(0).name(), Tensor.of(shape, x));
  }

  private static void assertClose(Sample s, Map<String, Tensor> want, Map<String, Tensor> got) {
    double scale = 1;
    for (Tensor t : want.values()) for (float v : t.floats()) scale = Math.max(scale, Math.abs(v));
    StringBuilder worst = new StringBuilder();
    double err = Ort.error(want, got, TOLERANCE * scale, 0, worst);
    System.out.printf("ONNX export of %s: max error %.3g of the tolerance %.3g (%s)%n", s, err * TOLERANCE * scale,
        TOLERANCE * scale, worst);
    assertTrue(err <= 1, s + ": error " + err + " of the tolerance at " + worst);
  }
}
