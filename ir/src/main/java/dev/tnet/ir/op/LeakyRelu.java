package dev.tnet.ir.op;

import java.util.List;
import java.util.Map;

/** {@code leaky_relu(x, negative_slope=0.01)}: {@code x > 0 ? x : x * negative_slope}, pointwise. */
public record LeakyRelu(double negativeSlope) implements PointwiseActivation {
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
}
