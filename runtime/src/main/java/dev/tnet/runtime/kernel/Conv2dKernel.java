package dev.tnet.runtime.kernel;

import static dev.tnet.runtime.kernel.Gemm.MR;
import static dev.tnet.runtime.kernel.Gemm.S;

import dev.tnet.runtime.model.WorkerPool;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * Convolution as implicit GEMM: per image and group, {@code y[co, p] = sum over k of W[co, k] ·
 * col[k, p]}, where {@code k = (ci, kh, kw)} and {@code col} is the input patch of output pixel
 * {@code p} (im2col), built one tile of {@link Gemm#NR} pixels by {@link Gemm#KC} taps at a time
 * in a thread's scratch block and never materialised whole. A 1×1, stride-1, unpadded
 * convolution copies rows of {@code x} (it is a plain GEMM on NCHW).
 *
 * <p>Weights are packed once ({@link #pack}): per group, panels of {@link Gemm#MR} output
 * channels {@code [K][MR]}, batch norm folded in, then the folded bias of every channel. Work
 * items are (image, group, pixel tile, chunk of channel panels), split over the pool.
 */
public final class Conv2dKernel {
  private Conv2dKernel() {}

  public static int packedSize(ConvShape s) {
    return s.groups() * Gemm.panels(s.mg()) * MR * s.k() + s.m();
  }

  /** Packs {@code w [m, cg, kh, kw]} with {@code fold} applied into {@code out}. */
  static void pack(ConvShape s, float[] w, Fold fold, float[] out) {
    int k = s.k(), mg = s.mg(), panels = Gemm.panels(mg);
    java.util.Arrays.fill(out, 0f);
    for (int g = 0; g < s.groups(); g++) {
      for (int co = 0; co < mg; co++) {
        int oc = g * mg + co, base = (g * panels + co / MR) * k * MR + co % MR;
        for (int kk = 0; kk < k; kk++) out[base + kk * MR] = fold.weight(oc, w[oc * k + kk]);
      }
    }
    int biasAt = s.groups() * panels * MR * k;
    for (int oc = 0; oc < s.m(); oc++) out[biasAt + oc] = fold.bias(oc);
  }

  /** {@code y = act(conv(x) + bias + residual)}; {@code residual} may be null. */
  public static void run(WorkerPool pool, ConvShape s, float[] x, float[] packed, float[] residual, Epilogue e, float[] y) {
    int pixels = s.oh() * s.ow(), tiles = Gemm.tiles(pixels), panels = Gemm.panels(s.mg());
    if (pixels == 0 || s.n() == 0) return;
    int outer = s.n() * s.groups() * tiles, threads = pool == null ? 1 : pool.threads();
    // Split channel panels only as far as needed to give every thread a few items.
    int chunks = Math.min(panels, Math.max(1, (4 * threads + outer - 1) / outer));
    WorkerPool.Range body = (lo, hi) -> {
      for (int item = lo; item < hi; item++) {
        int chunk = item % chunks, rest = item / chunks, t = rest % tiles, ng = rest / tiles;
        tile(s, x, packed, residual, e, y, ng / s.groups(), ng % s.groups(), t,
            (int) ((long) panels * chunk / chunks), (int) ((long) panels * (chunk + 1) / chunks));
      }
    };
    if (pool == null) body.run(0, outer * chunks);
    else pool.forRange(outer * chunks, body);
  }

  private static void tile(ConvShape s, float[] x, float[] packed, float[] residual, Epilogue e, float[] y, int img, int g,
      int t, int p0, int p1) {
    int pixels = s.oh() * s.ow(), j0 = Gemm.tileStart(t), nr = Gemm.tileWidth(pixels, j0), valid = Math.min(nr, pixels - j0);
    int k = s.k(), mg = s.mg(), panels = Gemm.panels(mg);
    Scratch scratch = Scratch.get();
    float[] b = scratch.b(Gemm.KC * nr), strip = scratch.strip((p1 - p0) * MR * nr);
    Gemm.multiply(packed, g * panels * MR * k, k, p0, p1, nr, b, (k0, kc, blk) -> im2col(s, x, img, g, k0, kc, j0, valid, nr, blk), strip);
    int biasAt = s.groups() * panels * MR * k;
    for (int p = p0; p < p1; p++) {
      for (int r = 0; r < MR; r++) {
        int co = p * MR + r;
        if (co >= mg) break;
        int oc = g * mg + co;
        store(strip, ((p - p0) * MR + r) * nr, packed[biasAt + oc], residual, y, (img * s.m() + oc) * pixels + j0, valid, e);
      }
    }
  }

  /** {@code y[at + j] = act(strip[from + j] + bias + residual[at + j])} for {@code j < count}. */
  static void store(float[] strip, int from, float bias, float[] residual, float[] y, int at, int count, Epilogue e) {
    for (int j = 0; j < count; j += S.length()) {
      VectorMask<Float> m = S.indexInRange(j, count);
      FloatVector v = FloatVector.fromArray(S, strip, from + j).add(bias);
      if (residual != null) v = v.add(FloatVector.fromArray(S, residual, at + j, m));
      e.apply(v).intoArray(y, at + j, m);
    }
  }

  /**
   * Rows {@code k0 .. k0+kc} of the patch matrix of pixels {@code j0 .. j0+valid} (zero beyond
   * {@code valid}, up to {@code nr}) into {@code b} as {@code [kc][nr]}.
   */
  static void im2col(ConvShape s, float[] x, int img, int g, int k0, int kc, int j0, int valid, int nr, float[] b) {
    int taps = s.kh() * s.kw(), ow = s.ow(), h = s.h(), w = s.w();
    boolean plain = taps == 1 && s.sh() == 1 && s.sw() == 1 && s.ph() == 0 && s.pw() == 0;
    for (int kk = k0; kk < k0 + kc; kk++) {
      int ci = kk / taps, tap = kk % taps, kh = tap / s.kw(), kw = tap % s.kw();
      int plane = ((img * s.c()) + g * s.cg() + ci) * h * w, row = (kk - k0) * nr;
      if (plain) {
        System.arraycopy(x, plane + j0, b, row, valid);
      } else {
        for (int j = 0, p = j0; j < valid; ) {
          int oh = p / ow, ow0 = p % ow, len = Math.min(ow - ow0, valid - j), dst = row + j;
          int ih = oh * s.sh() - s.ph() + kh * s.dh();
          if (ih < 0 || ih >= h) {
            java.util.Arrays.fill(b, dst, dst + len, 0f);
          } else {
            int src = plane + ih * w, iw0 = ow0 * s.sw() - s.pw() + kw * s.dw();
            if (s.sw() == 1) {
              int lo = Math.min(len, Math.max(0, -iw0)), hi = Math.max(lo, Math.min(len, w - iw0));
              java.util.Arrays.fill(b, dst, dst + lo, 0f);
              if (hi > lo) System.arraycopy(x, src + iw0 + lo, b, dst + lo, hi - lo);
              java.util.Arrays.fill(b, dst + hi, dst + len, 0f);
            } else {
              for (int q = 0, iw = iw0; q < len; q++, iw += s.sw()) b[dst + q] = iw >= 0 && iw < w ? x[src + iw] : 0f;
            }
          }
          j += len;
          p += len;
        }
      }
      java.util.Arrays.fill(b, row + valid, row + nr, 0f);
    }
  }
}
