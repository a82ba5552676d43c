package dev.tnet.ir.lower;

import static dev.tnet.ir.lower.NnExprs.clamp;
import static dev.tnet.ir.lower.NnExprs.expm1;
import static dev.tnet.ir.lower.NnExprs.f;
import static dev.tnet.ir.lower.NnExprs.positiveOr;
import static dev.tnet.ir.lower.TensorExprs.call;
import static dev.tnet.ir.lower.TensorExprs.div;
import static dev.tnet.ir.lower.TensorExprs.gt;
import static dev.tnet.ir.lower.TensorExprs.select;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.op.Celu;
import dev.tnet.ir.op.Elu;
import dev.tnet.ir.op.Gelu;
import dev.tnet.ir.op.Hardtanh;
import dev.tnet.ir.op.LeakyRelu;
import dev.tnet.ir.op.Softplus;

/**
 * The parameterised pointwise activations as float expressions of the input element {@code x},
 * each the formula of its reference kernel ({@code interp/ActivationKernels}) with the op's
 * constants rounded to float. The argument-free ones are {@link NnLowering#activation}.
 */
final class ActivationLowering {
  private ActivationLowering() {}

  private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

  /** {@code x > 0 ? x : x * negative_slope}. */
  static Expr leakyRelu(LeakyRelu op, Expr x) {
    return positiveOr(x, Expr.mul(x, f(op.negativeSlope())));
  }

  /** {@code x > 0 ? x : alpha * expm1(x)}. */
  static Expr elu(Elu op, Expr x) {
    return positiveOr(x, Expr.mul(f(op.alpha()), expm1(x)));
  }

  /** {@code x > 0 ? x : alpha * expm1(x / alpha)}. */
  static Expr celu(Celu op, Expr x) {
    return positiveOr(x, Expr.mul(f(op.alpha()), expm1(div(x, f(op.alpha())))));
  }

  static Expr hardtanh(Hardtanh op, Expr x) {
    return clamp(x, f(op.minVal()), f(op.maxVal()));
  }

  /**
   * {@code x * beta > threshold ? x : log1p(exp(x * beta)) / beta}; the log is {@code MathFns.softplus},
   * evaluated in double so that a threshold above float's {@code exp} range cannot overflow.
   */
  static Expr softplus(Softplus op, Expr x) {
    Expr scaled = Expr.mul(x, f(op.beta()));
    return select(gt(scaled, f(op.threshold())), x, div(call("softplus", scaled), f(op.beta())));
  }

  /**
   * Exact: {@code 0.5 * x * erfc(-x / sqrt(2))}. Tanh approximation:
   * {@code 0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))}.
   */
  static Expr gelu(Gelu op, Expr x) {
    Expr half = Expr.mul(f(0.5), x);
    return switch (op.approximate()) {
      case NONE -> Expr.mul(half, call("erfc", div(new Expr.Unary(Expr.UnOp.NEG, x), f(Math.sqrt(2)))));
      case TANH -> {
        Expr cube = Expr.mul(Expr.mul(Expr.mul(f(0.044715), x), x), x);
        yield Expr.mul(half, Expr.add(f(1), call("tanh", Expr.mul(f(SQRT_2_OVER_PI), Expr.add(x, cube)))));
      }
    };
  }
}
