package dev.tnet.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tnet.frontend.diag.DiagnosticException;
import dev.tnet.frontend.eval.Evaluator;
import dev.tnet.interp.Interpreter;
import dev.tnet.ir.graph.GraphTyper;
import dev.tnet.ir.graph.RandomWeights;
import dev.tnet.ir.graph.TypedGraph;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.io.Npy;
import dev.tnet.runtime.io.Safetensors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The model zoo in {@code samples/}: each sample compiles without warnings to the published
 * model (output type, trainable parameter count, and the state_dict names of the PyTorch model
 * it mirrors, from {@code src/test/resources/samples/<keys>.keys}, written by
 * {@code tools/samples/dump_torchvision_keys.py}), and runs in the interpreter on a small input
 * with random weights to an output of the expected shape with finite values.
 *
 * <p>Names are compared as ordered lists: the evaluator names parameters in first-use order, which
 * for these models is PyTorch's registration order. The exception is the Transformer encoder
 * layer, which registers norm1 after linear1/linear2 but uses it before them; it is compared as a
 * set.
 */
class SamplesTest {
  private static final Path SAMPLES = Path.of("../samples");

  /**
   * One sample (with model settings): what it must compile to, and a small interpreter run
   * (settings, input shape, expected output shape).
   */
  record Sample(String file, Map<String, String> settings, String outputType, long trainable, String keys, boolean ordered,
                Map<String, String> runSettings, int[] runInput, int[] runOutput) {
    @Override
    public String toString() {
      return file + (settings.isEmpty() ? "" : " " + settings);
    }
  }

  static Stream<Sample> samples() {
    return Stream.of(
        new Sample("lenet5.tnet", Map.of(), "f32[N, 10]", 61_706, null, true,
            Map.of(), new int[] {1, 1, 28, 28}, new int[] {1, 10}),
        new Sample("alexnet.tnet", Map.of(), "f32[N, 1000]", 61_100_840, "alexnet", true,
            Map.of("size", "64"), new int[] {1, 3, 64, 64}, new int[] {1, 1000}),
        new Sample("vgg16.tnet", Map.of(), "f32[N, 1000]", 138_357_544, "vgg16", true,
            Map.of("size", "32"), new int[] {1, 3, 32, 32}, new int[] {1, 1000}),
        new Sample("nin.tnet", Map.of(), "f32[N, 10]", 966_986, "nin", true,
            Map.of(), new int[] {1, 3, 32, 32}, new int[] {1, 10}),
        new Sample("googlenet.tnet", Map.of(), "f32[N, 1000]", 6_624_904, "googlenet", true,
            Map.of("size", "64"), new int[] {1, 3, 64, 64}, new int[] {1, 1000}),
        new Sample("resnet18.tnet", Map.of(), "f32[N, 1000]", 11_689_512, "resnet18", true,
            Map.of("size", "64"), new int[] {1, 3, 64, 64}, new int[] {1, 1000}),
        new Sample("resnet18.tnet", Map.of("width", "8", "classes", "10"), "f32[N, 10]", 177_362, null, true,
            Map.of("width", "8", "classes", "10", "size", "64"), new int[] {1, 3, 64, 64}, new int[] {1, 10}),
        new Sample("resnet50.tnet", Map.of(), "f32[N, 1000]", 25_557_032, "resnet50", true,
            Map.of("size", "64"), new int[] {1, 3, 64, 64}, new int[] {1, 1000}),
        new Sample("densenet121.tnet", Map.of(), "f32[N, 1000]", 7_978_856, "densenet121", true,
            Map.of("size", "64"), new int[] {1, 3, 64, 64}, new int[] {1, 1000}),
        new Sample("mobilenet_v2.tnet", Map.of(), "f32[N, 1000]", 3_504_872, "mobilenet_v2", true,
            Map.of("size", "64"), new int[] {1, 3, 64, 64}, new int[] {1, 1000}),
        // The interpreter runs a narrow U-Net at a size that is not a multiple of 16 (so the
        // upsampled maps are padded to their skips), to stay fast.
        new Sample("unet.tnet", Map.of(), "f32[N, 2, 128, 128]", 31_037_698, "unet", true,
            Map.of("base", "16", "size", "40"), new int[] {1, 3, 40, 40}, new int[] {1, 2, 40, 40}),
        new Sample("unet.tnet", Map.of("bilinear", "true"), "f32[N, 2, 128, 128]", 17_263_042, "unet_bilinear", true,
            Map.of("bilinear", "true", "base", "16", "size", "40"), new int[] {1, 3, 40, 40}, new int[] {1, 2, 40, 40}),
        new Sample("transformer_encoder.tnet", Map.of(), "f32[N, S, 512]", 3_152_384, "transformer_encoder", false,
            Map.of(), new int[] {1, 5, 512}, new int[] {1, 5, 512}));
  }

