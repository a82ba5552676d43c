package dev.tnet.runtime.kernel;

import static dev.tnet.runtime.kernel.Gemm.L;
import static dev.tnet.runtime.kernel.Gemm.S;

import dev.tnet.runtime.model.WorkerPool;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * Depthwise convolution (one input channel per group, {@code m = c * multiplier}): the input is
 * rewritten once into the padded stride-phase layout of {@link Conv2dKernel.Phases}, where every
 * tap of a vector of consecutive output pixels is one contiguous load (any stride); then per
 * output channel and row, one vector of pixels at a time, {@code acc = bias; acc = fma(x, w[tap],
 * acc)} over the taps in row-major order, with the weights held in registers. Packed weights:
 * {@code [m][kh*kw]} with batch norm folded in, then the folded bias.
 */
public final class DepthwiseKernel {
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
    Conv2dKernel.Phases ph = Conv2dKernel.Phases.of(s);
    float[] xp = ph.fill(pool, x, Scratch.get().input(ph.size() + 2 * L));
    int[] off = ph.offsets();
    int items = s.n() * s.m();
    WorkerPool.Range body = (lo, hi) -> {
      for (int item = lo; item < hi; item++) {
        int img = item / s.m(), oc = item % s.m();
        int base = ph.channel(img, oc / s.mg()), out = (img * s.m() + oc) * s.oh() * s.ow();
        if (off.length == 10) channel3x3(s, ph.wq(), xp, base, off, packed, oc, residual, e, y, out);
        else channel(s, ph.wq(), xp, base, off, packed, oc, residual, e, y, out);
      }
    };
    if (pool == null) body.run(0, items);
    else pool.forRange(items, body);
  }

  /** One output channel, any taps: the weights broadcast per tap. */
  private static void channel(ConvShape s, int wq, float[] xp, int base, int[] off, float[] packed, int oc, float[] residual,
      Epilogue e, float[] y, int out) {
    int taps = off.length - 1, ow = s.ow(), wAt = oc * taps;
    float bias = packed[s.m() * taps + oc];
    for (int o = 0; o < s.oh(); o++) {
      int row = base + o * wq, at = out + o * ow, j = 0;
      // Four vectors of pixels at a time: four independent FMA chains share each weight broadcast.
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
      e.apply(y, at, ow);
    }
  }

  /** One output channel of a 3×3 kernel, its nine weights in registers. */
  private static void channel3x3(ConvShape s, int wq, float[] xp, int base, int[] off, float[] packed, int oc, float[] residual,
      Epilogue e, float[] y, int out) {
    int ow = s.ow(), wAt = oc * 9;
    int o0 = off[0], o1 = off[1], o2 = off[2], o3 = off[3], o4 = off[4], o5 = off[5], o6 = off[6], o7 = off[7], o8 = off[8];
    FloatVector w0 = FloatVector.broadcast(S, packed[wAt]), w1 = FloatVector.broadcast(S, packed[wAt + 1]);
    FloatVector w2 = FloatVector.broadcast(S, packed[wAt + 2]), w3 = FloatVector.broadcast(S, packed[wAt + 3]);
    FloatVector w4 = FloatVector.broadcast(S, packed[wAt + 4]), w5 = FloatVector.broadcast(S, packed[wAt + 5]);
    FloatVector w6 = FloatVector.broadcast(S, packed[wAt + 6]), w7 = FloatVector.broadcast(S, packed[wAt + 7]);
    FloatVector w8 = FloatVector.broadcast(S, packed[wAt + 8]), bias = FloatVector.broadcast(S, packed[s.m() * 9 + oc]);
    for (int o = 0; o < s.oh(); o++) {
      int row = base + o * wq, at = out + o * ow;
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
      e.apply(y, at, ow);
    }
  }

  /** {@code y[at + j ..] = acc + residual}, the lanes up to {@code ow} (the epilogue follows per row). */
  private static void store(FloatVector acc, int j, int ow, float[] residual, float[] y, int at) {
    if (j + L <= ow) {
      if (residual != null) acc = acc.add(FloatVector.fromArray(S, residual, at + j));
      acc.intoArray(y, at + j);
    } else {
      VectorMask<Float> m = S.indexInRange(j, ow);
      if (residual != null) acc = acc.add(FloatVector.fromArray(S, residual, at + j, m));
      acc.intoArray(y, at + j, m);
    }
  }
}
