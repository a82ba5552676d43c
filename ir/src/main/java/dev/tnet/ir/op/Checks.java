package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.runtime.DType;
import java.util.ArrayList;
import java.util.List;

/** Argument and shape checks shared by ops; each failure is an {@link OpException}. */
public final class Checks {
  private Checks() {}

  /** Requires exactly {@code n} inputs. */
  public static void arity(String op, List<TensorType> inputs, int n) {
    arity(op, inputs, n, n);
  }

  public static void arity(String op, List<TensorType> inputs, int min, int max) {
    if (inputs.size() < min || inputs.size() > max) {
      String want = min == max ? Integer.toString(min) : min + " to " + max;
      throw new OpException(op, "takes " + want + " tensor input" + (max == 1 ? "" : "s") + ", got " + inputs.size());
    }
  }

  /** Requires a rank in {@code [min, max]}; {@code what} names the input, e.g. "input". */
  public static void rank(String op, String what, TensorType t, int min, int max) {
    if (t.rank() < min || t.rank() > max) {
      String want = min == max ? "rank " + min : "rank " + min + " to " + max;
      throw new OpException(op, what + " must have " + want + ", got " + t);
    }
  }

  public static void dtype(String op, String what, TensorType t, DType want) {
    if (t.dtype() != want) throw new OpException(op, what + " must be " + want + ", got " + t);
  }

  /** Normalises a possibly negative axis into {@code [0, rank)}, as PyTorch's dim wrapping. */
  public static int axis(String op, String argName, int axis, int rank) {
    int r = Math.max(rank, 1);
    if (axis < -r || axis >= r) {
      throw new OpException(op, argName + "=" + axis + " is out of range for a tensor of rank " + rank
          + " (expected " + -r + " to " + (r - 1) + ")");
    }
    return axis < 0 ? axis + r : axis;
  }

  /**
   * Broadcasts two types NumPy-style: align from the right; sizes must be equal or one of them 1.
   * Symbolic sizes broadcast only with an equal expression or a 1.
   */
  public static List<Dim> broadcast(String op, TensorType a, TensorType b) {
    return broadcast(op, a.dims(), b.dims(), a + " and " + b);
  }

  public static List<Dim> broadcast(String op, List<Dim> a, List<Dim> b, String whatForErrors) {
    int rank = Math.max(a.size(), b.size());
    List<Dim> out = new ArrayList<>(rank);
    for (int i = 0; i < rank; i++) {
      Dim x = i < rank - a.size() ? Dim.of(1) : a.get(i - (rank - a.size()));
      Dim y = i < rank - b.size() ? Dim.of(1) : b.get(i - (rank - b.size()));
      if (x.equals(y) || y.is(1)) out.add(x);
      else if (x.is(1)) out.add(y);
      else {
        throw new OpException(op, "cannot broadcast " + whatForErrors + ": dimension " + i
            + " of the result would need sizes " + x + " and " + y + " to agree (or one of them to be 1)");
      }
    }
    return out;
  }
}
