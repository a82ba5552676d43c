package dev.tnet.ir.op;

import java.util.Locale;
import java.util.Map;

/**
 * A pointwise activation without arguments, {@code y = f(x)} on a float tensor of any rank. The
 * parameterised activations have a record each ({@link LeakyRelu}, {@link Elu}, {@link Celu},
 * {@link Hardtanh}, {@link Gelu}, {@link Softplus}, {@link PRelu}).
 *
 * <p>PyTorch's {@code inplace} flag is not an argument: tnet values are immutable.
 *
 * <p>FLOPs: 1 per element, whatever {@code f} costs.
 */
public record Activation(Kind kind) implements PointwiseActivation {
  /** The functions, each named as its catalogue entry (lower case). */
  public enum Kind {
    /** {@code x < 0 ? 0 : x}; keeps -0.0 and NaN, as PyTorch's {@code clamp_min}. */
    RELU,
    /** {@code min(max(x, 0), 6)}, i.e. {@code hardtanh(x, 0, 6)}. */
    RELU6,
    /** {@code scale * (x > 0 ? x : alpha * (exp(x) - 1))}, with PyTorch's alpha and scale. */
    SELU,
    /** {@code 1 / (1 + exp(-x))}. */
    SIGMOID,
    TANH,
    /** {@code min(max(x + 3, 0), 6) / 6}. */
    HARDSIGMOID,
    /** {@code x * min(max(x + 3, 0), 6) / 6}. */
    HARDSWISH,
    /** {@code x * sigmoid(x)}. */
    SILU,
    /** {@code x * tanh(log(1 + exp(x)))}. */
    MISH;

    public String opName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** SELU's constants (Klambauer et al. 2017), as PyTorch writes them. */
  public static final double SELU_ALPHA = 1.6732632423543772848170429916717;
  public static final double SELU_SCALE = 1.0507009873554804934193349852946;

  public static Signature signature(Kind kind) {
    return Signature.of(kind.opName());
  }

  public String name() {
    return kind.opName();
  }

  public Args args() {
    return signature(kind).bind(Map.of());
  }
}
