package dev.tnet.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.io.Npy;
import dev.tnet.runtime.io.Safetensors;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tnet run} with weights or inputs that do not fit the model: a user error (exit 1) that
 * names every problem at once and the file at fault, never a Java stack trace.
 */
class WeightErrorsTest {
  /** fc1.weight [3, 4], fc1.bias [3], fc2.weight [2, 3], fc2.bias [2]. */
  static final String MODEL = """
      model net(x: f32[N, 4]) {
          h = linear(x, 3) @fc1 |> relu
          y = linear(h, 2) @fc2
          return y
      }
      """;

  @TempDir Path dir;
  Path model, input;

  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter(), err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  static Tensor filled(int... dims) {
    Shape shape = Shape.of(dims);
    float[] data = new float[(int) shape.size()];
    Arrays.fill(data, 0.5f);
    return Tensor.of(shape, data);
  }

  @BeforeEach
  void files() throws IOException {
    model = dir.resolve("net.tnet");
    Files.writeString(model, MODEL);
    input = dir.resolve("x.npy");
    Npy.write(input, filled(2, 4));
  }

  Path weights(Map<String, Tensor> tensors) {
    Path w = dir.resolve("net.safetensors");
    Safetensors.write(w, tensors);
    return w;
  }

  Map<String, Tensor> goodWeights() {
    Map<String, Tensor> w = new LinkedHashMap<>();
    w.put("fc1.weight", filled(3, 4));
    w.put("fc1.bias", filled(3));
    w.put("fc2.weight", filled(2, 3));
    w.put("fc2.bias", filled(2));
    return w;
  }

  static void assertUserError(Result r) {
    assertEquals(Main.USER_ERROR, r.code(), "exit code; stderr:\n" + r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace:\n" + r.err());
    assertFalse(r.err().contains("internal compiler error"), r.err());
    assertTrue(r.err().startsWith("error: "), "starts with error: \n" + r.err());
  }

  /** The line of {@code err} that mentions {@code name}, for checking what it says about it. */
  static String lineAbout(String err, String name) {
    return err.lines().filter(l -> l.contains("'" + name + "'")).findFirst()
        .orElseThrow(() -> new AssertionError("no line names '" + name + "':\n" + err));
  }

  @Test
  void theGoodFilesRun() {
    Result r = run("run", model.toString(), "--weights", weights(goodWeights()).toString(), "--input", "x=" + input);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("output y: f32[2, 2]"), r.out());
  }

  @Test
  void aMissingAnUnexpectedAndAMisShapedWeightAreAllListed() {
    Map<String, Tensor> w = goodWeights();
    w.remove("fc2.bias");
    w.put("fc1.bias", filled(4));
    w.put("fc3.weight", filled(2, 2));
    Result r = run("run", model.toString(), "--weights", weights(w).toString(), "--input", "x=" + input);
    assertUserError(r);
    String missing = lineAbout(r.err(), "fc2.bias");
    assertTrue(missing.contains("missing") && missing.contains("[2]"), missing);
    String unexpected = lineAbout(r.err(), "fc3.weight");
    assertTrue(unexpected.contains("unexpected"), unexpected);
    String misShaped = lineAbout(r.err(), "fc1.bias");
    assertTrue(misShaped.contains("[3]") && misShaped.contains("[4]"), "wanted and actual shape: " + misShaped);
    for (String fine : new String[] {"fc1.weight", "fc2.weight"}) assertFalse(r.err().contains(fine), r.err());
  }

  @Test
  void aTruncatedWeightsFileIsNamed() throws IOException {
    Path w = weights(goodWeights());
    byte[] bytes = Files.readAllBytes(w);
    Files.write(w, Arrays.copyOf(bytes, bytes.length / 2));
    Result r = run("run", model.toString(), "--weights", w.toString(), "--input", "x=" + input);
    assertUserError(r);
    assertTrue(r.err().contains("net.safetensors"), "names the file: " + r.err());
  }

  @Test
  void aWeightsFileThatIsNotSafetensorsIsNamed() throws IOException {
    Path w = dir.resolve("net.safetensors");
    Files.writeString(w, "not a safetensors file at all");
    Result r = run("run", model.toString(), "--weights", w.toString(), "--input", "x=" + input);
    assertUserError(r);
    assertTrue(r.err().contains("net.safetensors"), "names the file: " + r.err());
  }

  @Test
  void anInputOfTheWrongShapeIsNamed() {
    Npy.write(input, filled(2, 5));
    Result r = run("run", model.toString(), "--weights", weights(goodWeights()).toString(), "--input", "x=" + input);
    assertUserError(r);
    String line = lineAbout(r.err(), "x");
    assertTrue(line.contains("[2, 5]") && line.contains("4"), "the wanted and the actual shape: " + line);
  }

  @Test
  void anInputUnderTheWrongNameIsNamed() {
    Result r = run("run", model.toString(), "--weights", weights(goodWeights()).toString(), "--input", "image=" + input);
    assertUserError(r);
    assertTrue(lineAbout(r.err(), "x").contains("missing"), r.err());
    assertTrue(lineAbout(r.err(), "image").contains("unexpected"), r.err());
  }
}
