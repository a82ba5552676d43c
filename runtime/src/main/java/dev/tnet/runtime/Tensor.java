package dev.tnet.runtime;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dense, row-major tensor of {@link DType#F32} or {@link DType#I64} elements.
 *
 * <p>Elements live in one Java array in row-major order ({@link #strides()} gives the element
 * strides), so a tensor is always contiguous. The backing array is exposed for speed by
 * {@link #floats()} and {@link #longs()}: whoever created the tensor owns it; everyone else treats
 * it as read-only.
 */
public final class Tensor {
  private final DType dtype;
  private final Shape shape;
  private final float[] floats;
  private final long[] longs;

  private Tensor(DType dtype, Shape shape, float[] floats, long[] longs) {
    this.dtype = dtype;
    this.shape = shape;
    this.floats = floats;
    this.longs = longs;
  }

  /** Wraps {@code data} (not copied) as a float tensor of the given shape. */
  public static Tensor of(Shape shape, float[] data) {
    if (data.length != shape.size()) {
      throw new UserException("shape " + shape + " needs " + shape.size() + " elements, got " + data.length);
    }
    return new Tensor(DType.F32, shape, data, null);
  }

  /** Wraps {@code data} (not copied) as an int64 tensor of the given shape. */
  public static Tensor ofLongs(Shape shape, long[] data) {
    if (data.length != shape.size()) {
      throw new UserException("shape " + shape + " needs " + shape.size() + " elements, got " + data.length);
    }
    return new Tensor(DType.I64, shape, null, data);
  }

  public static Tensor zeros(DType dtype, Shape shape) {
    return switch (dtype) {
      case F32 -> new Tensor(dtype, shape, new float[shape.size()], null);
      case I64 -> new Tensor(dtype, shape, null, new long[shape.size()]);
    };
  }

  public static Tensor zeros(Shape shape) {
    return zeros(DType.F32, shape);
  }

  public static Tensor scalar(float value) {
    return of(Shape.scalar(), new float[] {value});
  }

  public DType dtype() {
    return dtype;
  }

  public Shape shape() {
    return shape;
  }

  public int rank() {
    return shape.rank();
  }

  public int size() {
    return shape.size();
  }

  /** Row-major element strides. */
  public int[] strides() {
    return shape.strides();
  }

  /** The backing float array; fails for an int64 tensor. */
  public float[] floats() {
    if (floats == null) throw new UserException("expected a f32 tensor, got " + dtype + shape);
    return floats;
  }

  /** The backing long array; fails for a float tensor. */
  public long[] longs() {
    if (longs == null) throw new UserException("expected an i64 tensor, got " + dtype + shape);
    return longs;
  }

  /** The flat row-major offset of a multi-index, bounds-checked. */
  public int offset(int... index) {
    if (index.length != shape.rank()) {
      throw new IndexOutOfBoundsException("index of rank " + index.length + " into " + shape);
    }
    int off = 0;
    for (int i = 0; i < index.length; i++) {
      off = off * shape.dim(i) + Objects.checkIndex(index[i], shape.dim(i));
    }
    return off;
  }

  public float get(int... index) {
    return floats()[offset(index)];
  }

  public long getLong(int... index) {
    return longs()[offset(index)];
  }

  /** A tensor with the same elements and another shape of the same size (a copy-free view). */
  public Tensor reshape(Shape newShape) {
    if (newShape.size() != shape.size()) {
      throw new UserException("cannot reshape " + shape + " to " + newShape + ": sizes differ");
    }
    return new Tensor(dtype, newShape, floats, longs);
  }

  /** A deep copy. */
  public Tensor copy() {
    return new Tensor(dtype, shape, floats == null ? null : floats.clone(), longs == null ? null : longs.clone());
  }

  /** This tensor's elements converted to float (int64 values rounded to the nearest float). */
  public Tensor toF32() {
    if (dtype == DType.F32) return this;
    float[] f = new float[longs.length];
    for (int i = 0; i < f.length; i++) f[i] = longs[i];
    return of(shape, f);
  }

  public boolean equals(Object o) {
    return o instanceof Tensor t && dtype == t.dtype && shape.equals(t.shape)
        && Arrays.equals(floats, t.floats) && Arrays.equals(longs, t.longs);
  }

  public int hashCode() {
    return Objects.hash(dtype, shape, Arrays.hashCode(floats), Arrays.hashCode(longs));
  }

  /** {@code f32[2, 3]} followed by up to 8 elements. */
  public String toString() {
    StringBuilder sb = new StringBuilder().append(dtype).append(shape).append(" {");
    int n = Math.min(size(), 8);
    for (int i = 0; i < n; i++) {
      if (i > 0) sb.append(", ");
      if (floats != null) sb.append(floats[i]);
      else sb.append(longs[i]);
    }
    return sb.append(size() > n ? ", ...}" : "}").toString();
  }
}
