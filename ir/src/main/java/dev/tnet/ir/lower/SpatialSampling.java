package dev.tnet.ir.lower;

import static dev.tnet.ir.loop.Expr.f;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.Expr.BinOp;
import dev.tnet.ir.loop.ScalarType;
import java.util.OptionalDouble;

/**
 * Interpolate's source coordinates as exact integer arithmetic. PyTorch maps output index {@code
 * o} to {@code src = scale * o} (align_corners) or {@code scale * (o + 0.5) - 0.5} (half-pixel);
 * with {@code scale = (in - 1) / (out - 1)} or {@code in / out} that is a ratio of integers, and a
 * float {@code scale = m * 2^e} makes it a dyadic ratio. So {@code src = (a*o + b) / den} with
 * I64 {@code a, b} and {@code den > 0}: its floor and fraction are exact (no float rounding ever
 * picks the wrong tap), and rounding it to float is one I64-to-F32 cast. The reference uses a
 * double {@code 1 / scale_factor}; this uses that scale rounded to float, a relative difference of
 * 2^-24 in the weights.
 */
final class SpatialSampling {
  private SpatialSampling() {}

  /** {@code src = (a*o + b) / den}. */
  record Source(long a, long b, long den) {
    /** {@code a*o + b} as I64; {@code clampAtZero} gives {@code max(., 0)}, as the linear modes' source. */
    Expr numerator(Expr o, boolean clampAtZero) {
      Expr n = new Expr.LongConst(b);
      if (a != 0) {
        Expr ao = new Expr.Binary(BinOp.MUL, new Expr.LongConst(a), new Expr.Cast(ScalarType.I64, o));
        n = b == 0 ? ao : new Expr.Binary(BinOp.ADD, ao, n);
      }
      return clampAtZero && b < 0 ? new Expr.Binary(BinOp.MAX, n, new Expr.LongConst(0)) : n;
    }

    /** {@code floor(src)} as I32, from a numerator {@code n}. */
    Expr floor(Expr n) {
      if (n instanceof Expr.LongConst c) return Expr.i((int) Math.floorDiv(c.value(), den));
      return new Expr.Cast(ScalarType.I32, den == 1 ? n : new Expr.Binary(BinOp.FLOOR_DIV, n, new Expr.LongConst(den)));
    }

    /** {@code src - floor(src)} in {@code [0, 1)} as F32, from a numerator {@code n}. */
    Expr fraction(Expr n) {
      if (n instanceof Expr.LongConst c) return f((float) Math.floorMod(c.value(), den) / den);
      if (den == 1) return f(0);
      Expr rem = new Expr.Binary(BinOp.MOD, n, new Expr.LongConst(den));
      return new Expr.Binary(BinOp.DIV, new Expr.Cast(ScalarType.F32, rem), f(den));
    }

    /** {@code src} rounded once to float (the I64-to-F32 cast rounds to nearest; den is a power of two). */
    Expr roundedToFloat(Expr o) {
      return new Expr.Binary(BinOp.MUL, new Expr.Cast(ScalarType.F32, numerator(o, false)), f((float) (1.0 / den)));
    }
  }

  /**
   * The linear and cubic modes' source, as {@code interp.InterpolateKernels.scale}: {@code
   * (in - 1) / (out - 1) * o} with align_corners (0 for one output), else half-pixel with {@code
   * 1 / scale_factor} (rounded to float) when a scale factor is used, or {@code in / out}.
   */
  static Source linear(int in, int out, boolean alignCorners, OptionalDouble scaleFactor) {
    if (alignCorners) return out > 1 ? new Source(in - 1, 0, out - 1) : new Source(0, 0, 1);
    if (scaleFactor.isPresent() && scaleFactor.getAsDouble() > 0) return halfPixel((float) (1.0 / scaleFactor.getAsDouble()));
    return new Source(2L * in, (long) in - out, 2L * out);
  }

  /**
   * {@code scale * (o + 0.5) - 0.5} for a float {@code scale = m * 2^e} ({@code m} odd):
   * {@code (m(2o + 1) - 2^-e) / 2^(1-e)} for {@code e < 0}. Output sizes below 2^31 keep {@code
   * scale} above 2^-31, so {@code -e <= 54} and every term fits a long.
   */
  static Source halfPixel(float scale) {
    int e = Math.getExponent(scale) - 23;
    long m = (long) Math.scalb((double) scale, -e);
    while (m % 2 == 0 && e < 0) {
      m /= 2;
      e++;
    }
    if (e >= 0) {
      long s = m << e;
      return new Source(2 * s, s - 1, 2);
    }
    return new Source(2 * m, m - (1L << -e), 1L << (1 - e));
  }

  /**
   * The nearest modes' scale, PyTorch's {@code compute_scales_value<float>} (as {@code
   * interp.InterpolateKernels.nearestScale}): {@code (float) (1 / scale_factor)}, or the float
   * division {@code (float) in / out}.
   */
  static float nearestScale(int in, int out, OptionalDouble scaleFactor) {
    if (scaleFactor.isPresent() && scaleFactor.getAsDouble() > 0) return (float) (1.0 / scaleFactor.getAsDouble());
    return (float) in / out;
  }
}
