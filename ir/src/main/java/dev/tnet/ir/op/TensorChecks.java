package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.runtime.DType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Argument and shape helpers shared by the {@link TensorOp} family. */
final class TensorChecks {
  private TensorChecks() {}

  /** The only input of a one-input op. */
  static TensorType single(String op, List<TensorType> inputs) {
    Checks.arity(op, inputs, 1);
    return inputs.get(0);
  }

  /** Requires a float input, for ops PyTorch does not define on integers. */
  static TensorType floatOnly(String op, TensorType t) {
    if (t.dtype() != DType.F32) {
      throw new OpException(op, "needs a floating-point input, got " + t + " (PyTorch refuses integer tensors here)");
    }
    return t;
  }

  /** PyTorch's type promotion restricted to tnet's dtypes: f32 if any operand is f32, else i64. */
  static DType promote(List<TensorType> types) {
    return types.stream().anyMatch(t -> t.dtype() == DType.F32) ? DType.F32 : DType.I64;
  }

  /**
   * Wraps the position {@code dim} at which a new dim is inserted into a rank-{@code rank} tensor
   * (unsqueeze, stack): {@code [-rank-1, rank]}, negatives counting from the end of the result.
   */
  static int insertAxis(String op, int dim, int rank) {
    if (dim < -rank - 1 || dim > rank) {
      throw new OpException(op, "dim=" + dim + " is out of range for inserting a dim into a tensor of rank " + rank
          + " (expected " + (-rank - 1) + " to " + rank + ")");
    }
    return dim < 0 ? dim + rank + 1 : dim;
  }

  /** Requires at least one input, for ops over a list of tensors. */
  static void someInputs(String op, List<TensorType> inputs) {
    if (inputs.isEmpty()) throw new OpException(op, "needs at least one tensor input, got none");
  }

  /** An int list argument as an immutable list. */
  static List<Integer> intList(Args a, String name) {
    return Arrays.stream(a.getIntList(name)).boxed().toList();
  }

  /** An optional dim list: null for {@code None} and for the empty tuple (both mean "all dims"). */
  static List<Integer> dimsOrAll(Args a, String name) {
    if (a.isNone(name)) return null;
    List<Integer> dims = intList(a, name);
    return dims.isEmpty() ? null : dims;
  }

  /** An optional single int: null for {@code None}. */
  static Integer intOrNone(Args a, String name) {
    return a.isNone(name) ? null : a.getInt(name);
  }

  static AttrValue ints(List<Integer> v) {
    return AttrValue.ints(v.stream().mapToLong(Integer::longValue).toArray());
  }

  static AttrValue intsOrNone(List<Integer> v) {
    return v == null ? AttrValue.NONE : ints(v);
  }

  static AttrValue intOrNone(Integer v) {
    return v == null ? AttrValue.NONE : AttrValue.of(v);
  }

  /**
   * Which dims of a rank-{@code rank} tensor {@code dims} names ({@code null}: all), for reductions
   * and squeeze. Negative dims wrap; a repeated dim is an error, as in PyTorch. A 0-d tensor
   * accepts dim 0 or -1 and has nothing to name.
   */
  static boolean[] reducedDims(String op, List<Integer> dims, int rank) {
    boolean[] reduced = new boolean[rank];
    if (dims == null) {
      Arrays.fill(reduced, true);
      return reduced;
    }
    boolean[] seen = new boolean[Math.max(rank, 1)];
    for (int d : dims) {
      int a = Checks.axis(op, "dim", d, rank);
      if (seen[a]) throw new OpException(op, "dim " + a + " appears more than once in dim=" + ints(dims));
      seen[a] = true;
      if (rank > 0) reduced[a] = true;
    }
    return reduced;
  }

  /** The dims left after reducing: kept as 1 with {@code keepdim}, dropped otherwise. */
  static List<Dim> reducedShape(TensorType t, boolean[] reduced, boolean keepdim) {
    List<Dim> out = new ArrayList<>();
    for (int i = 0; i < t.rank(); i++) {
      if (!reduced[i]) out.add(t.dims().get(i));
      else if (keepdim) out.add(Dim.of(1));
    }
    return out;
  }

  /**
   * For reductions without an identity (max, argmax, ...): refuses a reduced dim known to be 0, as
   * PyTorch does ("Expected reduction dim to have non-zero size").
   */
  static void nonEmptyReduction(String op, TensorType t, boolean[] reduced) {
    for (int i = 0; i < t.rank(); i++) {
      if (reduced[i] && t.dims().get(i).is(0)) {
        throw new OpException(op, "cannot reduce over dim " + i + " of size 0 (input " + t
            + "): the result has no identity value");
      }
    }
  }

  /** The dims reduced along an optional {@code dim}: that one, or all of them when it is None. */
  static boolean[] reducedDims(String op, Integer dim, int rank) {
    return reducedDims(op, dim == null ? null : List.of(dim), rank);
  }

  /**
   * The type of the extremes of the single input along an optional {@code dim} ({@link MaxMin},
   * {@link ArgReduce}), in the input's dtype; refused where a reduced dim is empty.
   */
  static TensorType extremes(String op, List<TensorType> inputs, Integer dim, boolean keepdim) {
    TensorType x = single(op, inputs);
    boolean[] reduced = reducedDims(op, dim, x.rank());
    nonEmptyReduction(op, x, reduced);
    return x.withDims(reducedShape(x, reduced, keepdim));
  }
}
