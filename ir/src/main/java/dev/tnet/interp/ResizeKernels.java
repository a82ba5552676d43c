package dev.tnet.interp;

import dev.tnet.interp.InterpolateKernels.Taps;
import dev.tnet.ir.op.Resize;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;

/**
 * Reference kernel of {@link Resize}, following ONNX Runtime's CPU kernel: the source coordinate
 * and the nearest index are float32 computations ({@link Resize#sourceCoordinate}, shared with the
 * lowering), as are the
 * fraction {@code t} and the clamping; the weights are then computed from {@code t} in double and the
 * weighted sum is taken in double and rounded once (ONNX Runtime rounds the float32 weights and sums
 * in float32, a difference of a few ulp). Every mode is separable: per spatial dim, output index
 * {@code o} reads a few taps with weights ({@link InterpolateKernels#separable}).
 *
 * <p>Rounding, for {@code x >= 0} (a negative {@code x} gives an index at most 0, clamped to 0):
 * round_prefer_floor is {@code floor(x) + (x - floor(x) > 0.5)}, round_prefer_ceil {@code floor(x) +
 * (x - floor(x) >= 0.5)} (C's {@code round}); {@code x - floor(x)} is exact in float32. The lowering
 * computes the same float32 expressions, so both pick the same indices.
 */
final class ResizeKernels {
  private ResizeKernels() {}

  static Tensor resize(Resize op, Tensor x) {
    int dims = x.rank() - 2;
    Shape outShape = PoolKernels.outputShape(op, x);
    Taps[] taps = new Taps[3];
    for (int i = 0; i < 3; i++) {
      int d = i - (3 - dims);
      int in = d < 0 ? 1 : x.shape().dim(2 + d), out = d < 0 ? 1 : outShape.dim(2 + d);
      taps[i] = d < 0 ? Taps.identity(1) : taps(op, in, out, op.samplingScale(d, dims, in, out));
    }
    return InterpolateKernels.separable(x, outShape, taps);
  }

  private static Taps taps(Resize op, int in, int out, float scale) {
    int width = switch (op.mode()) {
      case NEAREST -> 1;
      case LINEAR -> 2;
      case CUBIC -> 4;
    };
    Taps t = new Taps(width, new int[out][width], new double[out][width]);
    for (int o = 0; o < out; o++) {
      float x = op.sourceCoordinate((float) o, scale, in, out, Resize.FLOAT);
      int[] idx = t.index()[o];
      double[] w = t.weight()[o];
      switch (op.mode()) {
        case NEAREST -> {
          idx[0] = clamp(nearest(op.nearestMode(), x), in);
          w[0] = 1;
        }
        case LINEAR -> {
          float v = Math.max(0f, Math.min(x, (float) (in - 1)));
          int i0 = Math.min((int) v, in - 1);
          float frac = v - (float) i0;
          idx[0] = i0;
          idx[1] = Math.min(i0 + 1, in - 1);
          w[0] = 1 - (double) frac;
          w[1] = frac;
        }
        case CUBIC -> {
          float floor = (float) Math.floor(x);
          int i0 = (int) floor;
          double s = x - floor;
          double[] c = cubicWeights(s, op.cubicCoeffA());
          double sum = 0;
          for (int j = 0; j < 4; j++) {
            int raw = i0 - 1 + j;
            if (op.excludeOutside() && (raw < 0 || raw >= in)) c[j] = 0;
            sum += c[j];
            idx[j] = clamp(raw, in);
          }
          for (int j = 0; j < 4; j++) w[j] = op.excludeOutside() ? c[j] / sum : c[j];
        }
      }
    }
    return t;
  }

  /** The nearest index of a float32 coordinate, before clamping (see the class comment). */
  static int nearest(Resize.NearestMode mode, float x) {
    float floor = (float) Math.floor(x);
    return switch (mode) {
      case FLOOR -> (int) floor;
      case CEIL -> (int) Math.ceil(x);
      case ROUND_PREFER_FLOOR -> (int) floor + (x - floor > 0.5f ? 1 : 0);
      case ROUND_PREFER_CEIL -> (int) floor + (x - floor >= 0.5f ? 1 : 0);
    };
  }

  private static int clamp(int i, int in) {
    return Math.max(0, Math.min(i, in - 1));
  }

  /** Keys' cubic weights of the taps at distances {@code s + 1, s, 1 - s, 2 - s} for fraction {@code s}. */
  static double[] cubicWeights(double s, double a) {
    return new double[] {far(s + 1, a), near(s, a), near(1 - s, a), far(2 - s, a)};
  }

  /** {@code ((A + 2) x - (A + 3)) x^2 + 1}, for {@code |x| <= 1}. */
  private static double near(double x, double a) {
    return ((a + 2) * x - (a + 3)) * x * x + 1;
  }

  /** {@code ((A x - 5A) x + 8A) x - 4A}, for {@code 1 < |x| < 2}. */
  private static double far(double x, double a) {
    return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
  }
}
