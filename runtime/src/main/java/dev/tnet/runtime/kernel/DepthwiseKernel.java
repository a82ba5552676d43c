package dev.tnet.runtime.kernel;

import static dev.tnet.runtime.kernel.Gemm.L;
import static dev.tnet.runtime.kernel.Gemm.S;

import dev.tnet.runtime.model.WorkerPool;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;

/**
 * Depthwise convolution (one input channel per group, {@code m = c * multiplier}): each output
 * channel's input plane is rewritten, into a per-thread buffer, in the padded stride-phase layout
 * of {@link Conv2dKernel.Phases}, where every tap of a vector of consecutive output pixels is one
 * contiguous load (any stride); then per row, one vector of pixels at a time, {@code acc = bias; acc = fma(x, w[tap],
 * acc)} over the taps in row-major order, with the weights held in registers. Packed weights:
 * {@code [m][kh*kw]} with batch norm folded in, then the folded bias.
 */
public final class DepthwiseKernel {
  /** Lane i takes lane i - 1 (lane 0 takes lane 0, then {@link #FIRST_LANE} zeroes it); a constant shuffle is one permute. */
  private static final VectorShuffle<Float> SHIFT_RIGHT = VectorShuffle.fromOp(S, i -> Math.max(i - 1, 0));
  /** Lane i takes lane i + 1 (the last lane takes itself, then {@link #LAST_LANE} zeroes it). */
  private static final VectorShuffle<Float> SHIFT_LEFT = VectorShuffle.fromOp(S, i -> Math.min(i + 1, L - 1));
  private static final VectorMask<Float> FIRST_LANE = VectorMask.fromLong(S, 1L);
  private static final VectorMask<Float> LAST_LANE = VectorMask.fromLong(S, 1L << (L - 1));

  private DepthwiseKernel() {}

  public static int packedSize(ConvShape s) {
    return s.m() * s.kh() * s.kw() + s.m();
  }

  static void pack(ConvShape s, float[] w, Fold fold, float[] out) {
    int taps = s.kh() * s.kw();
    for (int oc = 0; oc < s.m(); oc++) {
      for (int t = 0; t < taps; t++) out[oc * taps + t] = fold.weight(oc, w[oc * taps + t]);
      out[s.m() * taps + oc] = fold.bias(oc);
    }
  }

  public static void run(WorkerPool pool, ConvShape s, float[] x, float[] packed, float[] residual, Epilogue e, float[] y) {
    if (s.oh() == 0 || s.ow() == 0 || s.n() == 0) return;
    if (direct3x3(s)) {
      WorkerPool.Range body = (lo, hi) -> {
        for (int item = lo; item < hi; item++) {
          int img = item / s.m(), oc = item % s.m(), plane = s.h() * s.w();
          direct3x3(s, x, (img * s.c() + oc / s.mg()) * plane, packed, oc, residual, e, y, (img * s.m() + oc) * plane);
        }
      };
      if (pool == null) body.run(0, s.n() * s.m());
      else pool.forRange(s.n() * s.m(), body);
      return;
    }
    // Each output channel's input plane is rewritten into a per-thread buffer right before it is
    // used (it stays in cache), not the whole input up front.
    Conv2dKernel.Phases ph = Conv2dKernel.Phases.of(s);
    int[] off = ph.offsets();
    int plane = s.h() * s.w();
    int items = s.n() * s.m();
    WorkerPool.Range body = (lo, hi) -> {
      float[] xp = Scratch.get().other(ph.channelSize() + 2 * L);
      int filled = -1; // the input plane xp holds (its pads, the same for every plane, are written with the first)
      for (int item = lo; item < hi; item++) {
        int img = item / s.m(), oc = item % s.m(), in = img * s.c() + oc / s.mg(), out = (img * s.m() + oc) * s.oh() * s.ow();
        if (in != filled) ph.fillChannel(x, in * plane, xp, 0, 0f, filled >= 0);
        filled = in;
        if (off.length == 10) channel3x3(s, ph.wq(), xp, off, packed, oc, residual, e, y, out);
        else channel(s, ph.wq(), xp, off, packed, oc, residual, e, y, out);
      }
    };
    if (pool == null) body.run(0, items);
    else pool.forRange(items, body);
  }

