package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.runtime.DType;
import java.util.List;
import java.util.Map;

/**
 * {@code argmax(x, dim=None, keepdim=False)} and {@code argmin}: the i64 index of the extreme
 * along {@code dim}, or into the flattened input when {@code dim} is None (then {@code keepdim}
 * gives all dims size 1). The first occurrence wins ties; a NaN wins over every number, as in
 * PyTorch. Reducing an empty dim is an error.
 *
 * <p>FLOPs: 1 per input element (a comparison).
 */
public record ArgReduce(boolean max, Integer dim, boolean keepdim) implements TensorOp {
  public static final Signature ARGMAX = Signature.of("argmax").optNone("dim").opt("keepdim", false);
  public static final Signature ARGMIN = Signature.of("argmin").optNone("dim").opt("keepdim", false);

  static ArgReduce create(boolean max, Args a) {
    return new ArgReduce(max, TensorChecks.intOrNone(a, "dim"), a.getBool("keepdim"));
  }

  public String name() {
    return max ? "argmax" : "argmin";
  }

  public Args args() {
    return (max ? ARGMAX : ARGMIN).bind(Map.of("dim", TensorChecks.intOrNone(dim), "keepdim", AttrValue.of(keepdim)));
  }

  /** Which input dims are reduced: all without {@code dim}. */
  public boolean[] reduced(int rank) {
    return TensorChecks.reducedDims(name(), dim, rank);
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    return List.of(TensorChecks.extremes(name(), inputs, dim, keepdim).withDtype(DType.I64));
  }

  public Dim flops(List<TensorType> inputs) {
    return inputs.get(0).numel();
  }
}
