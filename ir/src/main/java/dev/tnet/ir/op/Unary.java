package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.runtime.DType;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A pointwise math function without arguments, {@code y = f(x)}, as the {@code torch} function of
 * the same name. On an i64 input the integer-preserving kinds stay i64 ({@link Kind#keepsInt}); the
 * others compute in floating point and return f32, as PyTorch does.
 *
 * <p>FLOPs: 1 per element, whatever {@code f} costs.
 */
public record Unary(Kind kind) implements TensorOp {
  /** The functions, each named as its catalogue entry (lower case). */
  public enum Kind {
    SQRT(false), RSQRT(false), EXP(false), LOG(false), ERF(false), SIN(false), COS(false),
    /** {@code 1 / x}; {@code 1 / 0 = inf}. */
    RECIPROCAL(false),
    ABS(true), NEG(true),
    /** -1, 0 or 1; 0 for both zeros and, as in PyTorch, for NaN. */
    SIGN(true),
    /** {@code x * x}. */
    SQUARE(true),
    FLOOR(true), CEIL(true);

    private final boolean keepsInt;

    Kind(boolean keepsInt) {
      this.keepsInt = keepsInt;
    }

    /** True if an i64 input gives an i64 result (computed exactly on integers). */
    public boolean keepsInt() {
      return keepsInt;
    }

    public String opName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static Signature signature(Kind kind) {
    return Signature.of(kind.opName());
  }

  public String name() {
    return kind.opName();
  }

  public Args args() {
    return signature(kind).bind(Map.of());
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    TensorType x = TensorChecks.single(name(), inputs);
    return List.of(kind.keepsInt() ? x : x.withDtype(DType.F32));
  }

  public Dim flops(List<TensorType> inputs) {
    return inputs.get(0).numel();
  }
}