  /** One output channel, any taps: the weights broadcast per tap. */
  private static void channel(ConvShape s, int wq, float[] xp, int[] off, float[] packed, int oc, float[] residual,
      Epilogue e, float[] y, int out) {
    int taps = off.length - 1, ow = s.ow(), wAt = oc * taps;
    float bias = packed[s.m() * taps + oc];
    for (int o = 0; o < s.oh(); o++) {
      int row = o * wq, at = out + o * ow, j = 0;
      // Eight vectors of pixels at a time: eight independent FMA chains (as many as FMA latency
      // times throughput keeps busy) share each weight broadcast. 5x5 200ch at 2x96: 66 -> 46 us.
      for (; j + 8 * L <= ow; j += 8 * L) {
        FloatVector a0 = FloatVector.broadcast(S, bias), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        for (int t = 0; t < taps; t++) {
          FloatVector wt = FloatVector.broadcast(S, packed[wAt + t]);
          int q = row + j + off[t];
          a0 = FloatVector.fromArray(S, xp, q).fma(wt, a0);
          a1 = FloatVector.fromArray(S, xp, q + L).fma(wt, a1);
          a2 = FloatVector.fromArray(S, xp, q + 2 * L).fma(wt, a2);
          a3 = FloatVector.fromArray(S, xp, q + 3 * L).fma(wt, a3);
          a4 = FloatVector.fromArray(S, xp, q + 4 * L).fma(wt, a4);
          a5 = FloatVector.fromArray(S, xp, q + 5 * L).fma(wt, a5);
          a6 = FloatVector.fromArray(S, xp, q + 6 * L).fma(wt, a6);
          a7 = FloatVector.fromArray(S, xp, q + 7 * L).fma(wt, a7);
        }
        store(a0, j + 0 * L, ow, residual, y, at);
        store(a1, j + 1 * L, ow, residual, y, at);
        store(a2, j + 2 * L, ow, residual, y, at);
        store(a3, j + 3 * L, ow, residual, y, at);
        store(a4, j + 4 * L, ow, residual, y, at);
        store(a5, j + 5 * L, ow, residual, y, at);
        store(a6, j + 6 * L, ow, residual, y, at);
        store(a7, j + 7 * L, ow, residual, y, at);
      }
      // Then four vectors at a time.
      for (; j + 4 * L <= ow; j += 4 * L) {
        FloatVector a0 = FloatVector.broadcast(S, bias), a1 = a0, a2 = a0, a3 = a0;
        for (int t = 0; t < taps; t++) {
          FloatVector wt = FloatVector.broadcast(S, packed[wAt + t]);
          int q = row + j + off[t];
          a0 = FloatVector.fromArray(S, xp, q).fma(wt, a0);
          a1 = FloatVector.fromArray(S, xp, q + L).fma(wt, a1);
          a2 = FloatVector.fromArray(S, xp, q + 2 * L).fma(wt, a2);
          a3 = FloatVector.fromArray(S, xp, q + 3 * L).fma(wt, a3);
        }
        store(a0, j, ow, residual, y, at);
        store(a1, j + L, ow, residual, y, at);
        store(a2, j + 2 * L, ow, residual, y, at);
        store(a3, j + 3 * L, ow, residual, y, at);
      }
      for (; j < ow; j += L) {
        FloatVector acc = FloatVector.broadcast(S, bias);
        for (int t = 0; t < taps; t++) acc = FloatVector.fromArray(S, xp, row + j + off[t]).fma(FloatVector.broadcast(S, packed[wAt + t]), acc);
        store(acc, j, ow, residual, y, at);
      }
    }
    e.apply(y, out, s.oh() * ow); // the channel's rows are contiguous: one pass
  }

