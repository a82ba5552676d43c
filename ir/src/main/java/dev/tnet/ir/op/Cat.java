package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code cat(tensors, dim=0)}: joins one or more inputs along an existing dim; every other dim
 * must match. Mixed dtypes promote to f32, as in PyTorch. PyTorch's legacy rule is kept: a 1-d
 * input of size 0 is skipped whatever the others' shapes. 0-d inputs cannot be joined.
 *
 * <p>FLOPs: 0 (data movement only).
 */
public record Cat(int dim) implements TensorOp {
  public static final Signature SIGNATURE = Signature.of("cat").opt("dim", 0);

  static Cat create(Args a) {
    return new Cat(a.getInt("dim"));
  }

  public String name() {
    return "cat";
  }

  public Args args() {
    return SIGNATURE.bind(Map.of("dim", AttrValue.of(dim)));
  }

  /** PyTorch's legacy exception: a 1-d empty tensor joins anything (and contributes nothing). */
  public static boolean isSkipped(TensorType t) {
    return t.rank() == 1 && t.dims().get(0).is(0);
  }

  /**
   * The wrapped cat dim for these inputs (by the rank of the first non-skipped one), or -1 if all
   * are skipped; then the result is 1-d and empty whatever {@code dim} says, as in PyTorch.
   */
  public int axis(List<TensorType> inputs) {
    for (int i = 0; i < inputs.size(); i++) {
      TensorType t = inputs.get(i);
      if (t.rank() == 0) throw new OpException(name(), "input " + i + " is 0-d (" + t + ") and cannot be concatenated");
    }
    for (TensorType t : inputs) {
      if (!isSkipped(t)) return Checks.axis(name(), "dim", dim, t.rank());
    }
    return -1;
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    TensorChecks.someInputs(name(), inputs);
    int axis = axis(inputs);
    var dtype = TensorChecks.promote(inputs);
    if (axis < 0) return List.of(new TensorType(dtype, List.of(Dim.of(0))));
    int first = -1;
    List<Dim> out = null;
    for (int i = 0; i < inputs.size(); i++) {
      TensorType t = inputs.get(i);
      if (isSkipped(t)) continue;
      if (out == null) {
        first = i;
        out = new ArrayList<>(t.dims());
        continue;
      }
      TensorType ref = inputs.get(first);
      if (t.rank() != ref.rank()) {
        throw new OpException(name(), "input " + i + " " + t + " has rank " + t.rank() + " but input " + first
            + " " + ref + " has rank " + ref.rank());
      }
      for (int d = 0; d < t.rank(); d++) {
        if (d == axis) continue;
        if (!t.dims().get(d).equals(ref.dims().get(d))) {
          throw new OpException(name(), "input " + i + " " + t + " does not match input " + first + " " + ref
              + " in dim " + d + "; sizes must match except in the cat dim " + axis);
        }
      }
      out.set(axis, out.get(axis).plus(t.dims().get(axis)));
    }
    return List.of(new TensorType(dtype, out));
  }

  public Dim flops(List<TensorType> inputs) {
    return Dim.of(0);
  }
}
