package dev.tnet.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.tnet.codegen.opencl.OpenClBackend;
import dev.tnet.onnx.OrtOracle.Engine;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The PaddleOCR models imported and run by tnet (JVM backend, interpreter, OpenCL backend) against ONNX Runtime
 * (graph optimisations off, so it computes the model as written) on the same image-like input
 * (fixed seed, normalised as PaddleOCR does). Each model gets its logits (the input of its final
 * softmax or sigmoid) as an extra output, since a saturated sigmoid would hide errors.
 *
 * <p>Tolerances. Both engines compute in float32 but sum in different orders, so each output
 * carries the rounding of ~50-60 convolutions with batch norm: a few ulps per layer, grown through
 * the network. Measured (2025-11): cls logits 1.5e-6 relative, probabilities 7e-7 absolute; det
 * logits (|logit| up to 70) 3e-6 relative, probabilities 1e-7 absolute. The bounds, 1e-4 relative
 * to max(|logit|, 1) and 1e-5 absolute on probabilities, leave 10-30x margin for other summation
 * orders (threads, vector widths) and stay 1000x below what could move a decision (a text pixel at
 * PaddleOCR's threshold 0.3, or the classifier's argmax). The OpenCL runs use the detector at
 * 320×320 (PoCL compiles every kernel at its first launch, ~40 s at 640×640 on 2 cores); they are
 * skipped with the reason when there is no OpenCL platform, unless {@code TNET_REQUIRE_OPENCL=1}.
 */
class OnnxRealModelsTest {
  private static final float[] DET_MEAN = {0.485f, 0.456f, 0.406f}, DET_STD = {0.229f, 0.224f, 0.225f};
  private static final float[] CLS_MEAN = {0.5f, 0.5f, 0.5f}, CLS_STD = {0.5f, 0.5f, 0.5f};
  private static final double FLOOR = 1e-3;
  /** Probabilities: absolute error. */
  private static final double PROB_TOL = 1e-5;
  /** Logits: error relative to max(|logit|, 1). */
  private static final double LOGIT_TOL = 1e-4;

  /** The classifier's logits (before its softmax), exposed as a second output. */
  private static final String CLS_LOGITS = "p2o.Add.87";
  /** The detector's logits (before its sigmoid), exposed as a second output. */
  private static final String DET_LOGITS = "p2o.Add.281";

  @Test
  void clsOnJvmBackendMatchesOnnxRuntime() throws Exception {
    check(OcrModels.CLS, CLS_LOGITS, 48, 192, CLS_MEAN, CLS_STD, Engine.JVM);
  }

  @Test
  void clsOnInterpreterMatchesOnnxRuntime() throws Exception {
    check(OcrModels.CLS, CLS_LOGITS, 48, 192, CLS_MEAN, CLS_STD, Engine.INTERP);
  }

  @Test
  void detOnJvmBackendMatchesOnnxRuntime() throws Exception {
    check(OcrModels.DET, DET_LOGITS, 640, 640, DET_MEAN, DET_STD, Engine.JVM);
  }

  @Test
  void detOnInterpreterMatchesOnnxRuntime() throws Exception {
    check(OcrModels.DET, DET_LOGITS, 320, 320, DET_MEAN, DET_STD, Engine.INTERP);
  }

  @Test
  void clsOnOpenClMatchesOnnxRuntime() throws Exception {
    assumeOpenCl();
    check(OcrModels.CLS, CLS_LOGITS, 48, 192, CLS_MEAN, CLS_STD, Engine.OPENCL);
  }

  @Test
  void detOnOpenClMatchesOnnxRuntime() throws Exception {
    assumeOpenCl();
    check(OcrModels.DET, DET_LOGITS, 320, 320, DET_MEAN, DET_STD, Engine.OPENCL);
  }

  private static void assumeOpenCl() {
    String why = OpenClBackend.unavailable();
    if (!"1".equals(System.getenv("TNET_REQUIRE_OPENCL"))) Assumptions.assumeTrue(why == null, why);
  }

  /**
   * Imports the model with its logits as an extra output (a saturated sigmoid would hide errors),
   * runs both engines and checks the probabilities and the logits.
   */
  private static void check(String model, String logits, int h, int w, float[] mean, float[] std, Engine engine) throws Exception {
    Path file = OcrModels.require(model);
    ModelProto proto = ModelProto.parseFrom(Files.readAllBytes(file));
    GraphProto g = proto.getGraph().toBuilder().addOutput(ValueInfoProto.newBuilder().setName(logits)).build();
    byte[] bytes = proto.toBuilder().setGraph(g).build().toByteArray();
    long t0 = System.nanoTime();
    OnnxImport.Model m = OnnxImport.read(model, bytes, Map.of("x", Shape.of(1, 3, h, w)));
    long t1 = System.nanoTime();
    Tensor x = OrtOracle.image(42, h, w, mean, std);
    List<Tensor> expected = OrtOracle.ort(bytes, Map.of("x", x));
    long t2 = System.nanoTime();
    List<Tensor> actual = OrtOracle.tnet(m, Map.of("x", x), engine);
    long t3 = System.nanoTime();
    assertEquals(2, actual.size());
    OrtOracle.Error probs = OrtOracle.Error.of(actual.get(0), expected.get(0), FLOOR);
    OrtOracle.Error logit = OrtOracle.Error.of(actual.get(1), expected.get(1), 1.0);
    System.out.printf("%s 1x3x%dx%d, %s vs ONNX Runtime: probabilities %s (tolerance abs %.0e); logits %s (tolerance rel %.0e,"
        + " |logit| up to %.1f); import %.2f s, ORT %.2f s, tnet %.2f s%n", model, h, w, engine.label(), probs, PROB_TOL,
        logit, LOGIT_TOL, maxAbs(expected.get(1)), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
    assertTrue(probs.maxAbs() <= PROB_TOL, model + " probabilities: " + probs);
    assertTrue(logit.maxRel() <= LOGIT_TOL, model + " logits: " + logit);
  }

  private static double maxAbs(Tensor t) {
    double m = 0;
    for (float v : t.floats()) m = Math.max(m, Math.abs(v));
    return m;
  }
}
