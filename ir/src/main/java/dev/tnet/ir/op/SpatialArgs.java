package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.runtime.DType;
import java.util.ArrayList;
import java.util.List;

/**
 * Argument parsing and input checks shared by the spatial ops.
 *
 * <p>Layout: a spatial op over {@code n} spatial dims takes {@code [N, C, *spatial]} (batched) or
 * {@code [C, *spatial]} (unbatched, as PyTorch's convolutions and pooling; interpolate and global
 * pooling need the batch); the spatial dims are the last {@code n}. Per-dim arguments are in the
 * order of the spatial dims (depth, height, width).
 */
public final class SpatialArgs {
  private SpatialArgs() {}

  /** An int or a tuple of {@code dims} ints, each at least {@code min}, as an immutable list. */
  static List<Integer> ints(Args a, String name, int dims, int min) {
    int[] v = a.getInts(name, dims);
    List<Integer> r = new ArrayList<>(dims);
    for (int x : v) {
      if (x < min) throw new OpException(a.op(), name + "=" + a.get(name) + " must be at least " + min);
      r.add(x);
    }
    return List.copyOf(r);
  }

  /** The attribute that prints {@code values}: one int when all are equal, else a tuple. */
  static AttrValue attr(List<Integer> values) {
    if (!values.isEmpty() && values.stream().allMatch(values.get(0)::equals)) return AttrValue.of(values.get(0));
    return AttrValue.ints(values.stream().mapToLong(Integer::longValue).toArray());
  }

  /** Product of a tuple, as a long. */
  static long product(List<Integer> values) {
    long p = 1;
    for (int v : values) p *= v;
    return p;
  }

  /**
   * Checks the single f32 input of a spatial op over {@code dims} spatial dims: batched (rank
   * {@code dims + 2}) or unbatched (rank {@code dims + 1}), with non-empty spatial dims.
   */
  static TensorType input(String op, List<TensorType> inputs, int dims) {
    Checks.arity(op, inputs, 1);
    TensorType x = inputs.get(0);
    if (x.rank() < dims + 1 || x.rank() > dims + 2) {
      throw new OpException(op, "expected a rank-" + (dims + 1) + " or rank-" + (dims + 2) + " input [C, "
          + spatialNames(dims) + "] or [N, C, " + spatialNames(dims) + "], got " + x);
    }
    Checks.dtype(op, "input", x, DType.F32);
    for (int i = 0; i < dims; i++) {
      Dim d = x.dim(x.rank() - dims + i);
      if (d.is(0)) throw new OpException(op, "spatial dim " + i + " of the input is empty: " + x);
    }
    return x;
  }

  /**
   * Checks the single f32 input of an op that needs a batch dim: {@code [N, C, *spatial]} with 1
   * to 3 spatial dims (rank 3 to 5).
   */
  static TensorType batchedInput(String op, List<TensorType> inputs) {
    Checks.arity(op, inputs, 1);
    TensorType x = inputs.get(0);
    Checks.rank(op, "input [N, C, *spatial]", x, 3, 5);
    Checks.dtype(op, "input", x, DType.F32);
    return x;
  }

  /** The known channel count of {@code x} (the dim before the {@code dims} spatial dims). */
  static int channels(String op, TensorType x, int dims) {
    Dim c = x.dim(x.rank() - dims - 1);
    if (!c.isKnown()) throw new OpException(op, "the channel dim must be known, got " + x);
    return c.intValue();
  }

  /** {@code x}'s dims with the last {@code spatial.size()} replaced by {@code spatial}. */
  static List<Dim> withSpatial(TensorType x, List<Dim> spatial) {
    List<Dim> out = x.dimsCopy();
    int first = out.size() - spatial.size();
    for (int i = 0; i < spatial.size(); i++) out.set(first + i, spatial.get(i));
    return out;
  }

  /**
   * The output size of a sliding window along one dim, as PyTorch's {@code pooling_output_shape}
   * (also right for convolutions, which never use ceil mode): windows of extent
   * {@code eff = dilation * (kernel - 1) + 1} start every {@code stride} at {@code -padBegin};
   * floor mode keeps the windows that end inside the padded input ({@code in + padBegin +
   * padEnd}). Ceil mode also keeps a last partial window, unless it would start at or past {@code
   * in + padBegin}, i.e. inside the end padding.
   *
   * <p>Ceil mode as a closed form (so it works on symbolic dims): the last kept window index is
   * the largest {@code o} with {@code o*stride <= X + stride - 1} (the ceil division, {@code X =
   * in + 2*pad - eff}) and {@code o*stride <= in + pad - 1} (PyTorch's correction), giving
   * {@code floor((in + pad - 1 + min(0, stride + pad - eff)) / stride) + 1}. Pooling is always
   * symmetric, so ceil mode takes {@code padBegin == padEnd}.
   */
  public static Dim windows(Dim in, int kernel, int stride, int padBegin, int padEnd, int dilation, boolean ceilMode) {
    long eff = (long) dilation * (kernel - 1) + 1;
    // floor(a / s) + 1 is written floor((a + s) / s), which keeps symbolic sizes simple: H/2, not (H-2)/2+1.
    if (ceilMode) {
      return in.plus(padBegin - 1 + Math.min(0, stride + padBegin - eff) + stride).floorDiv(stride);
    }
    return in.plus(padBegin + padEnd - eff + stride).floorDiv(stride);
  }

  /** A pooling {@code stride}: {@code None} means the kernel size, as in PyTorch. */
  static List<Integer> poolStride(Args a, int dims, List<Integer> kernel) {
    return a.isNone("stride") ? kernel : ints(a, "stride", dims, 1);
  }

  /** Pooling {@code padding}: non-negative and at most half the kernel size, as PyTorch requires. */
  static List<Integer> poolPadding(Args a, int dims, List<Integer> kernel) {
    List<Integer> p = ints(a, "padding", dims, 0);
    for (int i = 0; i < dims; i++) {
      if (p.get(i) > kernel.get(i) / 2) {
        throw new OpException(a.op(), "padding=" + a.get("padding") + " must be at most half of kernel_size="
            + a.get("kernel_size") + " in every dim, as in PyTorch");
      }
    }
    return p;
  }

  /**
   * The spatial output dims of a pooling window sweep over {@code x} (see {@link #windows}); fails
   * where a known output would be empty.
   */
  static List<Dim> poolOutput(String op, TensorType x, List<Integer> kernel, List<Integer> stride,
      List<Integer> padding, List<Integer> dilation, boolean ceilMode) {
    int dims = kernel.size();
    List<Dim> out = new ArrayList<>();
    for (int i = 0; i < dims; i++) {
      Dim in = x.dim(x.rank() - dims + i);
      Dim o = windows(in, kernel.get(i), stride.get(i), padding.get(i), padding.get(i), dilation.get(i), ceilMode);
      if (o.isKnown() && o.value() < 1) {
        long eff = (long) dilation.get(i) * (kernel.get(i) - 1) + 1;
        throw new OpException(op, "kernel_size=" + attr(kernel) + " spans " + eff + " elements in spatial dim "
            + i + ", more than the padded input " + (in.value() + 2L * padding.get(i)) + " (input " + x
            + ", padding=" + attr(padding) + ")");
      }
      out.add(o);
    }
    return out;
  }

  private static String spatialNames(int dims) {
    return switch (dims) {
      case 1 -> "L";
      case 2 -> "H, W";
      default -> "D, H, W";
    };
  }
}
