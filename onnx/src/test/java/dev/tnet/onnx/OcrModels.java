package dev.tnet.onnx;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real PaddleOCR models the tests import, from the cache {@code tools/fetch-models.sh} fills:
 * {@code $TNET_MODELS} (default {@code ~/.cache/tnet/models}) {@code /ocr-models-1.4.2}. A missing
 * model skips the test, unless {@code TNET_REQUIRE_MODELS=1} (CI), where it fails.
 */
final class OcrModels {
  static final String DET = "ch_PP-OCRv4_det_infer.onnx";
  static final String CLS = "ch_ppocr_mobile_v2.0_cls_infer.onnx";

  private OcrModels() {}

  static Path dir() {
    String env = System.getenv("TNET_MODELS");
    Path cache = env != null && !env.isEmpty() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "tnet", "models");
    return cache.resolve("ocr-models-1.4.2");
  }

  /** The model file, or a skipped (or, with TNET_REQUIRE_MODELS=1, failed) test. */
  static Path require(String name) {
    Path p = dir().resolve(name);
    if (!Files.isRegularFile(p)) {
      String why = p + " is missing; fetch the models with tools/fetch-models.sh (needs npm)";
      if ("1".equals(System.getenv("TNET_REQUIRE_MODELS"))) fail(why + " (TNET_REQUIRE_MODELS=1)");
      assumeTrue(false, why);
    }
    return p;
  }
}
