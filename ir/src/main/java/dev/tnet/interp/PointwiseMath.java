package dev.tnet.interp;

/**
 * Scalar functions the pointwise kernels need beyond {@link Math}, each with PyTorch's semantics
 * (float32 ones step by step in float32 where the rounding of intermediate results shows).
 */
final class PointwiseMath {
  private PointwiseMath() {}

  /**
   * {@code a ** b} on int64, wrapping on overflow. A negative exponent gives 0 except for bases 1
   * and -1, as PyTorch's integer pow with a tensor exponent.
   */
  static long powi(long a, long b) {
    if (b < 0) {
      if (a == 1) return 1;
      if (a == -1) return (b & 1) == 0 ? 1 : -1;
      return 0;
    }
    long result = 1;
    while (b > 0) {
      if ((b & 1) == 1) result *= a;
      a *= a;
      b >>= 1;
    }
    return result;
  }

  /**
   * {@code a ** b} as C's {@code pow} (which PyTorch calls): like {@link Math#pow} except that
   * {@code 1 ** anything} and {@code (-1) ** ±inf} are 1, where Java gives NaN.
   */
  static double pow(double a, double b) {
    if (a == 1 || (a == -1 && Double.isInfinite(b))) return 1;
    return Math.pow(a, b);
  }

  /** PyTorch's sign: 1, -1, or 0 for both zeros and (as PyTorch does) NaN. */
  static double sign(double x) {
    return (x > 0 ? 1 : 0) - (x < 0 ? 1 : 0);
  }

  /**
   * {@code torch.round(x, decimals)} on float32, as PyTorch's kernel: the power of ten is rounded
   * to float32 and the scaling and unscaling are float32 operations (so -864.95f at one decimal
   * scales to exactly -8649.5f and rounds, half to even, to -865), then half to even.
   */
  static float round(float x, int decimals) {
    if (decimals == 0) return (float) Math.rint(x);
    if (decimals > 0) {
      float scale = (float) Math.pow(10, decimals);
      return (float) Math.rint(x * scale) / scale;
    }
    float scale = (float) Math.pow(10, -decimals);
    return (float) Math.rint(x / scale) * scale;
  }

  /**
   * Floor division of floats as PyTorch's {@code div(rounding_mode='floor')} and Python's {@code
   * //}, in float32 arithmetic as PyTorch's float32 kernel: derived from the exact remainder
   * ({@code fmod}) rather than from the rounded quotient, which can round up to the next integer
   * when the quotient is large. Division by zero gives the IEEE quotient ({@code ±inf} or NaN); a
   * zero result takes the sign of {@code a / b}.
   */
  static float divFloor(float a, float b) {
    if (b == 0) return a / b;
    float mod = a % b;
    float div = (a - mod) / b;
    if (mod != 0 && (b < 0) != (mod < 0)) div -= 1;
    if (div == 0) return Math.copySign(0.0f, a / b);
    float floor = (float) Math.floor(div);
    return div - floor > 0.5f ? floor + 1 : floor;
  }
}
