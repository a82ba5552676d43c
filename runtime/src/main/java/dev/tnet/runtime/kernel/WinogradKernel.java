package dev.tnet.runtime.kernel;

import static dev.tnet.runtime.kernel.Gemm.L;
import static dev.tnet.runtime.kernel.Gemm.MR;
import static dev.tnet.runtime.kernel.Gemm.NR;
import static dev.tnet.runtime.kernel.Gemm.S;

import dev.tnet.runtime.model.WorkerPool;
import jdk.incubator.vector.FloatVector;

/**
 * A 3×3, stride-1, undilated, ungrouped convolution by Winograd's minimal filtering F(2×2, 3×3)
 * (Lavin and Gray, "Fast Algorithms for Convolutional Neural Networks", 2016): each 2×2 block of
 * outputs (a tile) is {@code Aᵀ [Σ_ci (G g Gᵀ) ⊙ (Bᵀ d B)] A} over its 4×4 input patch {@code d},
 * 16 multiply-adds per input channel where direct convolution takes 36. The 16 element-wise
 * products, summed over input channels, are 16 independent GEMMs ({@code [m × c] · [c × tiles]}),
 * which run on {@link Gemm#microWide} like every other conv.
 *
 * <p>Weights are transformed once ({@link #pack}, in double, rounded once): per position {@code
 * pos < 16} of the 4×4 transform, panels {@code [c][MR]} of {@link Gemm#MR} output channels, then
 * the folded bias. A call copies each input channel into a zero-padded plane split into even and
 * odd columns (a stride-phase copy, {@link WinogradTiles#phases}); then per work item (image, block of {@link Gemm#NR} tiles, chunk of
 * channel panels) transforms the block's tiles into the B panels {@code [pos][c][NR]} of its 16
 * GEMMs ({@link #transformBlock}, vectors of {@link Gemm#L} consecutive tiles), multiplies,
 * transforms back, adds bias and residual, applies the epilogue and stores ({@link #multiply}).
 * When blocks are too few to keep every thread busy, items also split the channel panels, and the
 * blocks are transformed once for all of them first. Tiles are numbered row-major over the output's tile grid;
 * vectors of tiles that cross a tile row (or the output's edge) are read and written by the
 * {@link WinogradTiles.Segment}s their lanes fall in.
 *
 * <p>Accuracy: the input and output transforms only add and subtract (at most three terms per
 * value), and the weight transform is computed in double and rounded once, so each output carries
 * a few more roundings than a direct sum: against the direct kernel on random layers the worst
 * difference was 5.5e-8 · K · (1 + |y|), about 2⁻²⁴ per term, within the error spec the tests hold
 * every kernel to. Its sums are in a fixed order, whatever the thread count.
 */
public final class WinogradKernel {
  /** Positions of the 4×4 transform of a tile. */
  static final int POS = 16;
  /**
   * Channel panels multiplied together, position by position, so that each position's B panel is
   * read from L1 by all of them (their sums, 32 KB, are read back at once). Measured at one
   * thread, alternating JVMs: 64→64 at 56² 2.12-2.16 ms with one panel at a time, 2.01-2.13 with
   * 8; 128→128 at 28², 1.91-1.98 and 1.83-1.89.
   */
  static final int PANEL_GROUP = 8;

  private WinogradKernel() {}

  /** Whether this kernel computes {@code s}: 3×3, stride 1, dilation 1, one group. */
  public static boolean applies(ConvShape s) {
    return s.kh() == 3 && s.kw() == 3 && s.sh() == 1 && s.sw() == 1 && s.dh() == 1 && s.dw() == 1 && s.groups() == 1;
  }

  /**
   * Whether this kernel beats {@link Conv2dKernel} on a layer it {@link #applies} to, with {@code
   * c} input and {@code m} output channels and an {@code oh × ow} output: enough channels on both
   * sides that its 16 GEMMs are not dominated by the transforms (measured, 1 thread: 16→16 at 160²
   * 2.1 ms direct, 2.2 Winograd; 16→32 at 80² 0.99 against 0.78; 3→16 0.12 against 0.13; 64→64 at
   * 56² 2.9 against 2.1), and tiles that fill its blocks of {@link Gemm#NR} well enough that it
   * still does fewer multiply-adds, counting its transforms as 20 % more: 256 per block of 16 tiles
   * against 9 per output pixel, pixels in tiles of 16 (a 7×7 plane: one block, 256 against 576; 4×4:
   * 256 against 144).
   */
  public static boolean worthIt(int c, int m, int oh, int ow) {
    long blocks = ((long) (oh + 1) / 2 * ((ow + 1) / 2) + NR - 1) / NR, pixelTiles = ((long) oh * ow + NR - 1) / NR;
    boolean packable = (long) POS * (m + MR) * c < Integer.MAX_VALUE; // its packed weights, 16/9 of direct's, fit an array
    return c >= 16 && m >= 16 && (long) c * m >= 512 && packable && 12 * POS * NR * blocks < 10 * 9 * NR * pixelTiles;
  }

