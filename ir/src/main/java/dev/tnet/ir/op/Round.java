package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import java.util.List;
import java.util.Map;

/**
 * {@code round(x, decimals=0)}: rounds half to even, as {@code torch.round}. With {@code decimals
 * > 0} it computes {@code rint(x * 10^d) / 10^d}, with {@code decimals < 0} {@code rint(x / 10^-d)
 * * 10^-d}, PyTorch's formulas. Float inputs only (PyTorch 1.13 has no integer round).
 *
 * <p>FLOPs: 1 per element.
 */
public record Round(int decimals) implements TensorOp {
  public static final Signature SIGNATURE = Signature.of("round").opt("decimals", 0);

  static Round create(Args a) {
    return new Round(a.getInt("decimals"));
  }

  public String name() {
    return "round";
  }

  public Args args() {
    return SIGNATURE.bind(Map.of("decimals", AttrValue.of(decimals)));
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    return List.of(TensorChecks.floatOnly(name(), TensorChecks.single(name(), inputs)));
  }

  public Dim flops(List<TensorType> inputs) {
    return inputs.get(0).numel();
  }
}
