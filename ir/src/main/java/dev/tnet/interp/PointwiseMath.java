package dev.tnet.interp;

/**
 * Scalar functions the pointwise kernels need beyond {@link Math}, each with PyTorch's semantics,
 * computed in double.
 */
final class PointwiseMath {
  private PointwiseMath() {}

  /**
   * Floor division of floats as PyTorch's {@code div(rounding_mode='floor')} and Python's {@code
   * //}: derived from the exact remainder ({@code fmod}) rather than from the rounded quotient,
   * which can round up to the next integer when the quotient is large. Division by zero gives the
   * IEEE quotient ({@code ±inf} or NaN); a zero result takes the sign of {@code a / b}.
   */
  static double divFloor(double a, double b) {
    if (b == 0) return a / b;
    double mod = a % b;
    double div = (a - mod) / b;
    if (mod != 0 && (b < 0) != (mod < 0)) div -= 1;
    if (div == 0) return Math.copySign(0.0, a / b);
    double floor = Math.floor(div);
    return div - floor > 0.5 ? floor + 1 : floor;
  }

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

  /** {@code torch.round(x, decimals)}: half to even, after scaling by a power of ten. */
  static double round(double x, int decimals) {
    if (decimals == 0) return Math.rint(x);
    if (decimals > 0) {
      double scale = Math.pow(10, decimals);
      return Math.rint(x * scale) / scale;
    }
    double scale = Math.pow(10, -decimals);
    return Math.rint(x / scale) * scale;
  }
}
