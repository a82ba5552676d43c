package dev.tnet.runtime.kernel;

import static dev.tnet.runtime.kernel.Gemm.L;
import static dev.tnet.runtime.kernel.Gemm.S;

import dev.tnet.runtime.model.WorkerPool;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Pooling without weights. {@link #max2d}: 2-D max pooling ({@code max_pool2d} without indices): each plane is rewritten, into a
 * per-thread buffer, in the stride-phase layout of {@link Conv2dKernel.Phases}, padded with -inf, where every tap of a
 * vector of consecutive output pixels is one contiguous load (any stride, dilation, ceil_mode);
 * then per channel and output row, a vector of pixels at a time, the taps in row-major order
 * with the reference's rule {@code if (v > best || v is NaN) best = v} from {@code best = -inf}
 * (so NaN wins, and of equal values the first tap's, -0.0 or 0.0, stays). The shape is a
 * {@link ConvShape} with {@code m = c = groups}. {@link #globalAvg}: the mean of each plane.
 * {@link #nearest2d}: nearest-neighbour interpolation (a resampling, kept here with the pools).
 */
public final class PoolKernel {
  private PoolKernel() {}

  public static void max2d(WorkerPool pool, ConvShape s, float[] x, float[] y) {
    if (s.oh() == 0 || s.ow() == 0 || s.n() == 0 || s.c() == 0) return;
    // Each plane is rewritten into a per-thread buffer right before it is pooled (it stays in cache).
    Conv2dKernel.Phases ph = Conv2dKernel.Phases.of(s);
    int[] off = ph.offsets();
    WorkerPool.Range body = (lo, hi) -> {
      float[] xp = Scratch.get().other(ph.channelSize() + 2 * L);
      for (int plane = lo; plane < hi; plane++) { // the pads, the same for every plane, are written with the first
        ph.fillChannel(x, plane * s.h() * s.w(), xp, 0, Float.NEGATIVE_INFINITY, plane > lo);
        plane(s, ph, xp, off, plane, y);
      }
    };
    if (pool == null) body.run(0, s.n() * s.c());
    else pool.forRange(s.n() * s.c(), body);
  }

  private static void plane(ConvShape s, Conv2dKernel.Phases ph, float[] xp, int[] off, int plane, float[] y) {
    int taps = off.length - 1, ow = s.ow(), out = plane * s.oh() * ow;
    for (int o = 0; o < s.oh(); o++) {
      int row = o * ph.wq(), at = out + o * ow;
      for (int j = 0; j < ow; j += L) { // a partial last vector reads past the row (xp has 2 L spare floats) and stores its part
        FloatVector best = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (int t = 0; t < taps; t++) best = max(best, FloatVector.fromArray(S, xp, row + j + off[t]));
        if (j + L <= ow) best.intoArray(y, at + j);
        else best.intoArray(y, at + j, S.indexInRange(j, ow));
      }
    }
  }

  /** The reference's step {@code if (v > best || v is NaN) best = v}, lane by lane. */
  private static FloatVector max(FloatVector best, FloatVector v) {
    return best.blend(v, v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v)));
  }

  /**
   * {@code y[p] = (sum of x[p * size .. (p + 1) * size)) / size} for each of {@code planes}
   * planes: the sum in four vector accumulators over blocks of four vectors, then one vector at
   * a time, then the lanes and the scalar tail in a fixed order (the same for every thread count;
   * not the reference's element order, so it may differ from it by a few ulps per element).
   */
  public static void globalAvg(WorkerPool pool, int planes, int size, float[] x, float[] y) {
    WorkerPool.Range body = (lo, hi) -> {
      float[] lanes = Scratch.get().lanes();
      for (int p = lo; p < hi; p++) y[p] = sum(x, p * size, size, lanes) / size;
    };
    if (pool == null) body.run(0, planes);
    else pool.forRange(planes, body);
  }

  private static float sum(float[] x, int from, int size, float[] lanes) {
    FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
    int j = 0;
    for (; j + 4 * L <= size; j += 4 * L) {
      a0 = a0.add(FloatVector.fromArray(S, x, from + j));
      a1 = a1.add(FloatVector.fromArray(S, x, from + j + L));
      a2 = a2.add(FloatVector.fromArray(S, x, from + j + 2 * L));
      a3 = a3.add(FloatVector.fromArray(S, x, from + j + 3 * L));
    }
    for (; j + L <= size; j += L) a0 = a0.add(FloatVector.fromArray(S, x, from + j));
    a0.add(a1).add(a2.add(a3)).intoArray(lanes, 0);
    float s = 0f;
    for (float v : lanes) s += v;
    for (; j < size; j++) s += x[from + j];
    return s;
  }

  /**
   * Nearest-neighbour resampling of {@code planes} planes {@code [h, w] -> [oh, ow]} with the
   * reference's index math: source index {@code min(floor(float(o) * scale), in - 1)} in float32
   * per axis ({@code scale} as the op's lowering computes it). A row whose source row equals the
   * previous one is copied from it; otherwise it is gathered through the column table.
   */
  public static void nearest2d(WorkerPool pool, int planes, int h, int w, int oh, int ow, float scaleH, float scaleW, float[] x, float[] y) {
    int[] rows = sources(oh, h, scaleH), cols = sources(ow, w, scaleW);
    WorkerPool.Range body = (lo, hi) -> {
      for (int p = lo; p < hi; p++) {
        for (int o = 0, in = p * h * w, out = p * oh * ow; o < oh; o++) {
          int dst = out + o * ow;
          if (o > 0 && rows[o] == rows[o - 1]) {
            System.arraycopy(y, dst - ow, y, dst, ow);
            continue;
          }
          int src = in + rows[o] * w;
          for (int j = 0; j < ow; j++) y[dst + j] = x[src + cols[j]];
        }
      }
    };
    if (pool == null) body.run(0, planes);
    else pool.forRange(planes, body);
  }

  private static int[] sources(int out, int in, float scale) {
    int[] s = new int[out];
    for (int o = 0; o < out; o++) s[o] = Math.min((int) Math.floor((float) o * scale), in - 1);
    return s;
  }
}
