package dev.tnet.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnet.frontend.Frontend;
import dev.tnet.interp.Interpreter;
import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.GraphTyper;
import dev.tnet.ir.graph.RandomWeights;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.io.Npy;
import dev.tnet.runtime.io.Safetensors;
import dev.tnet.runtime.model.CompiledModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The samples of step 2 through the JVM backend (JIT with 2 threads, and ahead of time), against
 * the reference interpreter and against PyTorch.
 */
class JvmBackendTest {
  static final Path SAMPLES = Path.of("../samples");

  record Sample(String file, Map<String, String> settings, int... input) {
    public String toString() {
      return file + " " + settings;
    }
  }

  static Stream<Sample> samples() {
    return Stream.of(new Sample("lenet5.tnet", Map.of(), 2, 1, 28, 28),
        new Sample("alexnet.tnet", Map.of("size", "64"), 1, 3, 64, 64),
        new Sample("vgg16.tnet", Map.of("size", "32"), 1, 3, 32, 32),
        new Sample("nin.tnet", Map.of(), 1, 3, 32, 32),
        new Sample("googlenet.tnet", Map.of("size", "64"), 1, 3, 64, 64),
        new Sample("resnet18.tnet", Map.of("size", "64"), 1, 3, 64, 64),
        new Sample("resnet50.tnet", Map.of("size", "64"), 1, 3, 64, 64),
        new Sample("densenet121.tnet", Map.of("size", "64"), 1, 3, 64, 64),
        new Sample("mobilenet_v2.tnet", Map.of("size", "64"), 1, 3, 64, 64),
        new Sample("unet.tnet", Map.of("base", "16", "size", "40"), 1, 3, 40, 40),
        new Sample("unet.tnet", Map.of("bilinear", "true", "base", "16", "size", "40"), 1, 3, 40, 40),
        new Sample("transformer_encoder.tnet", Map.of(), 2, 5, 512));
  }

  static Tensor random(Shape s, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[s.size()];
    for (int i = 0; i < v.length; i++) v[i] = (float) r.nextGaussian();
    return Tensor.of(s, v);
  }

  /**
   * Compiled code accumulates in float32 where the interpreter uses double, through up to ~50
   * layers with reductions of up to ~4,600 terms: outputs agree within 1e-3 of the output's
   * largest magnitude (float32 rounding of such sums is ~1e-5 relative per layer, and errors
   * neither explode nor compound beyond that with PyTorch-style initialisation).
   */
  static void assertClose(Tensor want, Tensor got, String what) {
    assertEquals(want.shape(), got.shape(), what);
    double scale = 1;
    for (float v : want.floats()) scale = Math.max(scale, Math.abs(v));
    for (int i = 0; i < want.size(); i++) {
      double d = Math.abs(want.floats()[i] - got.floats()[i]);
      assertTrue(d <= 1e-3 * scale, what + " element " + i + ": interpreter " + want.floats()[i] + ", jvm " + got.floats()[i]);
    }
  }

