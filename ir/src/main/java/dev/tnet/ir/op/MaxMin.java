package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.runtime.DType;
import java.util.List;
import java.util.Map;

/**
 * {@code max(x, dim=None, keepdim=False)} and {@code min}, as {@code torch.max}/{@code torch.min}
 * with one input. Without {@code dim}: one output, the overall extreme as a 0-d tensor ({@code
 * keepdim} must stay False). With {@code dim}: two outputs, the extremes along {@code dim} and
 * their indices (i64), the first occurrence on ties. A NaN wins over every number (the first NaN's
 * index is returned). Reducing an empty dim is an error. The two-tensor {@code max(x, y)} is
 * {@link Binary}'s {@code maximum}.
 *
 * <p>FLOPs: 1 per input element (a comparison).
 */
public record MaxMin(boolean max, Integer dim, boolean keepdim) implements TensorOp {
  public static final Signature MAX = Signature.of("max").optNone("dim").opt("keepdim", false);
  public static final Signature MIN = Signature.of("min").optNone("dim").opt("keepdim", false);

  static MaxMin create(boolean max, Args a) {
    MaxMin m = new MaxMin(max, TensorChecks.intOrNone(a, "dim"), a.getBool("keepdim"));
    if (m.dim == null && m.keepdim) throw new OpException(m.name(), "keepdim=True needs a dim");
    return m;
  }

  public String name() {
    return max ? "max" : "min";
  }

  public Args args() {
    return (max ? MAX : MIN).bind(Map.of("dim", TensorChecks.intOrNone(dim), "keepdim", AttrValue.of(keepdim)));
  }

  /** Which input dims are reduced: all without {@code dim}. */
  public boolean[] reduced(int rank) {
    return TensorChecks.reducedDims(name(), dim, rank);
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    TensorType values = TensorChecks.extremes(name(), inputs, dim, keepdim);
    return dim == null ? List.of(values) : List.of(values, values.withDtype(DType.I64));
  }

  public Dim flops(List<TensorType> inputs) {
    return inputs.get(0).numel();
  }
}
