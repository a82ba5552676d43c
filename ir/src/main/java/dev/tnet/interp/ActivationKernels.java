package dev.tnet.interp;

import dev.tnet.runtime.ErrorFunction;

import dev.tnet.ir.op.Activation;
import dev.tnet.ir.op.Celu;
import dev.tnet.ir.op.Elu;
import dev.tnet.ir.op.Gelu;
import dev.tnet.ir.op.Hardtanh;
import dev.tnet.ir.op.LeakyRelu;
import dev.tnet.ir.op.Softplus;
import dev.tnet.runtime.Tensor;
import java.util.function.DoubleUnaryOperator;

/**
 * Reference kernels of the pointwise activations: each maps every element through a function
 * evaluated in double from the float input and rounds once to float. Comparisons are written so
 * that NaN propagates and -0.0 keeps its sign where PyTorch keeps it.
 */
final class ActivationKernels {
  private ActivationKernels() {}

  private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

  static Tensor map(Tensor x, DoubleUnaryOperator f) {
    float[] xs = x.floats(), y = new float[xs.length];
    for (int i = 0; i < xs.length; i++) y[i] = (float) f.applyAsDouble(xs[i]);
    return Tensor.of(x.shape(), y);
  }

  static DoubleUnaryOperator function(Activation.Kind kind) {
    return switch (kind) {
      case RELU -> v -> v < 0 ? 0 : v;
      case RELU6 -> v -> clamp(v, 0, 6);
      case SELU -> v -> Activation.SELU_SCALE * (v > 0 ? v : Activation.SELU_ALPHA * expm1(v));
      case SIGMOID -> ActivationKernels::sigmoid;
      case TANH -> Math::tanh;
      case HARDSIGMOID -> v -> clamp(v + 3, 0, 6) / 6;
      case HARDSWISH -> v -> v * clamp(v + 3, 0, 6) / 6;
      case SILU -> v -> v * sigmoid(v);
      case MISH -> v -> v * Math.tanh(Math.log1p(Math.exp(v)));
    };
  }

  static DoubleUnaryOperator leakyRelu(LeakyRelu op) {
    return v -> v > 0 ? v : v * op.negativeSlope();
  }

  static DoubleUnaryOperator elu(Elu op) {
    return v -> v > 0 ? v : op.alpha() * expm1(v);
  }

  static DoubleUnaryOperator celu(Celu op) {
    return v -> v > 0 ? v : op.alpha() * expm1(v / op.alpha());
  }

  static DoubleUnaryOperator hardtanh(Hardtanh op) {
    return v -> clamp(v, op.minVal(), op.maxVal());
  }

  static DoubleUnaryOperator softplus(Softplus op) {
    return v -> v * op.beta() > op.threshold() ? v : Math.log1p(Math.exp(v * op.beta())) / op.beta();
  }

  static DoubleUnaryOperator gelu(Gelu op) {
    return switch (op.approximate()) {
      case NONE -> v -> 0.5 * v * ErrorFunction.erfc(-v / Math.sqrt(2));
      case TANH -> v -> 0.5 * v * (1 + Math.tanh(SQRT_2_OVER_PI * (v + 0.044715 * v * v * v)));
    };
  }

  /** {@code x > 0 ? x : weight[c] * x}, {@code c} the index along dim 1 (or 0 for one weight). */
  static Tensor prelu(Tensor x, Tensor weight) {
    float[] xs = x.floats(), w = weight.floats(), y = new float[xs.length];
    int inner = w.length == 1 ? 1 : x.strides()[1];
    for (int k = 0; k < xs.length; k++) {
      double a = w[w.length == 1 ? 0 : (k / inner) % w.length];
      y[k] = (float) (xs[k] > 0 ? xs[k] : a * xs[k]);
    }
    return Tensor.of(x.shape(), y);
  }

  /** {@code min(max(v, lo), hi)}, NaN-propagating. */
  private static double clamp(double v, double lo, double hi) {
    return v < lo ? lo : v > hi ? hi : v;
  }

  /**
   * {@code exp(v) - 1} without cancellation, except that {@code -0.0} gives {@code +0.0} as
   * PyTorch's ELU family ({@code exp(x) - 1}) does.
   */
  private static double expm1(double v) {
    return Math.expm1(v) + 0.0;
  }

  private static double sigmoid(double v) {
    return 1 / (1 + Math.exp(-v));
  }
}
