package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code squeeze(x, dim=None)}: removes size-1 dims; all of them when {@code dim} is None, else
 * those listed in {@code dim} (an int or a tuple, negatives wrap). Naming a dim whose size is not
 * 1 is a no-op, as in PyTorch. The tuple form is PyTorch 2.0's; a repeated dim is an error.
 * A symbolic dim is never squeezed (its size is not known to be 1).
 *
 * <p>FLOPs: 0 (data movement only).
 */
public record Squeeze(List<Integer> dims) implements TensorOp {
  public static final Signature SIGNATURE = Signature.of("squeeze").optNone("dim");

  /** {@code dims == null} squeezes every size-1 dim. */
  public Squeeze {
    dims = dims == null ? null : List.copyOf(dims);
  }

  static Squeeze create(Args a) {
    return new Squeeze(a.isNone("dim") ? null : TensorChecks.intList(a, "dim"));
  }

  public String name() {
    return "squeeze";
  }

  public Args args() {
    return SIGNATURE.bind(Map.of("dim", TensorChecks.intsOrNone(dims)));
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    TensorType x = TensorChecks.single(name(), inputs);
    boolean[] named = TensorChecks.reducedDims(name(), dims, x.rank());
    List<Dim> out = new ArrayList<>();
    for (int i = 0; i < x.rank(); i++) {
      Dim d = x.dims().get(i);
      if (named[i] && !d.isKnown()) {
        // Whether the dim goes depends on its run-time size: the output's rank would too.
        throw new OpException(name(), "dim " + i + " of " + x + " is the symbolic size " + d
            + ", which may or may not be 1; squeeze only known dims (give dim=...)");
      }
      if (!(named[i] && d.is(1))) out.add(d);
    }
    return List.of(x.withDims(out));
  }

  public Dim flops(List<TensorType> inputs) {
    return Dim.of(0);
  }
}