  private static TypedGraph compile(String file, Map<String, String> settings, List<String> warnings) {
    Evaluator.Result r;
    try {
      r = Frontend.compile(SAMPLES.resolve(file), null, settings);
    } catch (DiagnosticException e) {
      throw new AssertionError(file + " " + settings + " does not compile:\n" + e.getMessage(), e);
    }
    r.warnings().forEach(w -> warnings.add(w.toString()));
    return GraphTyper.infer(r.graph());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void compilesToThePublishedModel(Sample s) throws IOException {
    List<String> warnings = new ArrayList<>();
    TypedGraph typed = compile(s.file(), s.settings(), warnings);
    assertEquals(List.of(), warnings, "warnings");

    var outputs = typed.graph().outputs();
    assertEquals(1, outputs.size(), "outputs");
    assertEquals(s.outputType(), typed.type(outputs.get(0).value()).toString(), "output type");

    long trainable = typed.params().values().stream().filter(p -> !p.isBuffer())
        .mapToLong(p -> p.type().shape().size()).sum();
    assertEquals(s.trainable(), trainable, "trainable parameters");

    if (s.keys() != null) {
      List<String> expected = keys(s.keys());
      List<String> actual = List.copyOf(typed.params().keySet());
      if (s.ordered()) {
        assertEquals(expected, actual, "state_dict names, in order");
      } else {
        assertEquals(new TreeSet<>(expected), new TreeSet<>(actual), "state_dict names");
        assertEquals(expected.size(), actual.size(), "number of state_dict entries");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void runsOnASmallInput(Sample s) {
    TypedGraph typed = compile(s.file(), s.runSettings(), new ArrayList<>());
    Map<String, Tensor> weights = RandomWeights.generate(typed, Map.of("N", 1L), 7);
    var input = typed.graph().inputs().get(0);
    Shape shape = Shape.of(s.runInput());
    float[] x = new float[shape.size()];
    SplittableRandom rng = new SplittableRandom(11);
    for (int i = 0; i < x.length; i++) x[i] = (float) (rng.nextDouble() * 2 - 1);

    Map<String, Tensor> out = Interpreter.run(typed.graph(), Map.of(input.name(), Tensor.of(shape, x)), weights);

    assertEquals(1, out.size(), "outputs");
    Tensor y = out.values().iterator().next();
    assertEquals(Shape.of(s.runOutput()), y.shape(), "output shape");
    float[] v = y.floats();
    for (int i = 0; i < v.length; i++) {
      if (!Float.isFinite(v[i])) fail("output element " + i + " is " + v[i]);
    }
  }

  /** The width/8 ResNet-18 with the weights exported from PyTorch gives PyTorch's logits. */
  @Test
  void resnet18Width8MatchesPyTorch() throws IOException {
    TypedGraph typed = compile("resnet18.tnet", Map.of("width", "8", "classes", "10", "size", "64"), new ArrayList<>());
    Map<String, Tensor> weights = Safetensors.read(SAMPLES.resolve("resnet/resnet18_w8.safetensors"));
    Tensor input = Npy.read(SAMPLES.resolve("resnet/input.npy"));
    Tensor expected = Npy.read(SAMPLES.resolve("resnet/expected_logits.npy"));

    Tensor logits = Interpreter.run(typed.graph(), Map.of("image", input), weights).get("logits");

    assertEquals(expected.shape(), logits.shape());
    float[] got = logits.floats(), want = expected.floats();
    for (int i = 0; i < want.length; i++) {
      assertEquals(want[i], got[i], 1e-4, "logit " + i + " of " + Arrays.toString(want));
    }
  }

  /** Every sample file is covered above. */
  @Test
  void everySampleIsTested() throws IOException {
    TreeSet<String> files = new TreeSet<>();
    try (Stream<Path> list = Files.list(SAMPLES)) {
      list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tnet")).forEach(files::add);
    }
    TreeSet<String> tested = new TreeSet<>();
    samples().forEach(s -> tested.add(s.file()));
    assertEquals(files, tested);
  }

  private static List<String> keys(String name) throws IOException {
    try (InputStream in = SamplesTest.class.getResourceAsStream("/samples/" + name + ".keys")) {
      assertNotNull(in, "missing test resource samples/" + name + ".keys");
      List<String> keys = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
      assertTrue(keys.size() > 0, name + ".keys is empty");
      return keys;
    }
  }
}
