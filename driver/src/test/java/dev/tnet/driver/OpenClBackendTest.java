package dev.tnet.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tnet.codegen.opencl.OpenClBackend;
import dev.tnet.driver.JvmBackendTest.Sample;
import dev.tnet.driver.cli.Main;
import dev.tnet.frontend.Frontend;
import dev.tnet.interp.Interpreter;
import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.GraphTyper;
import dev.tnet.ir.graph.RandomWeights;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.UserException;
import dev.tnet.runtime.io.Npy;
import dev.tnet.runtime.io.Safetensors;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The samples through the OpenCL backend against the reference interpreter (the JVM backend's
 * error spec, {@link JvmBackendTest#assertClose}: float32 accumulation differs from the
 * interpreter's double by far more than OpenCL's math built-ins differ from Java's), the MNIST
 * demo's accuracy, and the CLI. Skipped without an OpenCL platform unless
 * {@code TNET_REQUIRE_OPENCL=1}.
 */
class OpenClBackendTest {
  static final Path SAMPLES = JvmBackendTest.SAMPLES;

  @BeforeEach
  void needsOpenCl() {
    String why = OpenClBackend.unavailable();
    if (why == null) return;
    if ("1".equals(System.getenv("TNET_REQUIRE_OPENCL"))) fail("TNET_REQUIRE_OPENCL=1 but " + why);
    Assumptions.abort(why);
  }

  static Tnet.Options openCl() {
    return Tnet.Options.defaults().backend(Tnet.Backend.OPENCL);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tnet.driver.JvmBackendTest#samples")
  void sampleMatchesTheInterpreter(Sample s) {
    Graph g = Frontend.compile(SAMPLES.resolve(s.file()), null, s.settings()).graph();
    Map<String, Tensor> w = RandomWeights.generate(GraphTyper.infer(g), Map.of(), 7);
    String input = g.inputs().get(0).name();
    Tensor x = JvmBackendTest.random(Shape.of(s.input()), 11);
    Map<String, Tensor> want = Interpreter.run(g, Map.of(input, x), w);
    long t0 = System.nanoTime();
    var m = Tnet.compile(g, w, openCl().inputShape(input, x.shape()));
    long t1 = System.nanoTime();
    Map<String, Tensor> got = m.run(Map.of(input, x));
    long t2 = System.nanoTime();
    Map<String, Tensor> again = m.run(Map.of(input, x));
    long t3 = System.nanoTime();
    System.out.printf("OpenCL %s: build %.2f s, first run %.3f s, second run %.3f s%n", s, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
    for (String out : want.keySet()) JvmBackendTest.assertClose(want.get(out), got.get(out), s + " output " + out);
    assertEquals(got, again, "a second run gives the same bits");
  }

  @Test
  void mnistDemoKeepsItsAccuracy() {
    Graph g = Frontend.compile(SAMPLES.resolve("lenet5.tnet"), null, Map.of()).graph();
    Tensor images = Npy.read(SAMPLES.resolve("mnist/test-images.npy"));
    Tensor logits = Tnet.compile(g, Safetensors.read(SAMPLES.resolve("mnist/lenet5.safetensors")), openCl().inputShape("image", images.shape()))
        .run(Map.of("image", images)).get("logits");
    long[] labels = Npy.read(SAMPLES.resolve("mnist/test-labels.npy")).longs();
    int correct = 0;
    for (int i = 0; i < labels.length; i++) {
      int best = 0;
      for (int c = 1; c < 10; c++) if (logits.get(i, c) > logits.get(i, best)) best = c;
      if (best == labels[i]) correct++;
    }
    assertEquals(985, correct, "OpenCL classifies as PyTorch's model does");
  }

  @Test
  void wrongInputsAreUserErrors() {
    Graph g = Frontend.compile(SAMPLES.resolve("lenet5.tnet"), null, Map.of()).graph();
    Map<String, Tensor> w = RandomWeights.generate(GraphTyper.infer(g), Map.of(), 1);
    var m = Tnet.compile(g, w, openCl().inputShape("image", Shape.of(1, 1, 28, 28)));
    UserException e = assertThrows(UserException.class, () -> m.run(Map.of("image", Tensor.of(Shape.of(2, 1, 28, 28), new float[2 * 784]))));
    assertTrue(e.getMessage().contains("input 'image' must be f32[1, 1, 28, 28]"), e.getMessage());
    UserException d = assertThrows(UserException.class, () -> Tnet.compile(g, w, openCl().device(99).inputShape("image", Shape.of(1, 1, 28, 28))));
    assertTrue(d.getMessage().startsWith("no OpenCL device 99"), d.getMessage());
  }

  @Test
  void devicesCommandListsThePlatformsAndRunTakesTheBackend(@TempDir Path dir) throws Exception {
    StringWriter out = new StringWriter(), err = new StringWriter();
    assertEquals(0, Main.execute(new String[] {"devices"}, new PrintWriter(out), new PrintWriter(err)), err.toString());
    assertTrue(out.toString().startsWith("platform "), out.toString());
    assertTrue(out.toString().contains("device 0: "), out.toString());
    Npy.write(dir.resolve("x.npy"), JvmBackendTest.random(Shape.of(1, 1, 28, 28), 3));
    Path dump = dir.resolve("lenet5.cl");
    out = new StringWriter();
    int code = Main.execute(new String[] {"run", SAMPLES.resolve("lenet5.tnet").toString(), "--random-weights", "1", "--input",
        "image=" + dir.resolve("x.npy"), "--backend", "opencl", "--device", "0", "--dump-opencl", dump.toString()},
        new PrintWriter(out), new PrintWriter(err));
    assertEquals(0, code, err.toString());
    assertTrue(out.toString().contains("opencl backend"), out.toString());
    String source = Files.readString(dump);
    assertTrue(source.contains("__kernel void") && source.contains("get_global_id(0)"), source);
  }
}