  /** One output channel of a 3×3 kernel, its nine weights in registers. */
  private static void channel3x3(ConvShape s, int wq, float[] xp, int[] off, float[] packed, int oc, float[] residual,
      Epilogue e, float[] y, int out) {
    int ow = s.ow(), wAt = oc * 9;
    int o0 = off[0], o1 = off[1], o2 = off[2], o3 = off[3], o4 = off[4], o5 = off[5], o6 = off[6], o7 = off[7], o8 = off[8];
    FloatVector w0 = FloatVector.broadcast(S, packed[wAt]), w1 = FloatVector.broadcast(S, packed[wAt + 1]);
    FloatVector w2 = FloatVector.broadcast(S, packed[wAt + 2]), w3 = FloatVector.broadcast(S, packed[wAt + 3]);
    FloatVector w4 = FloatVector.broadcast(S, packed[wAt + 4]), w5 = FloatVector.broadcast(S, packed[wAt + 5]);
    FloatVector w6 = FloatVector.broadcast(S, packed[wAt + 6]), w7 = FloatVector.broadcast(S, packed[wAt + 7]);
    FloatVector w8 = FloatVector.broadcast(S, packed[wAt + 8]), bias = FloatVector.broadcast(S, packed[s.m() * 9 + oc]);
    for (int o = 0; o < s.oh(); o++) {
      int row = o * wq, at = out + o * ow;
      for (int j = 0; j < ow; j += L) {
        int q = row + j;
        FloatVector acc = FloatVector.fromArray(S, xp, q + o0).fma(w0, bias);
        acc = FloatVector.fromArray(S, xp, q + o1).fma(w1, acc);
        acc = FloatVector.fromArray(S, xp, q + o2).fma(w2, acc);
        acc = FloatVector.fromArray(S, xp, q + o3).fma(w3, acc);
        acc = FloatVector.fromArray(S, xp, q + o4).fma(w4, acc);
        acc = FloatVector.fromArray(S, xp, q + o5).fma(w5, acc);
        acc = FloatVector.fromArray(S, xp, q + o6).fma(w6, acc);
        acc = FloatVector.fromArray(S, xp, q + o7).fma(w7, acc);
        acc = FloatVector.fromArray(S, xp, q + o8).fma(w8, acc);
        store(acc, j, ow, residual, y, at);
      }
    }
    e.apply(y, out, s.oh() * ow); // the channel's rows are contiguous: one pass
  }

  /** Whether {@link #direct3x3} computes this shape: {@link #readsInputInPlace}, at least one vector wide. */
  private static boolean direct3x3(ConvShape s) {
    return readsInputInPlace(s.kh(), s.kw(), s.sh(), s.sw(), s.dh(), s.dw(), s.ph() == 1 && s.pw() == 1) && s.oh() == s.h()
        && s.ow() == s.w() && s.w() >= L;
  }

  /**
   * Whether a depthwise layer of this geometry reads its input in place (3×3, stride 1, padding 1
   * on every side, no dilation) rather than through a padded copy per channel; {@code --explain}
   * asks too. Rows narrower than a vector still take the copy.
   */
  public static boolean readsInputInPlace(int kh, int kw, int sh, int sw, int dh, int dw, boolean paddedByOne) {
    return kh == 3 && kw == 3 && sh == 1 && sw == 1 && dh == 1 && dw == 1 && paddedByOne;
  }