  public static int packedSize(ConvShape s) {
    return POS * Gemm.panels(s.m()) * MR * s.c() + s.m();
  }

  /** Packs {@code w [m, c, 3, 3]} with {@code fold} applied into {@code out}: {@code U = G g Gᵀ} per channel pair. */
  static void pack(ConvShape s, float[] w, Fold fold, float[] out) {
    int c = s.c(), panels = Gemm.panels(s.m());
    java.util.Arrays.fill(out, 0f);
    double[] g = new double[9], t = new double[12], u = new double[POS];
    for (int oc = 0; oc < s.m(); oc++) {
      for (int ci = 0; ci < c; ci++) {
        for (int i = 0; i < 9; i++) g[i] = fold.weight(oc, w[(oc * c + ci) * 9 + i]);
        for (int j = 0; j < 3; j++) { // t = G g, G = [1 0 0; ½ ½ ½; ½ -½ ½; 0 0 1]
          t[j] = g[j];
          t[3 + j] = (g[j] + g[3 + j] + g[6 + j]) / 2;
          t[6 + j] = (g[j] - g[3 + j] + g[6 + j]) / 2;
          t[9 + j] = g[6 + j];
        }
        for (int i = 0; i < 4; i++) { // u = t Gᵀ
          u[4 * i] = t[3 * i];
          u[4 * i + 1] = (t[3 * i] + t[3 * i + 1] + t[3 * i + 2]) / 2;
          u[4 * i + 2] = (t[3 * i] - t[3 * i + 1] + t[3 * i + 2]) / 2;
          u[4 * i + 3] = t[3 * i + 2];
        }
        for (int pos = 0; pos < POS; pos++) out[((pos * panels + oc / MR) * c + ci) * MR + oc % MR] = (float) u[pos];
      }
    }
    int biasAt = POS * panels * MR * c;
    for (int oc = 0; oc < s.m(); oc++) out[biasAt + oc] = fold.bias(oc);
  }

  /** {@code y = act(conv(x) + bias + residual)}; {@code residual} may be null. */
  public static void run(WorkerPool pool, ConvShape s, float[] x, float[] packed, float[] residual, Epilogue e, float[] y) {
    if (s.oh() == 0 || s.ow() == 0 || s.n() == 0) return;
    WinogradTiles t = WinogradTiles.of(s);
    // Every channel's zero-padded plane, even and odd columns apart.
    float[] planes = t.phases(s).fill(pool, x, Scratch.get().input(t.planesFloats(s.n())), WinogradTiles.FRONT);
    int panels = Gemm.panels(s.m()), outer = s.n() * t.blocks, threads = pool == null ? 1 : pool.threads();
    // Split channel panels only as far as needed to give every thread a few items; then the
    // items share each block's transformed input, made once for the layer first.
    int chunks = Math.min(panels, Math.max(1, (4 * threads + outer - 1) / outer));
    float[] shared = chunks > 1 ? transformAll(pool, s, t, planes, Scratch.get().columns(outer * t.blockFloats())) : null;
    Epilogue.Inline inline = e.inline();
    WorkerPool.Range body = (lo, hi) -> {
      Scratch scratch = Scratch.get();
      float[] m = scratch.strip(PANEL_GROUP * POS * MR * NR), lanes = scratch.b(4 * L), patch = scratch.rows(2 * POS * L);
      float[] own = shared == null ? scratch.other(t.blockFloats()) : null;
      for (int item = lo; item < hi; item++) {
        int chunk = item % chunks, rest = item / chunks, block = rest % t.blocks, img = rest / t.blocks;
        float[] v = own == null ? shared : own;
        int at = own == null ? rest * t.blockFloats() : 0;
        if (own != null) transformBlock(s, t, planes, img, block, own, 0, patch);
        int from = (int) ((long) panels * chunk / chunks), to = (int) ((long) panels * (chunk + 1) / chunks);
        multiply(s, t, v, at, packed, residual, e, inline, y, img, block, from, to, m, lanes);
      }
    };
    if (pool == null) body.run(0, outer * chunks);
    else pool.forRange(outer * chunks, body);
  }

