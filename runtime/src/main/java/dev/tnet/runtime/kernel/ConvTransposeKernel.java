package dev.tnet.runtime.kernel;

import static dev.tnet.runtime.kernel.Gemm.L;
import static dev.tnet.runtime.kernel.Gemm.NR;
import static dev.tnet.runtime.kernel.Gemm.S;

import dev.tnet.runtime.model.WorkerPool;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;

/**
 * A 2-D transposed convolution, in one of two ways. The {@link ConvShape} of a call is always that
 * of the equivalent ordinary convolution: stride 1 over the input with {@code stride - 1} zeros
 * inserted between elements ("upsampled", its {@code h, w}), leading padding {@code
 * dilation·(kernel - 1) - padding}, and the weight {@code [c, m/g, kh, kw]} transposed to {@code
 * [m, c/g, kh, kw]} and flipped in both spatial dims; the transposed stride {@code sh, sw} follows.
 *
 * <ul>
 *   <li>Sub-pixel ({@link #subPixel}: kernel = stride, no padding, no dilation, one group, output
 *       exactly {@code stride ×} the input): every output pixel gets exactly one tap, so it is a
 *       1×1 convolution (a GEMM on NCHW) to {@code m·kh·kw} rows {@code (oc, a, b)}, then an
 *       interleave {@code y[oc, i·sh + a, j·sw + b] = row (oc, a, b) at (i, j)}.
 *   <li>Otherwise the equivalent convolution itself: the zero-upsampled, padded input is written
 *       straight into {@link Conv2dKernel}'s layout and {@link Conv2dKernel} runs it.
 * </ul>
 *
 * Either way each output's sum runs in one k order whatever the thread count, bias and batch norm
 * are folded at packing, and the epilogue follows.
 */
public final class ConvTransposeKernel {
  private ConvTransposeKernel() {}

  /** The input height (or width) of an upsampled size {@code up} at {@code stride}. */
  static int inputSize(int up, int stride) {
    return (up - 1) / stride + 1;
  }

  /** Whether the call runs as a 1×1 GEMM and an interleave (see the class comment). */
  static boolean subPixel(ConvShape s, int sh, int sw) {
    return s.kh() == sh && s.kw() == sw && s.dh() == 1 && s.dw() == 1 && s.ph() == s.kh() - 1 && s.pw() == s.kw() - 1
        && s.groups() == 1 && s.oh() == inputSize(s.h(), sh) * sh && s.ow() == inputSize(s.w(), sw) * sw;
  }

  /** The 1×1 convolution of the sub-pixel form: {@code c} input channels to {@code m·kh·kw} rows, over the input's pixels. */
  private static ConvShape gemmShape(ConvShape s, int sh, int sw) {
    int h = inputSize(s.h(), sh), w = inputSize(s.w(), sw);
    return new ConvShape(s.n(), s.c(), h, w, s.m() * s.kh() * s.kw(), h, w, 1, 1, 1, 1, 0, 0, 1, 1, 1);
  }

  public static int packedSize(ConvShape s, int sh, int sw) {
    return Conv2dKernel.packedSize(subPixel(s, sh, sw) ? gemmShape(s, sh, sw) : s);
  }

  /** Packs {@code w [c, m/g, kh, kw]} with {@code fold} (per output channel) applied into {@code out}. */
  static void pack(ConvShape s, int sh, int sw, float[] w, Fold fold, float[] out) {
    int cg = s.cg(), mg = s.mg(), taps = s.kh() * s.kw();
    float[] t = new float[w.length];
    if (subPixel(s, sh, sw)) { // row (oc, a, b) of [m·taps, c]: w[ci, oc, a, b]
      double[] scale = new double[s.m() * taps], shift = new double[s.m() * taps];
      for (int oc = 0; oc < s.m(); oc++) {
        for (int k = 0; k < taps; k++) {
          scale[oc * taps + k] = fold.scale()[oc];
          shift[oc * taps + k] = fold.shift()[oc];
          for (int ci = 0; ci < s.c(); ci++) t[(oc * taps + k) * s.c() + ci] = w[(ci * s.m() + oc) * taps + k];
        }
      }
      Conv2dKernel.pack(gemmShape(s, sh, sw), t, new Fold(scale, shift), out);
      return;
    }
    for (int g = 0; g < s.groups(); g++) {
      for (int ci = 0; ci < cg; ci++) {
        for (int co = 0; co < mg; co++) {
          int from = ((g * cg + ci) * mg + co) * taps, to = ((g * mg + co) * cg + ci) * taps + taps - 1;
          for (int k = 0; k < taps; k++) t[to - k] = w[from + k];
        }
      }
    }
    Conv2dKernel.pack(s, t, fold, out);
  }

