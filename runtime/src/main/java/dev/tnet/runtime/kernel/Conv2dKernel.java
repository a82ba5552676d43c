package dev.tnet.runtime.kernel;

import static dev.tnet.runtime.kernel.Gemm.L;
import static dev.tnet.runtime.kernel.Gemm.MR;
import static dev.tnet.runtime.kernel.Gemm.NR;
import static dev.tnet.runtime.kernel.Gemm.S;

import dev.tnet.runtime.model.WorkerPool;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;

/**
 * Convolution as a GEMM read straight from the input, without im2col: per image and group,
 * {@code y[co, p] = sum over k of W[co, k] · x[patch of p, k]}, {@code k = (ci, kh, kw)}.
 *
 * <p>The input is first rewritten once into a zero-padded, stride-phase layout ({@link Phases}):
 * per channel, {@code [sh][sw][hq][wq]} where phase {@code (a, b)} holds padded rows {@code r·sh
 * + a} and columns {@code q·sw + b}. Output pixel {@code (oh, ow)} is then numbered {@code q = oh
 * · wq + ow}, and tap {@code k} of every pixel sits at {@code q + off[k]} for one offset per tap:
 * the B operand of a tile of consecutive {@code q} is one contiguous run per tap, copied into a
 * packed panel per K block (by the tile's first channel panel as it reads the taps, or by {@link
 * #gather}). The columns {@code ow >= OW} of that numbering are computed and dropped (a few
 * percent: {@code wq - OW} is about {@code (kw - 1) / sw}); layers with many channel panels over
 * small planes, where that is more, tile output pixels instead
 * ({@link #pixelTiles}). A 1×1, stride-1, unpadded convolution reads {@code x} itself.
 *
 * <p>Weights are packed once ({@link #pack}): per group, panels of {@link Gemm#MR} output
 * channels {@code [K][MR]}, batch norm folded in, then the folded bias of every channel. Work
 * items are (image, group, run of {@link #tileGroup} tiles of {@code q}, chunk of channel panels), split over the pool; each
 * output's K sum runs whole in registers, in k order (a pixel tile's last pixels computed alone:
 * in four vectors of partial sums, {@link Gemm#microColumn}), whatever the thread count.
 */