  /** {@link #transformBlock} of every block of every image into {@code v}, block after block; one block per pool item. */
  static float[] transformAll(WorkerPool pool, ConvShape s, WinogradTiles t, float[] planes, float[] v) {
    WorkerPool.Range body = (lo, hi) -> {
      float[] patch = Scratch.get().rows(2 * POS * L);
      for (int item = lo; item < hi; item++) transformBlock(s, t, planes, item / t.blocks, item % t.blocks, v, item * t.blockFloats(), patch);
    };
    if (pool == null) body.run(0, s.n() * t.blocks);
    else pool.forRange(s.n() * t.blocks, body);
    return v;
  }

  /**
   * {@code Bᵀ d B} of one block's tiles, every input channel, into {@code v} from {@code to}: the B
   * panels {@code [pos][c][NR]} of its 16 GEMMs. A vector whose lanes lie in several tile rows (or
   * past the last tile) is transformed once per segment, its lanes blended in ({@code patch}:
   * {@code 2 · 16 · L} floats of scratch); tiles past the last are zero.
   */
  static void transformBlock(ConvShape s, WinogradTiles t, float[] planes, int img, int block, float[] v, int to, float[] patch) {
    int c = s.c(), stride = c * NR, channel = 2 * t.phase();
    for (int half = 0; half < NR / L; half++) {
      int vec = block * (NR / L) + half, first = vec < t.vectors ? t.segFirst[vec] : 0, last = vec < t.vectors ? t.segFirst[vec + 1] : 0;
      WinogradTiles.Segment seg = last > first ? t.segments[first] : null;
      boolean full = last - first == 1 && seg.full();
      for (int ci = 0; ci < c; ci++) {
        int plane = WinogradTiles.FRONT + (img * c + ci) * channel, out = to + ci * NR + half * L;
        if (full) {
          transform(planes, plane + seg.inputAt(), t.wq, t.phase(), v, out, stride);
          continue;
        }
        java.util.Arrays.fill(patch, POS * L, 2 * POS * L, 0f);
        for (int i = first; i < last; i++) {
          transform(planes, plane + t.segments[i].inputAt(), t.wq, t.phase(), patch, 0, L);
          for (int pos = 0; pos < POS; pos++) {
            FloatVector.fromArray(S, patch, POS * L + pos * L)
                .blend(FloatVector.fromArray(S, patch, pos * L), t.segments[i].lanes()).intoArray(patch, POS * L + pos * L);
          }
        }
        for (int pos = 0; pos < POS; pos++) FloatVector.fromArray(S, patch, POS * L + pos * L).intoArray(v, out + pos * stride);
      }
    }
  }

