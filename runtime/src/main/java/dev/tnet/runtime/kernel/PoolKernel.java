package dev.tnet.runtime.kernel;

import static dev.tnet.runtime.kernel.Gemm.L;
import static dev.tnet.runtime.kernel.Gemm.S;

import dev.tnet.runtime.model.WorkerPool;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Pooling without weights. {@link #max2d}: 2-D max pooling ({@code max_pool2d} without indices): 2×2 and 3×3 windows at
 * stride 2 by rows first ({@link #rowsFirst(ConvShape)}); any other, each plane is rewritten, into a
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
    if (rowsFirst(s)) {
      WorkerPool.Range body = (lo, hi) -> {
        float[] rows = Scratch.get().rows(s.h() * s.ow() + L);
        for (int plane = lo; plane < hi; plane++) poolByRows(s, x, plane, rows, y);
      };
      if (pool == null) body.run(0, s.n() * s.c());
      else pool.forRange(s.n() * s.c(), body);
      return;
    }
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

  /**
   * The reference's step {@code if (v > best || v is NaN) best = v}, lane by lane. As an operation
   * on (earlier, later) it is associative: a fold yields the last NaN if there is one, else the
   * first of the largest values (of -0.0 and 0.0, the first), however the sequence is grouped.
   */
  private static FloatVector max(FloatVector best, FloatVector v) {
    return best.blend(v, v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v)));
  }

  private static float max(float best, float v) {
    return v > best || v != v ? v : best;
  }

  /**
   * Whether {@link #max2d} pools by rows first, without the stride-phase copy: a 2×2 or 3×3 window
   * at stride 2, no dilation, padding at most 1 (ResNet's 3×3/2 and PaddleOCR cls's 2×2/2), over
   * rows long enough for a vector of outputs.
   */
  static boolean rowsFirst(ConvShape s) {
    return rowsFirst(s.kh(), s.kw(), s.sh(), s.sw(), s.dh(), s.dw(), s.ph(), s.pw(), s.w());
  }

  /** {@link #rowsFirst(ConvShape)} by the numbers that decide it (for --explain): window, stride, dilation, padding, input width. */
  public static boolean rowsFirst(int kh, int kw, int sh, int sw, int dh, int dw, int ph, int pw, long w) {
    return sh == 2 && sw == 2 && dh == 1 && dw == 1 && kh == kw && (kw == 2 || kw == 3) && ph <= 1 && pw <= 1 && w >= 2 * L + 4;
  }

  /**
   * One plane pooled by rows first: each input row's maxima of the kw taps of every output column
   * ({@code rows[r][j]}, the taps deinterleaved in registers), then each output row's maxima of
   * its kh rows of those, in order. {@link #max} is associative, so this is the row-major fold of
   * the reference bit for bit; padding taps are -inf, which never replace anything, and are skipped
   * (every window holds an input element).
   */
  private static void poolByRows(ConvShape s, float[] x, int plane, float[] rows, float[] y) {
    int h = s.h(), w = s.w(), oh = s.oh(), ow = s.ow(), k = s.kw(), pw = s.pw(), xAt = plane * h * w, out = plane * oh * ow;
    // Vector columns: L outputs from j read 2 L floats from 2j - pw (and for k = 3 from one past
    // it): from j0 = (pw + 1) / 2 (the first tap inside the row) while those stay inside the row;
    // a shorter rest is one more vector ending at ow, recomputing some outputs, if it fits.
    int j0 = (pw + 1) / 2, extra = k == 3 ? 1 : 0, jEnd = j0;
    while (jEnd + L <= ow && 2 * jEnd - pw + 2 * L + extra <= w) jEnd += L;
    int last = jEnd < ow && ow - L >= j0 && 2 * (ow - L) - pw + 2 * L + extra <= w ? ow - L : -1;
    for (int r = 0; r < h; r++) {
      int in = xAt + r * w, to = r * ow;
      for (int j = 0; j < j0; j++) rows[to + j] = rowScalar(x, in, w, 2 * j - pw, k);
      for (int j = j0; j < jEnd; j += L) rowVector(x, in + 2 * j - pw, k, rows, to + j);
      if (last >= 0) rowVector(x, in + 2 * last - pw, k, rows, to + last);
      else for (int j = jEnd; j < ow; j++) rows[to + j] = rowScalar(x, in, w, 2 * j - pw, k);
    }
    for (int o = 0; o < oh; o++) {
      int r0 = Math.max(0, 2 * o - s.ph()), r1 = Math.min(h, 2 * o - s.ph() + k), at = out + o * ow;
      if (r0 >= r1) { // a window of padding only (shapes do not make one; the reference's answer)
        java.util.Arrays.fill(y, at, at + ow, Float.NEGATIVE_INFINITY);
        continue;
      }
      for (int j = 0; j < ow; j += L) { // a partial last vector reads past the row (rows has L spare floats) and stores its part
        FloatVector best = FloatVector.fromArray(S, rows, r0 * ow + j);
        for (int r = r0 + 1; r < r1; r++) best = max(best, FloatVector.fromArray(S, rows, r * ow + j));
        if (j + L <= ow) best.intoArray(y, at + j);
        else best.intoArray(y, at + j, S.indexInRange(j, ow));
      }
    }
  }

  /** L outputs' maxima of k taps at stride 2 from {@code x[c]} on (2 L floats read, and one more for k = 3), into {@code rows[to]}. */
  private static void rowVector(float[] x, int c, int k, float[] rows, int to) {
    FloatVector a = FloatVector.fromArray(S, x, c), b = FloatVector.fromArray(S, x, c + L);
    FloatVector best = max(Conv2dKernel.Phases.evenLanes(a, b), Conv2dKernel.Phases.oddLanes(a, b));
    if (k == 3) best = max(best, Conv2dKernel.Phases.oddLanes(FloatVector.fromArray(S, x, c + 1), FloatVector.fromArray(S, x, c + 1 + L)));
    best.intoArray(rows, to);
  }

  /** The maximum of the taps {@code x[in + c .. in + c + k)} that lie in the row {@code [0, w)}, in order (at least one does). */
  private static float rowScalar(float[] x, int in, int w, int c, int k) {
    float best = Float.NEGATIVE_INFINITY;
    for (int t = Math.max(c, 0); t < Math.min(c + k, w); t++) best = max(best, x[in + t]);
    return best;
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
