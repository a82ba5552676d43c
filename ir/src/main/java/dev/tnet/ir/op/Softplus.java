package dev.tnet.ir.op;

import java.util.List;
import java.util.Map;

/**
 * {@code softplus(x, beta=1.0, threshold=20.0)}: {@code x * beta > threshold ? x : log(1 +
 * exp(beta * x)) / beta}, pointwise (the linear branch avoids overflow).
 */
public record Softplus(double beta, double threshold) implements PointwiseActivation {
  public static final Signature SIGNATURE = Signature.of("softplus").opt("beta", 1.0).opt("threshold", 20.0);

  static Softplus create(Args a) {
    return new Softplus(a.getDouble("beta"), a.getDouble("threshold"));
  }

  public String name() {
    return "softplus";
  }

  public Args args() {
    return SIGNATURE.bind(List.of(AttrValue.of(beta), AttrValue.of(threshold)), Map.of());
  }
}