  /**
   * {@code Bᵀ d B} for {@link Gemm#L} consecutive tiles of one tile row, whose first 4×4 patch
   * starts at {@code xp[at]} in the plane's even-column phase (its odd columns {@code phase} floats
   * on, rows {@code wq} apart; tile {@code l}'s patch {@code l} columns on in each phase): position
   * {@code pos} into {@code out[to + pos * stride]}. {@code Bᵀ = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1
   * 0 -1]}, along columns (patch columns 0..3: even, odd, even + 1, odd + 1), then along rows.
   */
  static void transform(float[] xp, int at, int wq, int phase, float[] out, int to, int stride) {
    int r1 = at + wq, r2 = r1 + wq, r3 = r2 + wq;
    FloatVector d0 = FloatVector.fromArray(S, xp, r1), d1 = FloatVector.fromArray(S, xp, r1 + phase);
    FloatVector d2 = FloatVector.fromArray(S, xp, r1 + 1), d3 = FloatVector.fromArray(S, xp, r1 + phase + 1);
    FloatVector a0 = d0.sub(d2), a1 = d1.add(d2), a2 = d2.sub(d1), a3 = d1.sub(d3); // row 1
    d0 = FloatVector.fromArray(S, xp, r2);
    d1 = FloatVector.fromArray(S, xp, r2 + phase);
    d2 = FloatVector.fromArray(S, xp, r2 + 1);
    d3 = FloatVector.fromArray(S, xp, r2 + phase + 1);
    FloatVector b0 = d0.sub(d2), b1 = d1.add(d2), b2 = d2.sub(d1), b3 = d1.sub(d3); // row 2
    a0.add(b0).intoArray(out, to + 4 * stride); // V row 1 = row 1 + row 2
    a1.add(b1).intoArray(out, to + 5 * stride);
    a2.add(b2).intoArray(out, to + 6 * stride);
    a3.add(b3).intoArray(out, to + 7 * stride);
    b0.sub(a0).intoArray(out, to + 8 * stride); // V row 2 = row 2 - row 1
    b1.sub(a1).intoArray(out, to + 9 * stride);
    b2.sub(a2).intoArray(out, to + 10 * stride);
    b3.sub(a3).intoArray(out, to + 11 * stride);
    d0 = FloatVector.fromArray(S, xp, at);
    d1 = FloatVector.fromArray(S, xp, at + phase);
    d2 = FloatVector.fromArray(S, xp, at + 1);
    d3 = FloatVector.fromArray(S, xp, at + phase + 1);
    d0.sub(d2).sub(b0).intoArray(out, to); // V row 0 = row 0 - row 2
    d1.add(d2).sub(b1).intoArray(out, to + stride);
    d2.sub(d1).sub(b2).intoArray(out, to + 2 * stride);
    d1.sub(d3).sub(b3).intoArray(out, to + 3 * stride);
    d0 = FloatVector.fromArray(S, xp, r3);
    d1 = FloatVector.fromArray(S, xp, r3 + phase);
    d2 = FloatVector.fromArray(S, xp, r3 + 1);
    d3 = FloatVector.fromArray(S, xp, r3 + phase + 1);
    a0.sub(d0.sub(d2)).intoArray(out, to + 12 * stride); // V row 3 = row 1 - row 3
    a1.sub(d1.add(d2)).intoArray(out, to + 13 * stride);
    a2.sub(d2.sub(d1)).intoArray(out, to + 14 * stride);
    a3.sub(d1.sub(d3)).intoArray(out, to + 15 * stride);
  }

  /**
   * Channel panels {@code from .. to} of one block: per panel, the 16 products {@code U[pos] ·
   * V[pos]} summed over input channels ({@link Gemm#microWide}; {@code v} from {@code at} holds the
   * block's {@code [pos][c][NR]}), into {@code m}, then {@link #finish}.
   */
  static void multiply(ConvShape s, WinogradTiles t, float[] v, int at, float[] packed, float[] residual, Epilogue e, Epilogue.Inline inline,
      float[] y, int img, int block, int from, int to, float[] m, float[] lanes) {
    int c = s.c(), panels = Gemm.panels(s.m());
    for (int group = from; group < to; group += PANEL_GROUP) {
      int end = Math.min(to, group + PANEL_GROUP);
      for (int pos = 0; pos < POS; pos++) {
        for (int panel = group; panel < end; panel++) {
          Gemm.microWide(packed, (pos * panels + panel) * c * MR, v, at + pos * c * NR, c, m, ((panel - group) * POS + pos) * MR * NR, NR, false);
        }
      }
      for (int panel = group; panel < end; panel++) {
        finish(s, t, m, (panel - group) * POS * MR * NR, packed, POS * panels * MR * c, residual, e, inline, y, img, block, panel, lanes);
      }
    }
  }

