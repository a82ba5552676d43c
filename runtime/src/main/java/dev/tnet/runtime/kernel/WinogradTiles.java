package dev.tnet.runtime.kernel;

import static dev.tnet.runtime.kernel.Gemm.L;
import static dev.tnet.runtime.kernel.Gemm.NR;
import static dev.tnet.runtime.kernel.Gemm.S;

import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;

/**
 * The tile grid of a {@link WinogradKernel} call: {@code rows × cols} tiles of 2×2 outputs
 * (the last row and column cut by an odd output size), numbered row-major, in vectors of {@link
 * Gemm#L} tiles and blocks of {@link Gemm#NR}; and the zero-padded plane each channel is copied into,
 * {@link #FRONT} floats into a buffer of {@link #planesFloats}: {@code hp} rows (padded row {@code r}
 * is input row {@code r - ph}) of {@code 2 wq} columns, as two phases of {@code hp × wq}, the even
 * columns then the odd ones ({@link Conv2dKernel.Phases} of column stride 2). Tile {@code (i, j)}'s
 * patch is rows {@code 2i ..}, columns {@code 2j ..}: phase column {@code j} and {@code j + 1}.
 *
 * <p>Vector {@code v}'s lanes are tiles {@code v·L ..}; {@link #segments} from {@code segFirst[v]}
 * to {@code segFirst[v + 1]} are its runs of lanes in one tile row (one, {@link Segment#full}, for
 * most vectors of a wide plane); lanes past the last tile are in none.
 */
final class WinogradTiles {
  /** Floats before the plane: a segment's reads start up to {@code L - 1} before its tiles' first patch. */
  static final int FRONT = L;
  /**
   * Lane k takes lane k/2: of two vectors so rearranged, the even lanes of the first and the odd
   * lanes of the second ({@link #ODD}) are their lanes 0 .. L/2 interleaved.
   */
  static final VectorShuffle<Float> ZIP_LOW = VectorShuffle.fromOp(S, k -> k / 2);
  /** {@link #ZIP_LOW} for lanes L/2 .. L. */
  static final VectorShuffle<Float> ZIP_HIGH = VectorShuffle.fromOp(S, k -> L / 2 + k / 2);
  /** The odd lanes. */
  static final VectorMask<Float> ODD = VectorMask.fromLong(S, 0xAAAAAAAAL & ((1L << L) - 1));

  final int rows, cols, tiles, vectors, blocks, hp, wq, channels;
  final int[] segFirst;
  final Segment[] segments;

  /**
   * Lanes {@code laneLo .. laneHi} of a vector: tiles of tile row {@code row} from column {@code
   * col}. {@code inputAt}: where lane 0's patch would start in the plane's even phase (lane {@code
   * l}'s at {@code inputAt + l}); {@code outputAt}: where lane 0's first output column would be in an
   * output row ({@code outputAt + k} for interleaved output {@code k}); {@code firstColumn},
   * {@code columns}: the output columns the segment writes in each of its rows (interleaved outputs
   * {@code 2 laneLo ..}); {@code full}: all L lanes; {@code whole}: all 2 L outputs.
   */
  record Segment(int row, int laneLo, int laneHi, int inputAt, int outputAt, int firstColumn, int columns, VectorMask<Float> lanes,
      boolean full, boolean whole) {}

  private WinogradTiles(ConvShape s) {
    rows = (s.oh() + 1) / 2;
    cols = (s.ow() + 1) / 2;
    tiles = rows * cols;
    vectors = (tiles + L - 1) / L;
    blocks = (tiles + NR - 1) / NR;
    hp = 2 * rows + 2;
    wq = cols + 1;
    channels = s.c();
    segFirst = new int[vectors + 1];
    java.util.List<Segment> list = new java.util.ArrayList<>();
    for (int v = 0; v < vectors; v++) {
      segFirst[v] = list.size();
      for (int l = 0; l < L && v * L + l < tiles; ) {
        int p = v * L + l, row = p / cols, col = p % cols, n = Math.min(L - l, Math.min(cols - col, tiles - p));
        list.add(segment(s.ow(), row, col, l, l + n));
        l += n;
      }
    }
    segFirst[vectors] = list.size();
    segments = list.toArray(Segment[]::new);
  }

  static WinogradTiles of(ConvShape s) {
    return new WinogradTiles(s);
  }

  private Segment segment(int ow, int row, int col, int laneLo, int laneHi) {
    long lanes = 0;
    for (int l = laneLo; l < laneHi; l++) lanes |= 1L << l;
    int first = 2 * col, columns = Math.min(2 * (laneHi - laneLo), ow - first);
    return new Segment(row, laneLo, laneHi, 2 * row * wq + col - laneLo, 2 * col - 2 * laneLo, first, columns, VectorMask.fromLong(S, lanes),
        laneHi - laneLo == L, columns == 2 * L);
  }

  /** The transformed input of one block: {@code [pos][c][NR]}. */
  int blockFloats() {
    return WinogradKernel.POS * channels * NR;
  }

  /**
   * The buffer the padded planes of {@code images} images are copied into: {@link #FRONT}, each
   * channel's two phases, and {@code L} floats the last vectors read past them.
   */
  int planesFloats(int images) {
    return FRONT + images * channels * 2 * phase() + L;
  }

  /** Floats from a row of the even-column phase to the same row of the odd-column one. */
  int phase() {
    return hp * wq;
  }

  /**
   * The plane's layout as the stride-phase copy of a convolution with column stride 2 that reads
   * {@code hp} rows and both phases of {@code wq} columns (3×4 kernel, {@code 2 rows × cols}
   * outputs); its padding and input are {@code s}'s.
   */
  Conv2dKernel.Phases phases(ConvShape s) {
    ConvShape copy = new ConvShape(s.n(), s.c(), s.h(), s.w(), s.m(), 2 * rows, cols, 3, 4, 1, 2, s.ph(), s.pw(), 1, 1, 1);
    return new Conv2dKernel.Phases(copy, hp, wq, false);
  }
}
