package dev.tnet.interp;

import dev.tnet.ir.op.Interpolate;
import dev.tnet.ir.op.Interpolate.Mode;
import dev.tnet.ir.op.PoolKind;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import java.util.OptionalDouble;

/**
 * Reference kernel of {@link Interpolate}, following PyTorch 1.13's CPU index math exactly.
 *
 * <p>Every mode but {@code area} is separable: along each spatial dim, output index {@code o} reads
 * a few source indices ("taps") with weights, and an output element is the sum over all tap
 * combinations of the product of weights times the input element. Per dim, with PyTorch's {@code
 * scale} (see {@link #scale}):
 * <ul>
 *   <li>nearest: {@code min(floor(o * scale), in - 1)}, computed in <b>float32</b> as PyTorch does
 *       for float32 tensors: {@code scale} rounded to float, a float product;
 *   <li>nearest-exact: {@code src = max(scale * (o + 0.5) - 0.5, 0)} (float scale, double
 *       arithmetic, rounded to float), index {@code min(floor(src + 0.5), in - 1)} with the sum
 *       rounded to float;
 *   <li>linear: source {@code x = scale * o} (align_corners) or {@code max(scale * (o + 0.5) - 0.5,
 *       0)}; taps {@code floor(x)} and the next one (clamped) weighted {@code 1 - t, t}, {@code t =
 *       x - floor(x)}; {@code out == in} copies whatever the scale factor;
 *   <li>bicubic: the same source without the clamp at 0; taps {@code floor(x) - 1 .. floor(x) + 2}
 *       clamped to the edge, Keys' cubic weights with {@code A = -0.75}; no copy short-cut.
 * </ul>
 * Linear and cubic sources and weights are computed in double (PyTorch's float64 path); the
 * golden cases of the nearest modes run PyTorch in float32, whose index math differs from float64
 * in rare cases (e.g. 2 -> 82 elements, output 41).
 *
 * <p>Deviation: this is PyTorch's general (NCHW) CPU path. For 4D/5D inputs that are also
 * channels-last contiguous (one channel, or all spatial sizes 1) PyTorch 1.13 takes another path
 * whose nearest mode short-cuts {@code out == in} to {@code o} and {@code out == 2*in} to {@code o
 * / 2} even when a scale factor such as 1.09 or 2.1 says otherwise (and whose nearest-exact rounds
 * once less); tnet does not, so the result never depends on the channel count.
 */
final class InterpolateKernels {
  private InterpolateKernels() {}

  private static final double CUBIC_A = -0.75;

  static Tensor interpolate(Interpolate op, Tensor x) {
    int dims = x.rank() - 2;
    Shape outShape = PoolKernels.outputShape(op, x);
    if (op.mode() == Mode.AREA) return PoolAdaptiveKernels.pool(PoolKind.AVG, x, dims, outShape)[0];
    SpatialGrid in = SpatialGrid.of(x.shape(), dims);
    SpatialGrid out = SpatialGrid.of(outShape, dims);
    Taps[] taps = new Taps[3];
    for (int i = 0; i < 3; i++) {
      int d = i - (3 - dims);
      taps[i] = d < 0 ? Taps.identity(out.size[i]) : taps(op, in.size[i], out.size[i], op.samplingScale(d));
    }
    return separable(x, outShape, taps);
  }

  /**
   * The output of a separable resampling: each element is the sum, over every combination of its
   * taps along {@code d, h, w} ({@code taps}, lifted to three dims), of the product of their
   * weights times that input element; summed in double, rounded once.
   */
  static Tensor separable(Tensor x, Shape outShape, Taps[] taps) {
    int dims = x.rank() - 2;
    SpatialGrid in = SpatialGrid.of(x.shape(), dims);
    SpatialGrid out = SpatialGrid.of(outShape, dims);
    float[] xs = x.floats(), y = new float[outShape.size()];
    out.forEachPosition((p, od, oh, ow, yi) -> {
      int xPlane = p * in.planeSize();
      double acc = 0;
      for (int a = 0; a < taps[0].width; a++) {
        for (int b = 0; b < taps[1].width; b++) {
          for (int c = 0; c < taps[2].width; c++) {
            double w = taps[0].weight[od][a] * taps[1].weight[oh][b] * taps[2].weight[ow][c];
            acc += w * xs[xPlane + in.at(taps[0].index[od][a], taps[1].index[oh][b], taps[2].index[ow][c])];
          }
        }
      }
      y[yi] = (float) acc;
    });
    return Tensor.of(outShape, y);
  }

