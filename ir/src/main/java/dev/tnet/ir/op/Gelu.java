package dev.tnet.ir.op;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code gelu(x, approximate='none')}, pointwise: {@code 'none'} is the exact
 * {@code x / 2 * (1 + erf(x / sqrt(2)))}; {@code 'tanh'} is
 * {@code x / 2 * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))}.
 *
 * <p>FLOPs: 1 per element.
 */
public record Gelu(Approximation approximate) implements PointwiseActivation {
  /** The values of {@code approximate}, named as PyTorch spells them (lower case). */
  public enum Approximation {
    NONE,
    TANH;

    public String argValue() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static final Signature SIGNATURE = Signature.of("gelu").opt("approximate", "none");

  static Gelu create(Args a) {
    String s = a.getChoice("approximate", "none", "tanh");
    return new Gelu(Approximation.valueOf(s.toUpperCase(Locale.ROOT)));
  }

  public String name() {
    return "gelu";
  }

  public Args args() {
    return SIGNATURE.bind(List.of(AttrValue.of(approximate.argValue())), Map.of());
  }
}
