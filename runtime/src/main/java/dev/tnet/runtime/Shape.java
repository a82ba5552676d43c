package dev.tnet.runtime;

import java.util.Arrays;

/**
 * The concrete sizes of a tensor's dimensions, outermost first.
 *
 * <p>Invariants, checked on construction: every size is non-negative, and the element count is at
 * most {@link #MAX_ELEMENTS}. That limit is {@code Integer.MAX_VALUE - 8}, the largest Java array
 * the JVM reliably allocates, because a tensor's elements live in one array. A rank above
 * {@link #MAX_RANK} is refused too.
 */
public final class Shape {
  /** The most elements one tensor may hold (one Java array). */
  public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8L;
  /** The highest rank tnet accepts; PyTorch's own limit is 64 for most kernels, ONNX has none. */
  public static final int MAX_RANK = 16;

  private final int[] dims;
  private final int size;

  private Shape(int[] dims) {
    if (dims.length > MAX_RANK) {
      throw new UserException("shape " + Arrays.toString(dims) + " has rank " + dims.length
          + ", more than the supported " + MAX_RANK);
    }
    long count = 1;
    for (int d : dims) {
      if (d < 0) throw new UserException("shape " + Arrays.toString(dims) + " has a negative size");
      count *= d;
      if (count > MAX_ELEMENTS) {
        throw new UserException("shape " + Arrays.toString(dims) + " has more than "
            + MAX_ELEMENTS + " elements, the most one tensor can hold");
      }
    }
    this.dims = dims;
    this.size = (int) count;
  }

  public static Shape of(int... dims) {
    return new Shape(dims.clone());
  }

  /** A shape from long sizes, as read from files; refuses sizes that do not fit. */
  public static Shape ofLongs(long... dims) {
    int[] d = new int[dims.length];
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] < 0 || dims[i] > MAX_ELEMENTS) {
        throw new UserException("shape " + Arrays.toString(dims) + " has a size out of range: " + dims[i]);
      }
      d[i] = (int) dims[i];
    }
    return new Shape(d);
  }

  public static Shape scalar() {
    return new Shape(new int[0]);
  }

  public int rank() {
    return dims.length;
  }

  public int dim(int i) {
    return dims[i];
  }

  /** {@code dim(i)} where a negative {@code i} counts from the end, as in PyTorch. */
  public int dimFromEnd(int i) {
    return dims[i < 0 ? dims.length + i : i];
  }

  public int[] dims() {
    return dims.clone();
  }

  /** The number of elements (1 for a scalar). */
  public int size() {
    return size;
  }

  /** Row-major strides, in elements. */
  public int[] strides() {
    int[] s = new int[dims.length];
    int acc = 1;
    for (int i = dims.length - 1; i >= 0; i--) {
      s[i] = acc;
      acc *= dims[i];
    }
    return s;
  }

  public Shape withDim(int axis, int size) {
    int[] d = dims.clone();
    d[axis] = size;
    return new Shape(d);
  }

  public boolean equals(Object o) {
    return o instanceof Shape s && Arrays.equals(dims, s.dims);
  }

  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  /** PyTorch's notation: {@code [1, 3, 224, 224]}. */
  public String toString() {
    return Arrays.toString(dims);
  }
}