  @TempDir Path jars;

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void sampleMatchesTheInterpreterInJitAndAotForm(Sample s) {
    Graph g = Frontend.compile(SAMPLES.resolve(s.file()), null, s.settings()).graph();
    Map<String, Tensor> w = RandomWeights.generate(GraphTyper.infer(g), Map.of(), 7);
    String input = g.inputs().get(0).name();
    Tensor x = random(Shape.of(s.input()), 11);
    Map<String, Tensor> want = Interpreter.run(g, Map.of(input, x), w);
    CompiledModel m = Tnet.compile(g, w, Tnet.Options.defaults().threads(2).inputShape(input, x.shape()));
    Map<String, Tensor> got = m.run(Map.of(input, x));
    for (String out : want.keySet()) assertClose(want.get(out), got.get(out), s + " output " + out);
    Path jar = jars.resolve(s.file() + s.settings().hashCode() + ".jar");
    Tnet.compileToJar(g, w, Tnet.Options.defaults().threads(2).inputShape(input, x.shape()), jar);
    assertEquals(got, CompiledModel.load(jar).run(Map.of(input, x)), "AOT equals JIT exactly");
    try {
      java.nio.file.Files.delete(jar);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void resnet18MatchesPyTorch() {
    Graph g = Frontend.compile(SAMPLES.resolve("resnet18.tnet"), null, Map.of("width", "8", "classes", "10", "size", "64")).graph();
    Tensor x = Npy.read(SAMPLES.resolve("resnet/input.npy"));
    CompiledModel m = Tnet.compile(g, Safetensors.read(SAMPLES.resolve("resnet/resnet18_w8.safetensors")),
        Tnet.Options.defaults().inputShape("image", x.shape()));
    Tensor got = m.run(Map.of("image", x)).get("logits");
    Tensor want = Npy.read(SAMPLES.resolve("resnet/expected_logits_f64.npy"));
    // float32 accumulation over ~60 layers: within 1e-4 of logits of magnitude ~1 (PyTorch's own
    // float32 run is 7.8e-7 from its float64 run).
    for (int i = 0; i < want.size(); i++) {
      assertTrue(Math.abs(want.floats()[i] - got.floats()[i]) <= 1e-4, "logit " + i + ": " + want.floats()[i] + " vs " + got.floats()[i]);
    }
  }

  @Test
  void mnistDemoKeepsItsAccuracyAndAheadOfTimeEqualsJit(@TempDir Path dir) throws Exception {
    Graph g = Frontend.compile(SAMPLES.resolve("lenet5.tnet"), null, Map.of()).graph();
    Map<String, Tensor> w = Safetensors.read(SAMPLES.resolve("mnist/lenet5.safetensors"));
    Tensor images = Npy.read(SAMPLES.resolve("mnist/test-images.npy"));
    Tnet.Options o = Tnet.Options.defaults().inputShape("image", images.shape());
    Tensor jit = Tnet.compile(g, w, o).run(Map.of("image", images)).get("logits");
    long[] labels = Npy.read(SAMPLES.resolve("mnist/test-labels.npy")).longs();
    int correct = 0;
    for (int i = 0; i < labels.length; i++) {
      int best = 0;
      for (int c = 1; c < 10; c++) if (jit.get(i, c) > jit.get(i, best)) best = c;
      if (best == labels[i]) correct++;
    }
    assertEquals(985, correct, "the JVM backend classifies as PyTorch's model does");
    Path jar = dir.resolve("lenet5.jar");
    Tnet.compileToJar(g, w, o, jar);
    Tensor aot = CompiledModel.load(jar).run(Map.of("image", images)).get("logits");
    assertTrue(Arrays.equals(jit.floats(), aot.floats()), "AOT equals JIT exactly");
  }

  @Test
  void concurrentCallsShareNothing() throws Exception {
    Graph g = Frontend.compile(SAMPLES.resolve("lenet5.tnet"), null, Map.of()).graph();
    Map<String, Tensor> w = Safetensors.read(SAMPLES.resolve("mnist/lenet5.safetensors"));
    CompiledModel m = Tnet.compile(g, w, Tnet.Options.defaults().threads(2).inputShape("image", Shape.of(4, 1, 28, 28)));
    List<Tensor> inputs = new ArrayList<>();
    List<Tensor> alone = new ArrayList<>();
    for (int k = 0; k < 8; k++) {
      inputs.add(random(Shape.of(4, 1, 28, 28), k));
      alone.add(m.run(Map.of("image", inputs.get(k))).get("logits"));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Tensor>> futures = new ArrayList<>();
      for (int round = 0; round < 5; round++) {
        for (int k = 0; k < 8; k++) {
          Tensor in = inputs.get(k);
          futures.add(pool.submit(() -> m.run(Map.of("image", in)).get("logits")));
        }
      }
      for (int i = 0; i < futures.size(); i++) assertEquals(alone.get(i % 8), futures.get(i).get(), "call " + i);
    } finally {
      pool.shutdown();
    }
  }

  /** The AOT jar runs in a fresh JVM with only the runtime jar on the class path. */
  @Test
  void aheadOfTimeJarRunsWithOnlyTheRuntime(@TempDir Path dir) throws Exception {
    Graph g = Frontend.compile(SAMPLES.resolve("lenet5.tnet"), null, Map.of()).graph();
    Map<String, Tensor> w = Safetensors.read(SAMPLES.resolve("mnist/lenet5.safetensors"));
    Tensor x = random(Shape.of(3, 1, 28, 28), 5);
    Npy.write(dir.resolve("x.npy"), x);
    Path jar = dir.resolve("lenet5.jar");
    Tnet.Options o = Tnet.Options.defaults().inputShape("image", x.shape());
    Tnet.compileToJar(g, w, o, jar);
    Path runtimeJar;
    try (var files = java.nio.file.Files.list(Path.of(System.getProperty("tnet.runtime.target", "../runtime/target")))) {
      runtimeJar = files.filter(p -> p.getFileName().toString().matches("tnet-runtime-.*[0-9T](-SNAPSHOT)?\\.jar")).findFirst()
          .orElseThrow(() -> new AssertionError("build the runtime jar first (mvn package)"));
    }
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-modules", "jdk.incubator.vector", "-cp", runtimeJar.toString(), "dev.tnet.runtime.model.RunModel",
        jar.toString(), "image=" + dir.resolve("x.npy"), "--output-dir", dir.resolve("out").toString())
        .redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), log);
    assertTrue(log.contains("output logits: f32[3, 10]"), log);
    assertEquals(Tnet.compile(g, w, o).run(Map.of("image", x)).get("logits"), Npy.read(dir.resolve("out/logits.npy")));
  }
}