  /**
   * One output channel of a 3×3, stride-1, padding-1 kernel read straight from {@code x} (no
   * padded copy: the copy doubled the memory traffic of a layer that is all traffic). The same
   * operations as {@link #channel3x3}: {@code acc = bias}, then an FMA per tap in row-major
   * order, a tap in the padding contributing {@code fma(0, w, acc)}. A row runs in vectors, the
   * last one ending at the row's end (overlapping the one before it, recomputing a few outputs to
   * the same values); see {@link #row} for the edge columns.
   */
  private static void direct3x3(ConvShape s, float[] x, int in, float[] packed, int oc, float[] residual, Epilogue e, float[] y,
      int out) {
    int h = s.h(), w = s.w(), wAt = oc * 9;
    FloatVector w0 = FloatVector.broadcast(S, packed[wAt]), w1 = FloatVector.broadcast(S, packed[wAt + 1]);
    FloatVector w2 = FloatVector.broadcast(S, packed[wAt + 2]), w3 = FloatVector.broadcast(S, packed[wAt + 3]);
    FloatVector w4 = FloatVector.broadcast(S, packed[wAt + 4]), w5 = FloatVector.broadcast(S, packed[wAt + 5]);
    FloatVector w6 = FloatVector.broadcast(S, packed[wAt + 6]), w7 = FloatVector.broadcast(S, packed[wAt + 7]);
    FloatVector w8 = FloatVector.broadcast(S, packed[wAt + 8]);
    FloatVector b = FloatVector.broadcast(S, packed[s.m() * 9 + oc]), zero = FloatVector.zero(S);
    for (int o = 0; o < h; o++) {
      int mid = in + o * w, at = out + o * w;
      boolean hasTop = o > 0, hasBot = o + 1 < h;
      for (int j = 0, last = w - L; ; j = Math.min(j + L, last)) {
        FloatVector acc = hasTop ? row(x, mid - w, j, w, w0, w1, w2, b) : zero.fma(w2, zero.fma(w1, zero.fma(w0, b)));
        acc = row(x, mid, j, w, w3, w4, w5, acc);
        acc = hasBot ? row(x, mid + w, j, w, w6, w7, w8, acc) : zero.fma(w8, zero.fma(w7, zero.fma(w6, acc)));
        if (residual != null) acc = acc.add(FloatVector.fromArray(S, residual, at + j));
        acc.intoArray(y, at + j);
        if (j == last) break;
      }
      e.apply(y, at, w);
    }
  }

  /**
   * {@code acc} plus one input row's three taps for output columns {@code j .. j+L}, in order
   * ({@code fma(left, wl, acc)}, then middle, then right). At the row's first column the left
   * taps are the middle vector permuted one lane right with a 0 blended in front; at its last,
   * the right taps are permuted left with a 0 behind (the padding), so no lane reads past the row.
   */
  private static FloatVector row(float[] x, int r, int j, int w, FloatVector wl, FloatVector wm, FloatVector wr, FloatVector acc) {
    FloatVector m = FloatVector.fromArray(S, x, r + j);
    FloatVector left = j == 0 ? m.rearrange(SHIFT_RIGHT).blend(0f, FIRST_LANE) : FloatVector.fromArray(S, x, r + j - 1);
    FloatVector right = j + L == w ? m.rearrange(SHIFT_LEFT).blend(0f, LAST_LANE) : FloatVector.fromArray(S, x, r + j + 1);
    return right.fma(wr, m.fma(wm, left.fma(wl, acc)));
  }

  /** {@code y[at + j ..] = acc + residual}, the lanes up to {@code ow} (the epilogue follows per row). */
  private static void store(FloatVector acc, int j, int ow, float[] residual, float[] y, int at) {
    if (j + L <= ow) {
      if (residual != null) acc = acc.add(FloatVector.fromArray(S, residual, at + j));
      acc.intoArray(y, at + j);
    } else { // the row's last, partial vector: through a scratch array (masked stores are slow on AVX2)
      float[] lanes = Scratch.get().lanes();
      acc.intoArray(lanes, 0);
      for (int l = 0; j + l < ow; l++) y[at + j + l] = residual != null ? lanes[l] + residual[at + j + l] : lanes[l];
    }
  }
}