public final class Conv2dKernel {
  /** K steps per block (tnet.kc overrides, for tuning). */
  static final int KC = Integer.getInteger("tnet.kc", 1024);

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
    if (s.oh() == 0 || s.ow() == 0 || s.n() == 0) return;
    Phases ph = Phases.of(s);
    float[] src = ph.direct() ? x : ph.fill(pool, x, Scratch.get().input(ph.size() + 2 * NR));
    run(pool, s, ph, src, packed, residual, e, y);
  }

  /** {@link #run} on an input already in {@code ph}'s layout ({@code src} has {@code 2 * NR} floats of slack past it). */
  static void run(WorkerPool pool, ConvShape s, Phases ph, float[] src, float[] packed, float[] residual, Epilogue e, float[] y) {
    int[] off = ph.offsets();
    int panels = Gemm.panels(s.mg()), pixels = s.oh() * s.ow(), padded = (s.oh() - 1) * ph.wq() + s.ow();
    boolean pixelTiles = pixelTiles(s, ph.direct());
    int q = pixelTiles ? pixels : padded, tiles = Gemm.tiles(q);
    int group = tileGroup(s), wide = (tiles + group - 1) / group;
    int outer = s.n() * s.groups() * wide, threads = pool == null ? 1 : pool.threads();
    // Split channel panels only as far as needed to give every thread a few items.
    int chunks = Math.min(panels, Math.max(1, (4 * threads + outer - 1) / outer));
    // Pixel tiles' B panels: gathered for the whole layer first when several work items share each
    // tile (chunks of its channel panels), else by the one work item, per K block (they stay in cache).
    float[] shared = pixelTiles && chunks > 1
        ? gatherPixels(pool, s, ph, src, off, Scratch.get().columns(s.n() * s.groups() * tiles * s.k() * NR)) : null;
    WorkerPool.Range body = (lo, hi) -> {
      for (int item = lo; item < hi; item++) {
        int chunk = item % chunks, rest = item / chunks, t = rest % wide * group, ng = rest / wide;
        tile(s, ph, src, off, q, pixelTiles, shared, packed, residual, e, y, ng / s.groups(), ng % s.groups(), t,
            Math.min(tiles, t + group), (int) ((long) panels * chunk / chunks), (int) ((long) panels * (chunk + 1) / chunks));
      }
    };
    if (pool == null) body.run(0, outer * chunks);
    else pool.forRange(outer * chunks, body);
  }

  /**
   * Whether the layer's tiles are of output pixels rather than of the padded layout's columns
   * ({@code q}, which compute {@code wq - OW} dropped columns per row), the panels of every tile
   * within {@link #PIXEL_TILE_FLOATS} (gathered pixel by pixel: {@link #gatherPixelTile}): with at
   * least {@link #PIXEL_TILE_PANELS} channel panels to share each tile's B panel, when that saves
   * at least 5 % of the micro-kernels' work ({@link #cost}; small planes: ResNet-18's 7×7 stage
   * computes 64 columns for 49 pixels, as pixels 48 and one pixel alone); strided layers with
   * fewer, when it saves any (see the code).
   */
  static boolean pixelTiles(ConvShape s, boolean readsInputItself) {
    return !readsInputItself && pixelTiles(s.n(), s.groups(), s.k(), s.mg(), s.oh(), s.ow(), s.kw(), s.sw(), s.dw());
  }

  /**
   * {@link #pixelTiles(ConvShape, boolean)} by the numbers that decide it (for --explain): images,
   * groups, reduction length, output channels per group, output plane, and the kernel width,
   * stride and dilation along it.
   */
  public static boolean pixelTiles(long n, int groups, int k, int outChannelsPerGroup, int oh, int ow, int kw, int sw, int dw) {
    if (oh < 1 || ow < 1) return false;
    int wq = Phases.length(ow, kw, sw, dw), pixels = oh * ow, padded = (oh - 1) * wq + ow, panels = Gemm.panels(outChannelsPerGroup);
    if (n * groups * Gemm.tiles(pixels) * k * NR > PIXEL_TILE_FLOATS) return false;
    if (panels >= PIXEL_TILE_PANELS) return 20L * cost(pixels, true) <= 19L * cost(padded, false);
    // Strided, past tapsInPlace: a tile's taps lie in sh · sw phases, and the first channel panel's
    // copy of them (Gemm.microTapsCopy) runs at a third of the wide rate (a fifth of layer2.0.conv1's
    // time for 1/32 of its work); a pixel tile's gather costs less. In-JVM A/B, ResNet-18, 1 and 2
    // threads: conv1 (7×7/2, 16 panels) -11 / -19 %, layer2.0.conv1 (3×3/2) -4 / -10 %. At stride
    // 1 the fused copy wins: layer1's 3×3 convs as pixel tiles were 2-4 % slower.
    return sw > 1 && !tapsInPlace(outChannelsPerGroup, false) && cost(pixels, true) < cost(padded, false);
  }

  static final int PIXEL_TILE_PANELS = 32;
  static final long PIXEL_TILE_FLOATS = 1L << 23;

  /**
   * What the micro-kernels spend on {@code n} columns of B, in columns of wide tiles: a narrow last
   * tile computes its {@link Gemm#NR_SMALL} columns at about half their rate, and (pixel tiles) a
   * last tile computed pixel by pixel ({@link #pixelColumns}) costs about 5 columns a pixel.
   * Measured on ResNet-18's 7×7 3×3 convs (async-profiler, 1 thread): 48 wide columns 67 % of the
   * time, the narrow tile 20 %, its one pixel alone 6-8 %.
   */
  private static int cost(int n, boolean pixelTiles) {
    int last = Gemm.tiles(n) - 1, full = last * Gemm.NR;
    if (Gemm.tileWidth(n, Gemm.tileStart(last)) == Gemm.NR) return full + Gemm.NR;
    return full + (pixelTiles && pixelColumns(n, last) > 0 ? 5 * pixelColumns(n, last) : 2 * Gemm.NR_SMALL);
  }

  /**
   * The B panels of every pixel tile, {@code [n][groups][tile][K][nr]} at a stride of {@code K * NR}
   * per tile: row {@code kk} of tile {@code t} holds tap {@code kk} of pixels {@code t * NR ..},
   * at {@code src[channel + off[kk] + (p / OW) * wq + p % OW]}; pixels past the plane repeat pixel 0
   * (their columns are dropped). See {@link #gatherPixelTile} for how each vector of pixels is read.
   */
  static float[] gatherPixels(WorkerPool pool, ConvShape s, Phases ph, float[] src, int[] off, float[] panels) {
    int tiles = Gemm.tiles(s.oh() * s.ow()), k = s.k();
    WorkerPool.Range body = (lo, hi) -> {
      int[] pos = new int[NR];
      for (int item = lo; item < hi; item++) {
        int t = item % tiles, ng = item / tiles;
        int base = ph.channel(ng / s.groups(), ng % s.groups() * s.cg());
        gatherPixelTile(s, ph, src, off, base, t, 0, k, panels, (ng * tiles + t) * k * NR, pos);
      }
    };
    int items = s.n() * s.groups() * tiles;
    if (pool == null) body.run(0, items);
    else pool.forRange(items, body);
    return panels;
  }

  /**
   * Taps {@code k0 .. k1} of pixel tile {@code t}'s B panel from the group's channels at {@code
   * base}, as {@link #gatherPixels} lays it out, into {@code out} from {@code to}: row {@code kk} at
   * {@code to + (kk - k0) * nr}, or (a tile {@link #pixelColumns} computes pixel by pixel) pixel
   * {@code i}'s taps, each {@link Gemm#MR} times, at {@code to + (i * (k1 - k0) + kk - k0) * MR}.
   * {@code pos} is scratch of {@link Gemm#NR} ints.
   */
  @SuppressWarnings("unchecked") // an array of masks
  static void gatherPixelTile(ConvShape s, Phases ph, float[] src, int[] off, int base, int t, int k0, int k1, float[] out, int to,
      int[] pos) {
    int pixels = s.oh() * s.ow(), p0 = Gemm.tileStart(t), nr = Gemm.tileWidth(pixels, p0), contiguous = 0;
    for (int j = 0; j < nr; j++) {
      int p = p0 + j < pixels ? p0 + j : 0;
      pos[j] = p / s.ow() * ph.wq() + p % s.ow();
    }
    int alone = pixelColumns(pixels, t);
    if (alone > 0) { // each pixel's taps, MR times each, for Gemm.microColumn
      for (int i = 0; i < alone; i++) {
        for (int kk = k0; kk < k1; kk++, to += MR) java.util.Arrays.fill(out, to, to + MR, src[base + off[kk] + pos[i]]);
      }
      return;
    }
    // Per vector of pixels: one run of the layout (one load), two runs (two loads and a blend: the
    // lanes from `split` on come from the second), or more (a lane gather).
    int[] second = new int[NR / L];
    VectorMask<Float>[] tail = new VectorMask[NR / L];
    for (int j = 0; j < nr; j += L) {
      int split = 1;
      while (split < L && pos[j + split] - pos[j] == split) split++;
      int rest = split;
      while (rest < L && pos[j + rest] - pos[j + split] == rest - split) rest++;
      if (split == L) contiguous |= 1 << (j / L);
      else if (rest == L && pos[j + split] >= split) { // (past the plane pixel 0 repeats: a run back to it can start before it)
        second[j / L] = pos[j + split] - split;
        tail[j / L] = VectorMask.fromLong(S, ((1L << L) - 1) & -(1L << split));
      }
    }
    for (int kk = k0; kk < k1; kk++, to += nr) {
      int from = base + off[kk];
      for (int j = 0; j < nr; j += L) {
        FloatVector v;
        if ((contiguous >> (j / L) & 1) != 0) v = FloatVector.fromArray(S, src, from + pos[j]);
        else if (tail[j / L] != null) {
          v = FloatVector.fromArray(S, src, from + pos[j]).blend(FloatVector.fromArray(S, src, from + second[j / L]), tail[j / L]);
        }
        else v = FloatVector.fromArray(S, src, from, pos, j);
        v.intoArray(out, to + j);
      }
    }
  }

  /**
   * The pixels of pixel tile {@code t} (of {@code pixels}) that {@link Gemm#microColumn} computes one
   * by one, or 0: a short last tile of at most {@link #COLUMN_PIXELS}. A narrow tile would compute
   * {@link Gemm#NR_SMALL} columns at about half the wide tiles' rate for them (ResNet-18's 7×7
   * stage: 8 columns for its 49th pixel, a fifth of each 3×3 conv's time); the column kernel spends
   * every lane on a real product, so each pixel costs about a quarter of that.
   */
  static int pixelColumns(int pixels, int t) {
    int left = pixels - Gemm.tileStart(t);
    return Gemm.tileWidth(pixels, Gemm.tileStart(t)) == Gemm.NR_SMALL && left <= COLUMN_PIXELS ? left : 0;
  }

  static final int COLUMN_PIXELS = 2;

  /** The pixels of a plane of {@code pixels} whose last pixel tile runs pixel by pixel ({@link #pixelColumns}), or 0 (for --explain). */
  public static int lastTilePixelByPixel(int pixels) {
    return pixels < 1 ? 0 : pixelColumns(pixels, Gemm.tiles(pixels) - 1);
  }

  /**
   * Tiles per work item (see {@link #tile}): as many as keep the group's B panels within 32 KB (L1)
   * for one K block, at most 8. A layer with a short K does
   * little work per tile, and its time goes to streaming the input and output planes; a group
   * writes 8 tiles' columns to each output row in a row, and reads as many from each input row.
   * Measured (1 thread, alternating): 1×1 16→32 at 320², 5.6 → 3.6 ms; 3×3/s2 3→16 at 640²,
   * 2.9 → 2.2 ms (its taps read in place); 3×3 128→128 at 28² (K = 1152, one tile) unchanged.
   * Longer K loses with groups when the taps are read in place (96→24 3×3 at 160², K = 864:
   * 16.8 → 19.2 ms with 8 tiles): the group's input rows overflow the caches between channel
   * panels. Layers whose weights pass {@link #WEIGHTS_PAST_L2} take groups
   * of 4 tiles: in a network their weights come from memory, once per work item.
   */
  static int tileGroup(ConvShape s) {
    int shortK = 512 / s.k(), bigWeights = 4L * s.mg() * s.k() > WEIGHTS_PAST_L2 ? 4 : 1;
    return Math.max(1, Math.min(8, Math.max(shortK, bigWeights)));
  }

  /**
   * Packed weights per group larger than this (bytes) are not in cache when the layer starts,
   * and each work item reads all of them once: groups of 4 tiles read them a quarter as often.
   */
  static final long WEIGHTS_PAST_L2 = 1L << 20;

  /**
   * Tiles {@code t0 .. t1} of columns (consecutive: {@code w} columns from {@code q0}) times
   * channel panels {@code p0 .. p1} of image {@code img}, group {@code g}: per K block, each
   * tile's B panel is made (see below), then each channel panel runs over the tiles in turn (its A block
   * stays in L1 across them, and each output row gets {@code w} consecutive columns).
   */
  private static void tile(ConvShape s, Phases ph, float[] src, int[] off, int q, boolean pixelTiles, float[] shared, float[] packed,
      float[] residual, Epilogue e, float[] y, int img, int g, int t0, int t1, int p0, int p1) {
    int q0 = Gemm.tileStart(t0), w = Gemm.tileStart(t1 - 1) + Gemm.tileWidth(q, Gemm.tileStart(t1 - 1)) - q0;
    int k = s.k(), kc = Math.min(k, KC), panels = Gemm.panels(s.mg());
    Scratch scratch = Scratch.get();
    float[] strip = scratch.strip((p1 - p0) * MR * w + 2 * L);
    float[] b = scratch.b(kc * w);
    int base = ph.channel(img, g * s.cg()) + q0, aBase = g * panels * MR * k, pixels = s.oh() * s.ow();
    int[] runs = scratch.runs(3 * w);
    int n = pixelTiles ? pixelRun(q0, w, q, runs) : runs(ph, q0, w, q, runs);
    // When the w columns are w consecutive pixels of every output plane, the full panels write
    // their sums straight into y (row stride: one plane), the rest into the strip.
    int direct = n == 3 && runs[0] == 0 && runs[2] == w ? Math.max(p0, Math.min(p1, s.mg() / MR)) : p0;
    int yAt = (img * s.m() + g * s.mg()) * pixels + (n > 0 ? runs[1] : 0);
    // K in blocks of KC: a tile's B panel [KC][nr] (at kc * its first column in b) is made once per
    // block and stays in cache (up to 64 KB: L1 or L2) while every channel panel runs over it; a
    // block continues the accumulators the previous one left (the same k order). A full-width tile
    // whose tap reads stay inside src has its panel written by its first channel panel's
    // micro-kernel as it reads the taps ({@link Gemm#microTapsCopy}); other tiles are gathered
    // first (pixel tiles by gatherPixelTile, unless the layer's were gathered before: shared). With
    // few channel panels every micro-kernel reads the taps in place (see tapsInPlace).
    boolean taps = tapsInPlace(s.mg(), ph.direct());
    int inBounds = 0; // bit t - t0: tile t is full width and its tap reads stay inside src
    for (int t = t0; t < t1 && !pixelTiles; t++) {
      int j = Gemm.tileStart(t) - q0;
      if (Gemm.tileWidth(q, q0 + j) == NR && base + j + off[k] + NR <= src.length) inBounds |= 1 << (t - t0);
    }
    // Pixel tiles read the layer's gathered panels if there are (tile t's at its stride of K * NR), else b's.
    float[] bs = shared == null ? b : shared;
    int sharedAt = ((img * s.groups() + g) * Gemm.tiles(q)) * k * NR;
    int[] pos = pixelTiles && shared == null ? new int[NR] : null;
    for (int k0 = 0; k0 < k; k0 += KC) {
      int k1 = Math.min(k, k0 + KC);
      for (int t = t0; t < t1; t++) {
        int j = Gemm.tileStart(t) - q0, nr = Gemm.tileWidth(q, q0 + j);
        if (pos != null) gatherPixelTile(s, ph, src, off, base - q0, t, k0, k1, b, kc * j, pos);
        else if ((inBounds >> (t - t0) & 1) == 0 && !pixelTiles) gather(src, base + j, off, k0, k1, nr, b, kc * j);
      }
      for (int p = p0; p < p1; p++) {
        int ao = aBase + (p * k + k0) * MR;
        float[] c = p < direct ? y : strip;
        int co = p < direct ? yAt + p * MR * pixels : (p - p0) * MR * w, ldc = p < direct ? pixels : w;
        for (int t = t0; t < t1; t++) {
          int j = Gemm.tileStart(t) - q0, nr = Gemm.tileWidth(q, q0 + j), bo = shared == null ? kc * j : sharedAt + t * k * NR + k0 * nr;
          int perPixel = pixelTiles ? pixelColumns(q, t) : 0;
          if (perPixel > 0) { // pixel by pixel, from each pixel's taps laid out as A's panel (see gatherPixelTile)
            int xo = shared == null ? kc * j : sharedAt + t * k * NR + k0 * MR, stride = shared == null ? (k1 - k0) * MR : k * MR;
            for (int i = 0; i < perPixel; i++, xo += stride) {
              Gemm.microColumn(packed, ao, bs, xo, k1 - k0, c, co + j + i, ldc, k0 > 0);
            }
          } else if (nr == Gemm.NR_SMALL) { // channel panels in pairs (both into y or both into the strip), for enough FMA chains
            int from = p < direct ? p0 : Math.max(p0, direct), end = p < direct ? direct : p1;
            boolean second = (p - from) % 2 == 1, first = !second && p + 1 < end;
            if (first) Gemm.microNarrowPair(packed, ao, ao + k * MR, bs, bo, k1 - k0, c, co + j, ldc, k0 > 0);
            else if (!second) Gemm.microNarrow(packed, ao, bs, bo, k1 - k0, c, co + j, ldc, k0 > 0);
          } else if ((inBounds >> (t - t0) & 1) == 0) Gemm.microWide(packed, ao, bs, bo, k1 - k0, c, co + j, ldc, k0 > 0);
          else if (taps) Gemm.microTaps(packed, ao, src, base + j, off, k0, k1, c, co + j, ldc, k0 > 0);
          else if (p == p0) Gemm.microTapsCopy(packed, ao, src, base + j, off, k0, k1, c, co + j, ldc, k0 > 0, b, kc * j);
          else Gemm.microWide(packed, ao, b, kc * j, k1 - k0, c, co + j, ldc, k0 > 0);
        }
      }
    }
    int biasAt = s.groups() * panels * MR * k;
    Epilogue.Inline inline = e.inline();
    for (int p = p0; p < direct; p++) { // in place: y = e(y + bias + residual)
      int at = yAt + p * MR * pixels, bias = biasAt + g * s.mg() + p * MR;
      if (inline != null) finishPanel(y, at, pixels, packed, bias, residual, inline, w);
      else {
        for (int r = 0; r < MR; r++, at += pixels) {
          store(y, at, packed[bias + r], residual, at, y, at, w);
          e.apply(y, at, w);
        }
      }
    }
    if (direct == p1) return;
    ColumnCopy copy = ColumnCopy.of(runs, n, w);
    if (residual == null) {
      finishStrip(s, strip, w, p0, direct, p1, packed, biasAt, img, g, e, y, runs, n, copy);
      return;
    }
    if (copy != null && residual != y) {
      finishStripWithResidual(s, strip, w, p0, direct, p1, packed, biasAt, img, g, residual, e, inline, y, runs[1], copy);
      return;
    }
    boolean epilogue = !e.isIdentity();
    // With a residual (read run by run) and an epilogue: sums + bias + residual in the strip, the
    // epilogue once over the whole strip (one call, not one per short run), then the runs copied
    // out. Without an epilogue: stored directly.
    for (int pass = 0; pass < (epilogue ? 2 : 1); pass++) {
      if (pass == 1) e.apply(strip, (direct - p0) * MR * w, (p1 - direct) * MR * w);
      for (int p = direct; p < p1; p++) {
        for (int r = 0; r < MR && p * MR + r < s.mg(); r++) {
          int oc = g * s.mg() + p * MR + r, from = ((p - p0) * MR + r) * w, out = (img * s.m() + oc) * pixels;
          float bias = packed[biasAt + oc];
          for (int i = 0; i < n; i += 3) {
            int j = from + runs[i], at = out + runs[i + 1], len = runs[i + 2];
            if (!epilogue) store(strip, j, bias, residual, at, y, at, len);
            else if (pass == 0) store(strip, j, bias, residual, at, strip, j, len);
            else System.arraycopy(strip, j, y, at, len);
          }
        }
      }
    }
  }

  /**
   * The strip's channel panels {@code direct .. p1} of a tile group {@code w} columns wide into
   * {@code y}, without a residual: each row's bias added over the whole row in vectors (the
   * columns outside the runs are dropped anyway), the epilogue once over those rows, then the runs
   * copied out, as whole vectors where {@link ColumnCopy} applies; no per-run loops with scalar
   * tails (a tile spanning a row end has runs of 2-14 columns). ResNet-18, in-JVM A/B: layer1
   * first convs -1 to -4 %, layer2.0.conv1 -3 %; the vector copy-out instead of a copy per run,
   * layer1's 3×3 conv alone (alternating JVMs, 3 rounds): 2.96-3.05 → 2.88-2.99 ms.
   */
  private static void finishStrip(ConvShape s, float[] strip, int w, int p0, int direct, int p1, float[] packed, int biasAt, int img,
      int g, Epilogue e, float[] y, int[] runs, int n, ColumnCopy copy) {
    int pixels = s.oh() * s.ow();
    for (int p = direct; p < p1; p++) {
      for (int r = 0; r < MR && p * MR + r < s.mg(); r++) {
        int row = ((p - p0) * MR + r) * w;
        float bias = packed[biasAt + g * s.mg() + p * MR + r];
        for (int j = 0; j < w; j += L) FloatVector.fromArray(S, strip, row + j).add(bias).intoArray(strip, row + j);
      }
    }
    if (!e.isIdentity()) e.apply(strip, (direct - p0) * MR * w, (p1 - direct) * MR * w);
    for (int p = direct; p < p1; p++) {
      for (int r = 0; r < MR && p * MR + r < s.mg(); r++) {
        int row = ((p - p0) * MR + r) * w, out = (img * s.m() + g * s.mg() + p * MR + r) * pixels;
        if (copy != null) copy.copy(strip, row, y, out + runs[1]);
        else for (int i = 0; i < n; i += 3) System.arraycopy(strip, row + runs[i], y, out + runs[i + 1], runs[i + 2]);
      }
    }
  }

  /**
   * {@link #finishStrip} with a residual (not {@code y} itself: the last vector of a row may
   * overlap the one before, and both read the residual): each row's real columns ({@code copy},
   * from plane offset {@code first}) in vectors, bias and residual added, an {@code inline}
   * epilogue applied to each vector, any other once per row in {@code y}.
   */
  private static void finishStripWithResidual(ConvShape s, float[] strip, int w, int p0, int direct, int p1, float[] packed,
      int biasAt, int img, int g, float[] residual, Epilogue e, Epilogue.Inline inline, float[] y, int first, ColumnCopy copy) {
    int pixels = s.oh() * s.ow(), vectors = copy.vectors();
    for (int p = direct; p < p1; p++) {
      for (int r = 0; r < MR && p * MR + r < s.mg(); r++) {
        int oc = g * s.mg() + p * MR + r, row = ((p - p0) * MR + r) * w, out = (img * s.m() + oc) * pixels + first;
        float bias = packed[biasAt + oc];
        for (int v = 0; v < vectors; v++) {
          int at = out + copy.to(v);
          FloatVector sum = copy.vector(strip, row, v).add(bias).add(FloatVector.fromArray(S, residual, at));
          (inline == null ? sum : inline.apply(sum)).intoArray(y, at);
        }
        if (inline == null) e.apply(y, out, copy.count);
      }
    }
  }

  /**
   * Whether a tile's micro-kernels read the B taps in place ({@link Gemm#microTaps}) rather than
   * from a gathered panel: when the layer has fewer than 8 panels of output channels per group
   * and its input is a stride-phase copy. The gather copies K × nr floats per tile from as many
   * rows of the input; with few panels to share it, that copy costs more than the micro-kernels'
   * scattered reads. Measured on 3×3 convs (det, 1 thread): 96→24 at 160², 26 → 17 ms; 64→16 at
   * 80², 2.2 → 1.8 ms; even at 64→32 (8 panels); 64→40 and 64→64 lose 10–25 %. 1×1 convs that
   * read the input itself lose (16→32 at 320²: 5.6 → 6.6 ms).
   */
  public static boolean tapsInPlace(int outChannelsPerGroup, boolean readsInputItself) {
    return !readsInputItself && Gemm.panels(outChannelsPerGroup) < 8;
  }

  /**
   * The runs of tile columns {@code q0 .. q0 + nr} that are real pixels (columns {@code ow < OW}
   * of each row): triples (column in the tile, offset in the output plane, length) in {@code
   * runs}, maximal (rows without padding columns join into one run); returns how many ints it
   * wrote. The same for every channel of the tile.
   */
  private static int runs(Phases ph, int q0, int nr, int q, int[] runs) {
    int n = 0, wq = ph.wq(), ow = ph.s().ow();
    for (int j = 0; j < nr && q0 + j < q; ) {
      int row = (q0 + j) / wq, col = (q0 + j) % wq;
      if (col >= ow) {
        j += wq - col;
        continue;
      }
      int len = Math.min(ow - col, Math.min(nr - j, q - q0 - j));
      if (n > 0 && runs[n - 3] + runs[n - 1] == j && runs[n - 2] + runs[n - 1] == row * ow + col) {
        runs[n - 1] += len; // continues the last run in the tile and in the plane (no padding columns: wq == ow)
      } else {
        runs[n++] = j;
        runs[n++] = row * ow + col;
        runs[n++] = len;
      }
      j += len;
    }
    return n;
  }

  /**
   * The one run of a pixel tile's columns {@code q0 .. q0 + nr} that are pixels of the plane
   * ({@code q} of them), as {@link #runs} writes it.
   */
  private static int pixelRun(int q0, int nr, int q, int[] runs) {
    runs[0] = 0;
    runs[1] = q0;
    runs[2] = Math.min(nr, q - q0);
    return 3;
  }

  /**
   * {@code b[bo + (kk - k0) * nr + j] = src[base + off[kk] + j]} for taps {@code k0 <= kk < k1} and
   * {@code j < nr}: the B panel of one tile. Reads past the end of {@code src} (only the last tile
   * of an input read in place, whose columns past the end are dropped) give 0.
   */
  static void gather(float[] src, int base, int[] off, int k0, int k1, int nr, float[] b, int bo) {
    for (int kk = k0, to = bo; kk < k1; kk++, to += nr) {
      int from = base + off[kk];
      if (from + nr <= src.length) {
        for (int j = 0; j < nr; j += L) FloatVector.fromArray(S, src, from + j).intoArray(b, to + j);
      } else {
        for (int j = 0; j < nr; j++) b[to + j] = from + j < src.length ? src[from + j] : 0f;
      }
    }
  }

  /**
   * One panel's {@link Gemm#MR} rows of {@code nr} sums in place in {@code y} (row stride {@code
   * ldc}): {@code y = e(y + bias + residual)} in one pass of vectors for the epilogues {@link
   * Epilogue#plain} names, the same operations as {@link #store} then {@link
   * Epilogue#apply(float[], int, int)} (which skips the affine steps that are the identity, as this
   * does).
   */
  static void finishPanel(float[] y, int at, int ldc, float[] packed, int bias, float[] residual, Epilogue.Inline inline, int nr) {
    for (int r = 0; r < MR; r++, at += ldc) {
      float b = packed[bias + r];
      for (int j = 0; j < nr; j += L) {
        FloatVector v = FloatVector.fromArray(S, y, at + j).add(b);
        if (residual != null) v = v.add(FloatVector.fromArray(S, residual, at + j));
        inline.apply(v).intoArray(y, at + j);
      }
    }
  }

  /** {@code y[at + j] = strip[from + j] + bias + residual[rAt + j]} for {@code j < count} ({@code y} may be the strip itself). */
  static void store(float[] strip, int from, float bias, float[] residual, int rAt, float[] y, int at, int count) {
    int j = 0;
    if (residual == null) {
      for (; j + L <= count; j += L) FloatVector.fromArray(S, strip, from + j).add(bias).intoArray(y, at + j);
      for (; j < count; j++) y[at + j] = strip[from + j] + bias;
    } else {
      for (; j + L <= count; j += L) {
        FloatVector.fromArray(S, strip, from + j).add(bias).add(FloatVector.fromArray(S, residual, rAt + j)).intoArray(y, at + j);
      }
      for (; j < count; j++) y[at + j] = strip[from + j] + bias + residual[rAt + j];
    }
  }

  /**
   * The padded stride-phase layout of a convolution's input: per image and channel, {@code sh ·
   * sw} phases of {@code hq × wq}. {@code direct}: the layout is {@code x} itself (1×1, stride
   * 1, no padding).
   */
  record Phases(ConvShape s, int hq, int wq, boolean direct) {
    /** Lane i takes lane 2i mod L: of two vectors, the even lanes of the first fill the low half, of the second the high half. */
    private static final VectorShuffle<Float> EVEN_LANES = VectorShuffle.fromOp(S, i -> 2 * i % L);
    /** Lane i takes lane 2i + 1 mod L: the odd lanes, as {@link #EVEN_LANES} the even. */
    private static final VectorShuffle<Float> ODD_LANES = VectorShuffle.fromOp(S, i -> (2 * i + 1) % L);
    private static final VectorMask<Float> HIGH_HALF = VectorMask.fromLong(S, ((1L << L) - 1) & -(1L << (L / 2)));

    /** The even lanes of {@code lo} then of {@code hi}: columns 0, 2, .. of 2 L consecutive floats. */
    static FloatVector evenLanes(FloatVector lo, FloatVector hi) {
      return lo.rearrange(EVEN_LANES).blend(hi.rearrange(EVEN_LANES), HIGH_HALF);
    }

    /** The odd lanes of {@code lo} then of {@code hi}: columns 1, 3, .. of 2 L consecutive floats. */
    static FloatVector oddLanes(FloatVector lo, FloatVector hi) {
      return lo.rearrange(ODD_LANES).blend(hi.rearrange(ODD_LANES), HIGH_HALF);
    }

    static Phases of(ConvShape s) {
      boolean direct = s.kh() == 1 && s.kw() == 1 && s.sh() == 1 && s.sw() == 1 && s.ph() == 0 && s.pw() == 0 && s.oh() == s.h()
          && s.ow() == s.w();
      return new Phases(s, length(s.oh(), s.kh(), s.sh(), s.dh()), length(s.ow(), s.kw(), s.sw(), s.dw()), direct);
    }

    /** {@code hq} or {@code wq}: a phase's rows (columns) for {@code out} outputs along that axis. */
    static int length(int out, int k, int stride, int dilation) {
      int padded = (out - 1) * stride + (k - 1) * dilation + 1;
      return (padded + stride - 1) / stride;
    }

    int channelSize() {
      return s.sh() * s.sw() * hq * wq;
    }

    int size() {
      return s.n() * s.c() * channelSize();
    }

    /** Where channel {@code ci} of image {@code img} starts. */
    int channel(int img, int ci) {
      return (img * s.c() + ci) * channelSize();
    }

    /**
     * {@code off[k]}: where tap {@code k = (ci, kh, kw)} of pixel {@code q = 0} is, from its
     * group's first channel; {@code off[K]}: the largest.
     */
    int[] offsets() {
      int taps = s.kh() * s.kw(), k = s.k(), sh = s.sh(), sw = s.sw();
      int[] off = new int[k + 1];
      for (int t = 0; t < taps; t++) { // one channel's taps, then the other channels' by adding plane offsets (K can be 4608)
        int kh = t / s.kw() * s.dh(), kw = t % s.kw() * s.dw();
        off[t] = ((kh % sh) * sw + kw % sw) * hq * wq + kh / sh * wq + kw / sw;
      }
      for (int kk = taps; kk < k; kk++) off[kk] = off[kk - taps] + channelSize();
      for (int kk = 0; kk < k; kk++) off[k] = Math.max(off[k], off[kk]);
      return off;
    }

    /**
     * Whether a tap reads phase {@code phase} along an axis of {@code k} taps at dilation {@code d}
     * and stride {@code stride}: tap {@code i} of output {@code o} reads padded position {@code o ·
     * stride + i · d}, in phase {@code i · d mod stride}.
     */
    static boolean read(int k, int d, int stride, int phase) {
      for (int i = 0; i < k; i++) if (i * d % stride == phase) return true;
      return false;
    }

    /** Writes {@code x} in this layout into {@code xp} (zero where padding), one channel per pool item. */
    float[] fill(WorkerPool pool, float[] x, float[] xp) {
      return fill(pool, x, xp, 0);
    }

    /** {@link #fill(WorkerPool, float[], float[])} into {@code xp} from {@code to}. */
    float[] fill(WorkerPool pool, float[] x, float[] xp, int to) {
      WorkerPool.Range body = (lo, hi) -> {
        for (int plane = lo; plane < hi; plane++) fillChannel(x, plane * s.h() * s.w(), xp, to + plane * channelSize(), 0f, false);
      };
      if (pool == null) body.run(0, s.n() * s.c());
      else pool.forRange(s.n() * s.c(), body);
      return xp;
    }

    /**
     * {@link #fillChannel} for column stride 2: each input row is read once, split into its even and
     * odd columns in registers (L of each from 2 L floats), and each column phase read takes one of
     * the two, shifted by whole places: phase {@code b}'s column {@code q} holds input column {@code
     * 2q + b - pw}. What the vectors leave (the ends of the row, padding) is written one by one.
     */
    private void fillStride2(float[] x, int from, float[] xp, int to, float pad, boolean padsWritten) {
      int sh = s.sh(), h = s.h(), w = s.w(), pw = s.pw();
      boolean read0 = read(s.kw(), s.dw(), 2, 0), read1 = read(s.kw(), s.dw(), 2, 1);
      // Phase b's column q is input column 2q + b - pw: one phase takes the even columns, the other
      // the odd ones, each from its column start_b on (phase 0 the odd ones when pw is odd); n_b
      // vectors of L columns fit in its row (0 if no tap reads it).
      int start0 = -Math.floorDiv(-pw, 2), start1 = -Math.floorDiv(1 - pw, 2), vectors = w / (2 * L);
      int n0 = read0 ? Math.min(vectors, Math.max(0, (wq - start0) / L)) : 0;
      int n1 = read1 ? Math.min(vectors, Math.max(0, (wq - start1) / L)) : 0;
      boolean evenIn0 = (pw & 1) == 0;
      int nEven = evenIn0 ? n0 : n1, nOdd = evenIn0 ? n1 : n0, both = Math.min(nEven, nOdd);
      for (int a = 0; a < sh; a++) {
        if (!read(s.kh(), s.dh(), sh, a)) continue;
        for (int r = 0; r < hq; r++) {
          int ih = r * sh + a - s.ph(), d0 = to + (2 * a * hq + r) * wq, d1 = d0 + hq * wq;
          if (ih < 0 || ih >= h) {
            if (padsWritten) continue;
            if (read0) java.util.Arrays.fill(xp, d0, d0 + wq, pad);
            if (read1) java.util.Arrays.fill(xp, d1, d1 + wq, pad);
            continue;
          }
          int src = from + ih * w, evenAt = evenIn0 ? d0 + start0 : d1 + start1, oddAt = evenIn0 ? d1 + start1 : d0 + start0, v = 0;
          for (; v < both; v++) {
            int c = v * L;
            FloatVector lo = FloatVector.fromArray(S, x, src + 2 * c), hi = FloatVector.fromArray(S, x, src + 2 * c + L);
            evenLanes(lo, hi).intoArray(xp, evenAt + c);
            oddLanes(lo, hi).intoArray(xp, oddAt + c);
          }
          for (int e = v; e < nEven; e++) {
            FloatVector lo = FloatVector.fromArray(S, x, src + 2 * e * L), hi = FloatVector.fromArray(S, x, src + 2 * e * L + L);
            evenLanes(lo, hi).intoArray(xp, evenAt + e * L);
          }
          for (int o = v; o < nOdd; o++) {
            FloatVector lo = FloatVector.fromArray(S, x, src + 2 * o * L), hi = FloatVector.fromArray(S, x, src + 2 * o * L + L);
            oddLanes(lo, hi).intoArray(xp, oddAt + o * L);
          }
          if (read0) rowRest(x, src, xp, d0, 0, start0, start0 + n0 * L, pad, padsWritten);
          if (read1) rowRest(x, src, xp, d1, 1, start1, start1 + n1 * L, pad, padsWritten);
        }
      }
    }

    /**
     * {@link #fillChannel} for column stride 2 and rows narrower than two vectors: each phase row
     * by {@link #rowRange}. MobileNetV2's 14×14 → 7×7 depthwise layer (576 channels) spent a third
     * of its time in {@link #rowRest}'s loop, with its tests per column: 0.35 → 0.27-0.29 ms (its
     * own method, so the wide rows' code is compiled as before).
     */
    private void fillStride2Narrow(float[] x, int from, float[] xp, int to, float pad, boolean padsWritten) {
      int sh = s.sh();
      boolean read0 = read(s.kw(), s.dw(), 2, 0), read1 = read(s.kw(), s.dw(), 2, 1);
      for (int a = 0; a < sh; a++) {
        if (!read(s.kh(), s.dh(), sh, a)) continue;
        for (int r = 0; r < hq; r++) {
          int ih = r * sh + a - s.ph(), d0 = to + (2 * a * hq + r) * wq, d1 = d0 + hq * wq;
          boolean inside = ih >= 0 && ih < s.h();
          if (!inside && padsWritten) continue;
          if (read0) rowRange(x, from + ih * s.w(), xp, d0, 0, pad, padsWritten, inside);
          if (read1) rowRange(x, from + ih * s.w(), xp, d1, 1, pad, padsWritten, inside);
        }
      }
    }

    /**
     * Phase {@code b}'s row (of an input row {@code inside} the input, else all pad): input column
     * {@code 2q + b - pw} where there is one (columns {@code first .. end}, worked out once, no
     * test per column), else the pad.
     */
    private void rowRange(float[] x, int src, float[] xp, int dst, int b, float pad, boolean padsWritten, boolean inside) {
      int pw = s.pw(), first = inside ? Math.min(wq, Math.max(0, -Math.floorDiv(b - pw, 2))) : wq;
      int end = inside ? Math.max(first, Math.min(wq, -Math.floorDiv(b - pw - s.w(), 2))) : wq;
      if (!padsWritten) {
        for (int q = 0; q < first; q++) xp[dst + q] = pad;
        for (int q = end; q < wq; q++) xp[dst + q] = pad;
      }
      for (int q = first, iw = 2 * first + b - pw; q < end; q++, iw += 2) xp[dst + q] = x[src + iw];
    }

    /** Phase {@code b}'s columns outside {@code [lo, hi)} (what the vectors wrote) of one row, one by one. */
    private void rowRest(float[] x, int src, float[] xp, int dst, int b, int lo, int hi, float pad, boolean padsWritten) {
      int w = s.w(), pw = s.pw();
      for (int q = 0; q < wq; q++) {
        if (q == lo && hi > lo) q = hi;
        if (q >= wq) break;
        int iw = 2 * q + b - pw;
        if (iw >= 0 && iw < w) xp[dst + q] = x[src + iw];
        else if (!padsWritten) xp[dst + q] = pad;
      }
    }

    /**
     * One channel's phases: {@code x} from {@code from} (an input plane) into {@code xp} from {@code
     * to} ({@code pad} where padding); with {@code padsWritten}, the input elements only: {@code xp}
     * from {@code to} already holds this layout's pads (a per-thread buffer that earlier channels
     * of the same layer filled), and only the interior changes. Phases no tap reads are left as
     * they are (a 1×1 stride-2 conv reads one of four: see {@link #read}).
     */
    void fillChannel(float[] x, int from, float[] xp, int to, float pad, boolean padsWritten) {
      int sh = s.sh(), sw = s.sw(), h = s.h(), w = s.w();
      if (sw == 2) {
        if (w < 2 * L) fillStride2Narrow(x, from, xp, to, pad, padsWritten);
        else fillStride2(x, from, xp, to, pad, padsWritten);
        return;
      }
      for (int a = 0; a < sh; a++) {
        for (int b = 0; b < sw; b++) {
          if (!read(s.kh(), s.dh(), sh, a) || !read(s.kw(), s.dw(), sw, b)) continue;
          for (int r = 0; r < hq; r++) {
            int ih = r * sh + a - s.ph(), dst = to + ((a * sw + b) * hq + r) * wq;
            if (ih < 0 || ih >= h) {
              if (!padsWritten) java.util.Arrays.fill(xp, dst, dst + wq, pad);
              continue;
            }
            int src = from + ih * w;
            if (sw == 1) {
              int lo = Math.min(wq, s.pw()), hi = Math.max(lo, Math.min(wq, s.pw() + w));
              if (!padsWritten) java.util.Arrays.fill(xp, dst, dst + lo, pad);
              if (hi > lo) System.arraycopy(x, src + lo - s.pw(), xp, dst + lo, hi - lo);
              if (!padsWritten) java.util.Arrays.fill(xp, dst + hi, dst + wq, pad);
            } else {
              int c = 0, iw = b - s.pw();
              for (; c < wq && iw < 0; c++, iw += sw) if (!padsWritten) xp[dst + c] = pad;
              for (; c < wq; c++, iw += sw) {
                if (iw < w) xp[dst + c] = x[src + iw];
                else if (!padsWritten) xp[dst + c] = pad;
              }
            }
          }
        }
      }
    }
  }
}
