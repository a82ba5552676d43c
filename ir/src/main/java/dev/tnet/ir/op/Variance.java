package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import java.util.List;
import java.util.Map;

/**
 * {@code var(x, dim=None, correction=1, keepdim=False)} and {@code std} (its square root), over a
 * set of dims as {@link Reduce}: {@code sum((x - mean)^2) / max(0, N - correction)}. The spelling
 * is PyTorch 2.x's {@code correction}; the older {@code unbiased=True} is {@code correction=1}
 * (the default), {@code unbiased=False} is {@code correction=0}. So one element with the default
 * gives {@code 0/0 = NaN}, and {@code correction >= N} gives inf (or NaN), as PyTorch. Float
 * inputs only.
 *
 * <p>FLOPs: 3 per input element (subtract the mean, square, add); the mean's pass is not counted.
 */
public record Variance(boolean std, List<Integer> dims, int correction, boolean keepdim) implements TensorOp {
  public static final Signature VAR = signature("var");
  public static final Signature STD = signature("std");

  /** {@code dims == null} reduces every dim. */
  public Variance {
    dims = dims == null ? null : List.copyOf(dims);
  }

  private static Signature signature(String name) {
    return Signature.of(name).optNone("dim").opt("correction", 1).opt("keepdim", false);
  }

  static Variance create(boolean std, Args a) {
    return new Variance(std, TensorChecks.dimsOrAll(a, "dim"), a.getInt("correction"), a.getBool("keepdim"));
  }

  public String name() {
    return std ? "std" : "var";
  }

  public Args args() {
    return (std ? STD : VAR).bind(Map.of("dim", TensorChecks.intsOrNone(dims), "correction", AttrValue.of(correction),
        "keepdim", AttrValue.of(keepdim)));
  }

  /** Which input dims are reduced, for an input of {@code rank}. */
  public boolean[] reduced(int rank) {
    return TensorChecks.reducedDims(name(), dims, rank);
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    TensorType x = TensorChecks.floatOnly(name(), TensorChecks.single(name(), inputs));
    return List.of(x.withDims(TensorChecks.reducedShape(x, reduced(x.rank()), keepdim)));
  }

  public Dim flops(List<TensorType> inputs) {
    return inputs.get(0).numel().times(3);
  }
}
