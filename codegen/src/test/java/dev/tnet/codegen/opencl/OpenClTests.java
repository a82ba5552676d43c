package dev.tnet.codegen.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tnet.runtime.DType;
import dev.tnet.runtime.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/** What the OpenCL tests share: skipping without a platform, and the error spec. */
final class OpenClTests {
  private OpenClTests() {}

  /**
   * Skips the test (a JUnit assumption, with the reason) when this machine has no OpenCL platform;
   * with {@code TNET_REQUIRE_OPENCL=1} (CI) fails instead.
   */
  static void assumeOpenCl() {
    String why = OpenClBackend.unavailable();
    if (why == null) return;
    if ("1".equals(System.getenv("TNET_REQUIRE_OPENCL"))) fail("TNET_REQUIRE_OPENCL=1 but " + why);
    Assumptions.abort(why);
  }

  /**
   * The error spec against the loop interpreter: element-wise {@code |got - want| <= ATOL + RTOL *
   * |want|}, NaN where NaN, infinities equal. Arithmetic is IEEE and in the interpreter's order, so
   * most outputs are bit-identical; OpenCL's exp, log, tanh, erf, pow, sin, cos allow 3 to 16 ulp
   * where the runtime's MathFns are within 1 ulp of the correctly rounded result, and a few ops
   * feed such results through a subtraction or a sum of a few terms: 16 ulp relative
   * ({@code 16 * 2^-23 ~ 2e-6}) plus an absolute {@code 1e-6} for results near zero (cancellation,
   * denormals) covers every golden case and stays far below PyTorch's own tolerances.
   */
  static final double RTOL = 2e-6, ATOL = 1e-6;

  /** Null if {@code got} is within the spec of {@code want}, else what differs. */
  static String diff(Map<String, Tensor> want, Map<String, Tensor> got, double rtol, double atol) {
    if (!List.copyOf(want.keySet()).equals(List.copyOf(got.keySet()))) return "outputs " + want.keySet() + " vs " + got.keySet();
    for (var e : want.entrySet()) {
      Tensor w = e.getValue(), g = got.get(e.getKey());
      if (w.dtype() != g.dtype() || !w.shape().equals(g.shape())) return e.getKey() + ": " + w.dtype() + w.shape() + " vs " + g.dtype() + g.shape();
      for (int i = 0; i < w.size(); i++) {
        if (w.dtype() == DType.I64) {
          if (w.longs()[i] != g.longs()[i]) return e.getKey() + "[" + i + "]: want " + w.longs()[i] + ", got " + g.longs()[i];
          continue;
        }
        float a = w.floats()[i], b = g.floats()[i];
        if (Float.isNaN(a) || Float.isNaN(b) || Float.isInfinite(a) || Float.isInfinite(b)) {
          if (Float.compare(a, b) != 0 && !(Float.isNaN(a) && Float.isNaN(b))) return e.getKey() + "[" + i + "]: want " + a + ", got " + b;
        } else if (Math.abs((double) a - b) > atol + rtol * Math.abs(a)) {
          return e.getKey() + "[" + i + "]: want " + a + ", got " + b + " (" + ulps(a, b) + " ulp)";
        }
      }
    }
    return null;
  }

  static void assertClose(Map<String, Tensor> want, Map<String, Tensor> got, String context) {
    String d = diff(want, got, RTOL, ATOL);
    if (d != null) fail(d + "\n" + context);
  }

  /** The largest distance in ulps between float outputs (0 if all identical). */
  static long maxUlps(Map<String, Tensor> want, Map<String, Tensor> got) {
    long max = 0;
    for (var e : want.entrySet()) {
      Tensor w = e.getValue(), g = got.get(e.getKey());
      if (w.dtype() != DType.F32) continue;
      for (int i = 0; i < w.size(); i++) {
        if (Float.isNaN(w.floats()[i]) && Float.isNaN(g.floats()[i])) continue;
        max = Math.max(max, ulps(w.floats()[i], g.floats()[i]));
      }
    }
    return max;
  }

  static long ulps(float a, float b) {
    long x = Float.floatToIntBits(a), y = Float.floatToIntBits(b);
    if (x < 0) x = Integer.MIN_VALUE - x;
    if (y < 0) y = Integer.MIN_VALUE - y;
    return Math.abs(x - y);
  }

  static void assertSameKind(RuntimeException want, RuntimeException got) {
    assertEquals(want.getClass(), got.getClass(), String.valueOf(got));
    assertEquals(want.getMessage(), got.getMessage());
  }
}
