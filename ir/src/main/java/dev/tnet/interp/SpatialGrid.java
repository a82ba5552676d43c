package dev.tnet.interp;

import dev.tnet.runtime.Shape;
import java.util.List;

/**
 * A {@code [N, C, *spatial]} tensor (or an unbatched {@code [C, *spatial]} one) seen as {@code
 * [planes, d, h, w]}: every spatial kernel runs on three spatial dims, and 1d and 2d ops lift to
 * them with leading spatial dims of size 1 (kernel 1, stride 1, padding 0). A plane is one
 * (batch, channel) pair; an unbatched tensor has batch 1.
 */
final class SpatialGrid {
  final int batch;
  final int channels;
  /** Spatial sizes {@code [d, h, w]}. */
  final int[] size;

  private SpatialGrid(int batch, int channels, int[] size) {
    this.batch = batch;
    this.channels = channels;
    this.size = size;
  }

  /** The grid of a shape whose last {@code spatialDims} dims are spatial. */
  static SpatialGrid of(Shape s, int spatialDims) {
    int r = s.rank();
    int channels = s.dim(r - spatialDims - 1);
    int batch = r == spatialDims + 2 ? s.dim(0) : 1;
    return new SpatialGrid(batch, channels, lift(s.dims(), r - spatialDims, spatialDims, 1));
  }

  /** Elements of one plane, {@code d * h * w}. */
  int planeSize() {
    return size[0] * size[1] * size[2];
  }

  int planes() {
    return batch * channels;
  }

  /** The flat offset of {@code (d, h, w)} within a plane. */
  int at(int d, int h, int w) {
    return (d * size[1] + h) * size[2] + w;
  }

  /** The body of a loop over a grid's positions: a plane, spatial coordinates, and their flat index. */
  interface PositionBody {
    void at(int plane, int d, int h, int w, int flat);
  }

  /**
   * Runs {@code body} at every position of the grid, row-major (plane, then d, h, w), passing the
   * position's flat index {@code plane * planeSize() + at(d, h, w)}.
   */
  void forEachPosition(PositionBody body) {
    for (int p = 0; p < planes(); p++) {
      for (int d = 0; d < size[0]; d++) {
        for (int h = 0; h < size[1]; h++) {
          for (int w = 0; w < size[2]; w++) body.at(p, d, h, w, p * planeSize() + at(d, h, w));
        }
      }
    }
  }

  /** A per-dim argument lifted to three dims, missing leading dims set to {@code fill}. */
  static int[] lift(List<Integer> values, int fill) {
    int[] v = values.stream().mapToInt(Integer::intValue).toArray();
    return lift(v, 0, v.length, fill);
  }

  /** The begin (side 0) or end (side 1) paddings of a per-side list {@code [d0_begin, d0_end, ...]}, lifted. */
  static int[] liftSide(List<Integer> perSide, int side) {
    int dims = perSide.size() / 2;
    int[] v = new int[dims];
    for (int i = 0; i < dims; i++) v[i] = perSide.get(2 * i + side);
    return lift(v, 0, dims, 0);
  }

  private static int[] lift(int[] values, int from, int count, int fill) {
    int[] r = {fill, fill, fill};
    System.arraycopy(values, from, r, 3 - count, count);
    return r;
  }
}
