package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import java.util.List;
import java.util.Map;

/**
 * {@code softmax(x, dim)} and {@code log_softmax(x, dim)} along one dim (negative counts from the
 * end; required, since PyTorch's implicit choice is deprecated):
 * {@code softmax = exp(x - m) / sum(exp(x - m))} and
 * {@code log_softmax = x - m - log(sum(exp(x - m)))} with {@code m} the max along {@code dim},
 * so inputs of any magnitude do not overflow. A 0-d input takes {@code dim} 0 or -1.
 *
 * <p>FLOPs: 4 per element (max, exp, sum, divide or subtract).
 */
public record Softmax(int dim, boolean log) implements NnOp {
  public static final Signature SOFTMAX = Signature.of("softmax").req("dim");
  public static final Signature LOG_SOFTMAX = Signature.of("log_softmax").req("dim");

  static Softmax softmax(Args a) {
    return new Softmax(a.getInt("dim"), false);
  }

  static Softmax logSoftmax(Args a) {
    return new Softmax(a.getInt("dim"), true);
  }

  public String name() {
    return log ? "log_softmax" : "softmax";
  }

  public Args args() {
    return (log ? LOG_SOFTMAX : SOFTMAX).bind(List.of(AttrValue.of(dim)), Map.of());
  }

  /** {@link #dim} wrapped into {@code [0, rank)} (0 for a 0-d input). */
  public int axis(int rank) {
    return Checks.axis(name(), "dim", dim, rank);
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    TensorType x = NnChecks.floatInput(name(), inputs);
    axis(x.rank());
    return List.of(x);
  }

  public Dim flops(List<TensorType> inputs) {
    return inputs.get(0).numel().times(4);
  }
}
