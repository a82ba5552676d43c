package dev.tnet.runtime.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * What a kernel applies to each result while it is still in cache: {@code y = act(acc + bias +
 * residual)}. The activation is a code with up to two float arguments {@code a, b}:
 * {@link #IDENTITY}, {@link #RELU} ({@code x < 0 ? 0 : x}, keeping -0.0 and NaN as PyTorch),
 * {@link #CLAMP} ({@code min(max(x, a), b)}: relu6, hardtanh) and {@link #LEAKY} ({@code x < 0 ?
 * a*x : x}).
 */
public record Epilogue(int activation, float a, float b) {
  public static final int IDENTITY = 0, RELU = 1, CLAMP = 2, LEAKY = 3;
  public static final Epilogue NONE = new Epilogue(IDENTITY, 0, 0);

  public Epilogue {
    if (activation < IDENTITY || activation > LEAKY) throw new IllegalArgumentException("no activation " + activation);
  }

  /** A short name for messages and dumps: {@code relu}, {@code clamp(0.0, 6.0)}. */
  public String describe() {
    return switch (activation) {
      case RELU -> "relu";
      case CLAMP -> "clamp(" + a + ", " + b + ")";
      case LEAKY -> "leaky(" + a + ")";
      default -> "identity";
    };
  }

  float apply(float v) {
    return switch (activation) {
      case RELU -> v < 0 ? 0f : v;
      case CLAMP -> Float.isNaN(v) ? v : Math.min(Math.max(v, a), b);
      case LEAKY -> v < 0 ? a * v : v;
      default -> v;
    };
  }

  FloatVector apply(FloatVector v) {
    return switch (activation) {
      case RELU -> v.blend(0f, v.compare(VectorOperators.LT, 0f));
      case CLAMP -> v.max(a).min(b).blend(v, v.test(VectorOperators.IS_NAN));
      case LEAKY -> v.blend(v.mul(a), v.compare(VectorOperators.LT, 0f));
      default -> v;
    };
  }
}