  /** Source indices and weights along one dim: {@code index[o][j]}, {@code weight[o][j]}, {@code j < width}. */
  record Taps(int width, int[][] index, double[][] weight) {
    static Taps identity(int size) {
      Taps t = new Taps(1, new int[size][1], new double[size][1]);
      for (int o = 0; o < size; o++) {
        t.index[o][0] = o;
        t.weight[o][0] = 1;
      }
      return t;
    }
  }

  private static Taps taps(Interpolate op, int in, int out, OptionalDouble scaleFactor) {
    Mode mode = op.mode();
    int width = switch (mode) {
      case NEAREST, NEAREST_EXACT -> 1;
      case LINEAR, BILINEAR, TRILINEAR -> 2;
      case BICUBIC -> 4;
      case AREA -> throw new dev.tnet.runtime.CompilerBug("area is not separable");
    };
    Taps t = new Taps(width, new int[out][width], new double[out][width]);
    float nearestScale = nearestScale(in, out, scaleFactor);
    double scale = scale(in, out, op.alignCorners(), scaleFactor);
    for (int o = 0; o < out; o++) {
      int[] idx = t.index[o];
      double[] w = t.weight[o];
      switch (mode) {
        case NEAREST -> {
          idx[0] = Math.min((int) Math.floor(o * nearestScale), in - 1);
          w[0] = 1;
        }
        case NEAREST_EXACT -> {
          float src = (float) (nearestScale * (o + 0.5) - 0.5);
          idx[0] = Math.min((int) Math.floor((float) (Math.max(src, 0f) + 0.5)), in - 1);
          w[0] = 1;
        }
        case LINEAR, BILINEAR, TRILINEAR -> {
          if (out == in) {
            idx[0] = idx[1] = o;
            w[0] = 1;
            continue;
          }
          double src = op.alignCorners() ? scale * o : Math.max(scale * (o + 0.5) - 0.5, 0);
          int i0 = (int) src;
          idx[0] = i0;
          idx[1] = i0 < in - 1 ? i0 + 1 : i0;
          w[1] = Math.min(Math.max(src - i0, 0), 1);
          w[0] = 1 - w[1];
        }
        case BICUBIC -> {
          double src = op.alignCorners() ? scale * o : scale * (o + 0.5) - 0.5;
          int i0 = (int) Math.floor((float) src); // PyTorch: floorf on the double source
          double tt = src - i0;
          w[0] = cubicFar(tt + 1);
          w[1] = cubicNear(tt);
          w[2] = cubicNear(1 - tt);
          w[3] = cubicFar(2 - tt);
          for (int j = 0; j < 4; j++) idx[j] = Math.max(Math.min(i0 - 1 + j, in - 1), 0);
        }
        case AREA -> throw new dev.tnet.runtime.CompilerBug("area is not separable");
      }
    }
    return t;
  }

  /**
   * PyTorch's {@code area_pixel_compute_scale}: {@code (in - 1) / (out - 1)} with align_corners
   * (0 for a single output), else {@code 1 / scale_factor} if one is used, else {@code in / out}.
   */
  static double scale(int in, int out, boolean alignCorners, OptionalDouble scaleFactor) {
    if (alignCorners) return out > 1 ? (double) (in - 1) / (out - 1) : 0;
    if (scaleFactor.isPresent() && scaleFactor.getAsDouble() > 0) return 1.0 / scaleFactor.getAsDouble();
    return (double) in / out;
  }

  /**
   * The nearest modes' scale, PyTorch's {@code compute_scales_value<float>}: {@code (float) (1 /
   * scale_factor)}, or a float division {@code (float) in / out} (rounded once, not via double).
   */
  static float nearestScale(int in, int out, OptionalDouble scaleFactor) {
    if (scaleFactor.isPresent() && scaleFactor.getAsDouble() > 0) return (float) (1.0 / scaleFactor.getAsDouble());
    return (float) in / out;
  }

  /** Keys' cubic convolution kernel for {@code |x| <= 1}. */
  private static double cubicNear(double x) {
    return ((CUBIC_A + 2) * x - (CUBIC_A + 3)) * x * x + 1;
  }

  /** Keys' cubic convolution kernel for {@code 1 < |x| < 2}. */
  private static double cubicFar(double x) {
    return ((CUBIC_A * x - 5 * CUBIC_A) * x + 8 * CUBIC_A) * x - 4 * CUBIC_A;
  }
}
