package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import java.util.List;
import java.util.Map;

/** {@code leaky_relu(x, negative_slope=0.01)}: {@code x > 0 ? x : x * negative_slope}, pointwise. */
public record LeakyRelu(double negativeSlope) implements NnOp {
  public static final Signature SIGNATURE = Signature.of("leaky_relu").opt("negative_slope", 0.01);

  static LeakyRelu create(Args a) {
    return new LeakyRelu(a.getDouble("negative_slope"));
  }

  public String name() {
    return "leaky_relu";
  }

  public Args args() {
    return SIGNATURE.bind(List.of(AttrValue.of(negativeSlope)), Map.of());
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    return List.of(NnChecks.floatInput(name(), inputs));
  }

  /** 1 per element. */
  public Dim flops(List<TensorType> inputs) {
    return inputs.get(0).numel();
  }
}
