package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.runtime.DType;
import java.util.List;
import java.util.Map;

/**
 * {@code clamp(x, min=None, max=None)}: {@code min(max(x, min), max)} with at least one bound
 * given, as {@code torch.clamp}; so {@code min > max} gives {@code max} everywhere, and a NaN
 * element stays NaN. An i64 input stays i64 when the bounds are ints and becomes f32 when one is a
 * float (PyTorch's type promotion).
 *
 * <p>FLOPs: 1 per element.
 */
public record Clamp(Scalar min, Scalar max) implements TensorOp {
  public static final Signature SIGNATURE = Signature.of("clamp").optNone("min").optNone("max");

  static Clamp create(Args a) {
    Scalar lo = Scalar.optional(a, "min"), hi = Scalar.optional(a, "max");
    if (lo == null && hi == null) throw new OpException("clamp", "at least one of min and max must be given");
    return new Clamp(lo, hi);
  }

  public String name() {
    return "clamp";
  }

  public Args args() {
    return SIGNATURE.bind(Map.of("min", Scalar.attrOrNone(min), "max", Scalar.attrOrNone(max)));
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    TensorType x = TensorChecks.single(name(), inputs);
    boolean floatBound = (min != null && !min.isInt()) || (max != null && !max.isInt());
    return List.of(floatBound ? x.withDtype(DType.F32) : x);
  }

  public Dim flops(List<TensorType> inputs) {
    return inputs.get(0).numel();
  }
}
