package dev.tnet.runtime;

/**
 * The error function and its complement in double, which {@code java.lang.Math} lacks: erf for
 * the {@code erf} op, erfc for the exact GELU ({@code 0.5 x erfc(-x/sqrt 2)}, which keeps its
 * relative accuracy far into the negative tail where {@code 1 + erf} would cancel).
 */
public final class ErrorFunction {
  private ErrorFunction() {}

  private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

  /**
   * The error function, to about 1e-15 relative. For {@code |x| < 3} the series {@code erf(x) =
   * 2/sqrt(pi) * exp(-x^2) * sum_n 2^n x^(2n+1) / (1*3*...*(2n+1))} (all terms of one sign, so no
   * cancellation); beyond, {@code 1 - erfc(x)} with erfc's continued fraction {@code exp(-x^2) /
   * sqrt(pi) / (x + (1/2) / (x + 1 / (x + (3/2) / (x + ...))))}. Odd; keeps -0.0 and NaN.
   */
  public static double erf(double x) {
    if (Double.isNaN(x)) return x;
    double a = Math.abs(x);
    if (a < 3) {
      double term = x, sum = x, x2 = x * x;
      for (int n = 1; Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
        term *= 2 * x2 / (2 * n + 1);
        sum += term;
      }
      return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
    }
    if (a > 6) return Math.copySign(1.0, x);
    double t = a;
    for (int n = 80; n >= 1; n--) t = a + (n / 2.0) / t;
    double erfc = Math.exp(-a * a) / Math.sqrt(Math.PI) / t;
    return Math.copySign(1 - erfc, x);
  }

  /**
   * The complementary error function, {@code 1 - erf(x)}: directly below 2.5 (at most ~3 digits
   * lost to cancellation, so about 1e-12 relative), and above with the Laplace continued fraction
   * evaluated by the modified Lentz algorithm. {@code erfc(x) = 0} beyond 27 (below the smallest
   * double).
   */
  public static double erfc(double x) {
    if (Double.isNaN(x)) return x;
    if (x < 2.5) return 1 - erf(x);
    if (x > 27) return 0;
    return Math.exp(-x * x) / Math.sqrt(Math.PI) * continuedFraction(x);
  }

  /**
   * {@code 1 / (x + (1/2) / (x + 1 / (x + (3/2) / (x + 2 / (x + ...)))))}, so that
   * {@code erfc(x) = exp(-x^2) / sqrt(pi) * cf(x)} for {@code x > 0}.
   */
  private static double continuedFraction(double x) {
    final double tiny = 1e-300;
    double f = x, c = x, d = 0;
    for (int k = 1; k < 500; k++) {
      double a = k / 2.0;
      d = x + a * d;
      d = d == 0 ? 1 / tiny : 1 / d;
      c = x + a / c;
      if (c == 0) c = tiny;
      double delta = c * d;
      f *= delta;
      if (Math.abs(delta - 1) < 1e-16) break;
    }
    return 1 / f;
  }
}