  /** {@code y = act(conv_transpose(x) + bias + residual)}; {@code residual} may be null. */
  public static void run(WorkerPool pool, ConvShape s, int sh, int sw, float[] x, float[] packed, float[] residual, Epilogue e,
      float[] y) {
    if (s.oh() == 0 || s.ow() == 0 || s.n() == 0) return;
    int h = inputSize(s.h(), sh), w = inputSize(s.w(), sw);
    if (subPixel(s, sh, sw)) {
      ConvShape g = gemmShape(s, sh, sw);
      float[] rows = Scratch.get().rows(g.outputSize());
      Conv2dKernel.run(pool, g, x, packed, null, Epilogue.NONE, rows);
      WorkerPool.Range body = (lo, hi) -> {
        for (int plane = lo; plane < hi; plane++) interleave(s, sh, sw, h, w, rows, residual, e, y, plane);
      };
      if (pool == null) body.run(0, s.n() * s.m());
      else pool.forRange(s.n() * s.m(), body);
      return;
    }
    Conv2dKernel.Phases ph = Conv2dKernel.Phases.of(s);
    float[] src = x;
    if (!ph.direct() || sh > 1 || sw > 1) { // a 1x1 kernel at stride 1 reads x itself
      float[] xp = Scratch.get().input(ph.size() + 2 * NR);
      WorkerPool.Range body = (lo, hi) -> {
        for (int plane = lo; plane < hi; plane++) fill(s, ph, sh, sw, h, w, x, plane * h * w, xp, plane * ph.channelSize());
      };
      if (pool == null) body.run(0, s.n() * s.c());
      else pool.forRange(s.n() * s.c(), body);
      src = xp;
    }
    Conv2dKernel.run(pool, s, ph, src, packed, residual, e, y);
  }

  /** Lane i takes lane i / 2: with {@link #ODD_LANES} from a second vector, the low halves of two vectors interleaved. */
  private static final VectorShuffle<Float> ZIP_LOW = VectorShuffle.fromOp(S, i -> i / 2);
  /** Lane i takes lane L / 2 + i / 2: the high halves interleaved. */
  private static final VectorShuffle<Float> ZIP_HIGH = VectorShuffle.fromOp(S, i -> L / 2 + i / 2);
  private static final VectorMask<Float> ODD_LANES = VectorMask.fromLong(S, 0xAAAA_AAAA_AAAA_AAAAL & ((1L << L) - 1));

  /** Output plane {@code plane = (img, oc)} of the sub-pixel form from its {@code sh·sw} GEMM rows, then the epilogue. */
  private static void interleave(ConvShape s, int sh, int sw, int h, int w, float[] rows, float[] residual, Epilogue e, float[] y,
      int plane) {
    int taps = sh * sw, ow = s.ow(), out = plane * s.oh() * ow;
    if (sw == 2) { // each output row zips two GEMM rows, a vector pair at a time; residual and epilogue while it is in cache
      for (int a = 0; a < sh; a++) {
        for (int i = 0; i < h; i++) {
          int r0 = (plane * taps + a * 2) * h * w + i * w, r1 = r0 + h * w, dst = out + (i * sh + a) * ow, j = 0;
          for (; j + L <= w; j += L) {
            FloatVector v0 = FloatVector.fromArray(S, rows, r0 + j), v1 = FloatVector.fromArray(S, rows, r1 + j);
            v0.rearrange(ZIP_LOW).blend(v1.rearrange(ZIP_LOW), ODD_LANES).intoArray(y, dst + 2 * j);
            v0.rearrange(ZIP_HIGH).blend(v1.rearrange(ZIP_HIGH), ODD_LANES).intoArray(y, dst + 2 * j + L);
          }
          for (; j < w; j++) {
            y[dst + 2 * j] = rows[r0 + j];
            y[dst + 2 * j + 1] = rows[r1 + j];
          }
          if (residual != null) for (int k = dst; k < dst + ow; k++) y[k] += residual[k];
          e.apply(y, dst, ow);
        }
      }
      return;
    }
    for (int a = 0; a < sh; a++) {
      for (int b = 0; b < sw; b++) {
        int from = (plane * taps + a * sw + b) * h * w;
        for (int i = 0; i < h; i++) {
          int src = from + i * w, dst = out + (i * sh + a) * ow + b;
          for (int j = 0; j < w; j++) y[dst + j * sw] = rows[src + j];
        }
      }
    }
    int size = s.oh() * ow;
    if (residual != null) for (int k = 0; k < size; k++) y[out + k] += residual[out + k];
    e.apply(y, out, size);
  }

  /** One channel of the zero-upsampled, padded input: padded row {@code r} is upsampled row {@code r - ph}. */
  private static void fill(ConvShape s, Conv2dKernel.Phases ph, int sh, int sw, int h, int w, float[] x, int from, float[] xp,
      int to) {
    int hq = ph.hq(), wq = ph.wq();
    java.util.Arrays.fill(xp, to, to + hq * wq, 0f);
    for (int ih = 0; ih < h; ih++) {
      int r = ih * sh + s.ph();
      if (r >= hq) break;
      int dst = to + r * wq + s.pw(), src = from + ih * w;
      for (int iw = 0, c = s.pw(); iw < w && c < wq; iw++, c += sw) xp[dst + iw * sw] = x[src + iw];
    }
  }
}