  /**
   * One panel's rows of one block back from the transform domain, {@code Aᵀ M A} with {@code Aᵀ =
   * [1 1 1 0; 0 1 -1 -1]} ({@code m[pos][row][NR]}), plus bias and residual, through the epilogue,
   * into {@code y}: per vector of tiles, per tile row its lanes fall in, two output rows of
   * {@code 2 L} columns (the tiles' two columns interleaved), stored under masks where lanes or
   * columns are not the segment's.
   */
  private static void finish(ConvShape s, WinogradTiles t, float[] m, int mAt, float[] packed, int biasAt, float[] residual, Epilogue e,
      Epilogue.Inline inline, float[] y, int img, int block, int panel, float[] lanes) {
    for (int half = 0; half < NR / L; half++) {
      int vec = (block * NR + half * L) / L;
      if (vec >= t.vectors) break;
      for (int r = 0; r < MR && panel * MR + r < s.m(); r++) {
        int oc = panel * MR + r, at = mAt + r * NR + half * L, rs = MR * NR;
        // Aᵀ M column by column (M[i][j] is position 4i + j): t0j = M0j + M1j + M2j, t1j = M1j - M2j - M3j.
        FloatVector m1 = FloatVector.fromArray(S, m, at + 4 * rs), m2 = FloatVector.fromArray(S, m, at + 8 * rs);
        FloatVector t00 = FloatVector.fromArray(S, m, at).add(m1).add(m2), t10 = m1.sub(m2).sub(FloatVector.fromArray(S, m, at + 12 * rs));
        m1 = FloatVector.fromArray(S, m, at + 5 * rs);
        m2 = FloatVector.fromArray(S, m, at + 9 * rs);
        FloatVector t01 = FloatVector.fromArray(S, m, at + rs).add(m1).add(m2), t11 = m1.sub(m2).sub(FloatVector.fromArray(S, m, at + 13 * rs));
        m1 = FloatVector.fromArray(S, m, at + 6 * rs);
        m2 = FloatVector.fromArray(S, m, at + 10 * rs);
        FloatVector t02 = FloatVector.fromArray(S, m, at + 2 * rs).add(m1).add(m2), t12 = m1.sub(m2).sub(FloatVector.fromArray(S, m, at + 14 * rs));
        m1 = FloatVector.fromArray(S, m, at + 7 * rs);
        m2 = FloatVector.fromArray(S, m, at + 11 * rs);
        FloatVector t03 = FloatVector.fromArray(S, m, at + 3 * rs).add(m1).add(m2), t13 = m1.sub(m2).sub(FloatVector.fromArray(S, m, at + 15 * rs));
        float bias = packed[biasAt + oc];
        FloatVector y00 = t00.add(t01).add(t02).add(bias), y01 = t01.sub(t02).sub(t03).add(bias);
        FloatVector y10 = t10.add(t11).add(t12).add(bias), y11 = t11.sub(t12).sub(t13).add(bias);
        // Each output row's 2 L columns, tile l's two at 2l and 2l + 1: lanes[0 .. 2L) row 0, [2L .. 4L) row 1.
        y00.rearrange(WinogradTiles.ZIP_LOW).blend(y01.rearrange(WinogradTiles.ZIP_LOW), WinogradTiles.ODD).intoArray(lanes, 0);
        y00.rearrange(WinogradTiles.ZIP_HIGH).blend(y01.rearrange(WinogradTiles.ZIP_HIGH), WinogradTiles.ODD).intoArray(lanes, L);
        y10.rearrange(WinogradTiles.ZIP_LOW).blend(y11.rearrange(WinogradTiles.ZIP_LOW), WinogradTiles.ODD).intoArray(lanes, 2 * L);
        y10.rearrange(WinogradTiles.ZIP_HIGH).blend(y11.rearrange(WinogradTiles.ZIP_HIGH), WinogradTiles.ODD).intoArray(lanes, 3 * L);
        int plane = (img * s.m() + oc) * s.oh() * s.ow();
        for (int i = t.segFirst[vec]; i < t.segFirst[vec + 1]; i++) {
          WinogradTiles.Segment seg = t.segments[i];
          store(seg, lanes, 0, residual, inline, e, y, plane + 2 * seg.row() * s.ow());
          if (2 * seg.row() + 1 < s.oh()) store(seg, lanes, 2 * L, residual, inline, e, y, plane + (2 * seg.row() + 1) * s.ow());
        }
      }
    }
  }

  /**
   * One output row of a segment from its {@code 2 L} interleaved columns at {@code lanes[from]},
   * plus the residual, through the epilogue, into the row at {@code row} from the segment's first
   * column: as two vectors when the segment fills them, else one by one.
   */
  private static void store(WinogradTiles.Segment seg, float[] lanes, int from, float[] residual, Epilogue.Inline inline, Epilogue e,
      float[] y, int row) {
    if (seg.whole()) {
      int at = row + seg.outputAt();
      FloatVector lo = FloatVector.fromArray(S, lanes, from), hi = FloatVector.fromArray(S, lanes, from + L);
      if (residual != null) {
        lo = lo.add(FloatVector.fromArray(S, residual, at));
        hi = hi.add(FloatVector.fromArray(S, residual, at + L));
      }
      if (inline != null) {
        lo = inline.apply(lo);
        hi = inline.apply(hi);
      }
      lo.intoArray(y, at);
      hi.intoArray(y, at + L);
      if (inline == null) e.apply(y, at, 2 * L);
      return;
    }
    int at = row + seg.firstColumn(), first = from + 2 * seg.laneLo(), n = seg.columns();
    if (residual == null) System.arraycopy(lanes, first, y, at, n);
    else for (int k = 0; k < n; k++) y[at + k] = lanes[first + k] + residual[at + k];
    e.apply(y, at, n);
  }
}
