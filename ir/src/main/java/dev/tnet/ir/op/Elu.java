package dev.tnet.ir.op;

import java.util.List;
import java.util.Map;

/** {@code elu(x, alpha=1.0)}: {@code x > 0 ? x : alpha * (exp(x) - 1)}, pointwise. */
public record Elu(double alpha) implements PointwiseActivation {
  public static final Signature SIGNATURE = Signature.of("elu").opt("alpha", 1.0);

  static Elu create(Args a) {
    return new Elu(a.getDouble("alpha"));
  }

  public String name() {
    return "elu";
  }

  public Args args() {
    return SIGNATURE.bind(List.of(AttrValue.of(alpha)), Map.of());
  }
}
