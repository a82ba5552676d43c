package dev.tnet.runtime;

/**
 * The scalar math functions compiled models call (loop IR's {@code Call} nodes name these), in
 * float with PyTorch's semantics. Each is computed in double and rounded once, so results are
 * within one float ulp of the reference interpreter's.
 */
public final class MathFns {
  private MathFns() {}

  /** The names loop IR may call, each taking and returning float (pow takes two). */
  public static final java.util.Set<String> NAMES = java.util.Set.of("exp", "log", "sqrt", "rsqrt", "tanh", "erf",
      "erfc", "sigmoid", "pow", "sin", "cos", "floor", "ceil", "round", "sign", "log1p", "expm1", "softplus");

  public static float exp(float x) {
    return (float) Math.exp(x);
  }

  public static float log(float x) {
    return (float) Math.log(x);
  }

  public static float sqrt(float x) {
    return (float) Math.sqrt(x);
  }

  public static float rsqrt(float x) {
    return (float) (1 / Math.sqrt(x));
  }

  public static float tanh(float x) {
    return (float) Math.tanh(x);
  }

  public static float sigmoid(float x) {
    return (float) (1 / (1 + Math.exp(-(double) x)));
  }

  public static float pow(float x, float y) {
    return (float) Math.pow(x, y);
  }

  public static float sin(float x) {
    return (float) Math.sin(x);
  }

  public static float cos(float x) {
    return (float) Math.cos(x);
  }

  public static float floor(float x) {
    return (float) Math.floor(x);
  }

  public static float ceil(float x) {
    return (float) Math.ceil(x);
  }

  /** Round half to even, as torch.round. */
  public static float round(float x) {
    return (float) Math.rint(x);
  }

  /** -1, 0 or 1 (keeping -0.0 and NaN), as torch.sign. */
  public static float sign(float x) {
    return Math.signum(x);
  }

  public static float log1p(float x) {
    return (float) Math.log1p(x);
  }

  public static float expm1(float x) {
    return (float) Math.expm1(x);
  }

  /** {@code log(1 + exp(x))} without overflow. */
  public static float softplus(float x) {
    double d = x;
    return (float) (d > 20 ? d : Math.log1p(Math.exp(d)));
  }

  public static float erf(float x) {
    return (float) ErrorFunction.erf(x);
  }

  public static float erfc(float x) {
    return (float) ErrorFunction.erfc(x);
  }
}
