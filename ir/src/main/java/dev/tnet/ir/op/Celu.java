package dev.tnet.ir.op;

import java.util.List;
import java.util.Map;

/**
 * {@code celu(x, alpha=1.0)}: {@code max(0, x) + min(0, alpha * (exp(x / alpha) - 1))}, pointwise.
 * {@code alpha=0} is refused, as PyTorch refuses it.
 */
public record Celu(double alpha) implements PointwiseActivation {
  public static final Signature SIGNATURE = Signature.of("celu").opt("alpha", 1.0);

  static Celu create(Args a) {
    double alpha = a.getDouble("alpha");
    if (alpha == 0) throw new OpException(a.op(), "alpha=0 is not allowed (celu divides by alpha)");
    return new Celu(alpha);
  }

  public String name() {
    return "celu";
  }

  public Args args() {
    return SIGNATURE.bind(List.of(AttrValue.of(alpha)), Map.of());
  }
}
