package dev.tnet.ir.op;

import java.util.List;
import java.util.Map;

/**
 * {@code hardtanh(x, min_val=-1.0, max_val=1.0)}: {@code min(max(x, min_val), max_val)}, pointwise;
 * NaN stays NaN. {@code max_val} must exceed {@code min_val}, as {@code nn.Hardtanh} asserts.
 */
public record Hardtanh(double minVal, double maxVal) implements PointwiseActivation {
  public static final Signature SIGNATURE = Signature.of("hardtanh").opt("min_val", -1.0).opt("max_val", 1.0);

  static Hardtanh create(Args a) {
    double lo = a.getDouble("min_val"), hi = a.getDouble("max_val");
    if (!(hi > lo)) throw new OpException(a.op(), "max_val=" + hi + " must be greater than min_val=" + lo);
    return new Hardtanh(lo, hi);
  }

  public String name() {
    return "hardtanh";
  }

  public Args args() {
    return SIGNATURE.bind(List.of(AttrValue.of(minVal), AttrValue.of(maxVal)), Map.of());
  }
}
