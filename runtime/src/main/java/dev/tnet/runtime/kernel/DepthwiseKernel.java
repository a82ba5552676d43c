package dev.tnet.runtime.kernel;

import static dev.tnet.runtime.kernel.Gemm.S;

import dev.tnet.runtime.model.WorkerPool;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * Depthwise convolution (one input channel per group, {@code m = c * multiplier}): per output
 * channel, the input plane is copied once into a zero-padded scratch plane, then each output row
 * is computed one vector of pixels at a time, {@code acc = bias; acc = fma(x, w[tap], acc)} over the taps in
 * row-major order (stride 1; other strides run the same order on scalars). Packed weights:
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
    int items = s.n() * s.m();
    WorkerPool.Range body = (lo, hi) -> {
      for (int item = lo; item < hi; item++) channel(s, x, packed, residual, e, y, item / s.m(), item % s.m());
    };
    if (pool == null) body.run(0, items);
    else pool.forRange(items, body);
  }

  private static void channel(ConvShape s, float[] x, float[] packed, float[] residual, Epilogue e, float[] y, int img, int oc) {
    int oh = s.oh(), ow = s.ow(), taps = s.kh() * s.kw();
    int hp = (oh - 1) * s.sh() + (s.kh() - 1) * s.dh() + 1;
    int wp = (ow - 1) * s.sw() + (s.kw() - 1) * s.dw() + 1 + 2 * S.length(); // slack: a vector read past the last pixel
    float[] pad = Scratch.get().other(hp * wp);
    int ic = oc / s.mg(), plane = (img * s.c() + ic) * s.h() * s.w();
    for (int r = 0; r < hp; r++) {
      int ih = r - s.ph(), dst = r * wp;
      if (ih < 0 || ih >= s.h()) {
        java.util.Arrays.fill(pad, dst, dst + wp, 0f);
        continue;
      }
      int lo = Math.min(wp, s.pw()), hi = Math.max(lo, Math.min(wp, s.pw() + s.w()));
      java.util.Arrays.fill(pad, dst, dst + lo, 0f);
      if (hi > lo) System.arraycopy(x, plane + ih * s.w() + (lo - s.pw()), pad, dst + lo, hi - lo);
      java.util.Arrays.fill(pad, dst + hi, dst + wp, 0f);
    }
    int wAt = oc * taps;
    float bias = packed[s.m() * taps + oc];
    int out = (img * s.m() + oc) * oh * ow;
    for (int o = 0; o < oh; o++) {
      int row = out + o * ow;
      if (s.sw() == 1) {
        for (int j = 0; j < ow; j += S.length()) {
          FloatVector acc = FloatVector.broadcast(S, bias);
          for (int kh = 0; kh < s.kh(); kh++) {
            int base = (o * s.sh() + kh * s.dh()) * wp + j;
            for (int kw = 0; kw < s.kw(); kw++) {
              acc = FloatVector.fromArray(S, pad, base + kw * s.dw()).fma(FloatVector.broadcast(S, packed[wAt + kh * s.kw() + kw]), acc);
            }
          }
          VectorMask<Float> m = S.indexInRange(j, ow);
          if (residual != null) acc = acc.add(FloatVector.fromArray(S, residual, row + j, m));
          e.apply(acc).intoArray(y, row + j, m);
        }
      } else {
        for (int j = 0; j < ow; j++) {
          float acc = bias;
          for (int kh = 0; kh < s.kh(); kh++) {
            int base = (o * s.sh() + kh * s.dh()) * wp + j * s.sw();
            for (int kw = 0; kw < s.kw(); kw++) acc = Math.fma(pad[base + kw * s.dw()], packed[wAt + kh * s.kw() + kw], acc);
          }
          if (residual != null) acc += residual[row + j];
          y[row + j] = e.apply(acc);
        }
      }
    }
  }
}
