package dev.tnet.interp;

import dev.tnet.ir.op.NnOp;
import dev.tnet.ir.op.Op;
import dev.tnet.ir.op.SpatialOp;
import dev.tnet.ir.op.TensorOp;
import dev.tnet.runtime.Tensor;
import java.util.List;

/**
 * The reference implementation of every op: the executable definition of its numbers.
 *
 * <p>Kernels are written to be obviously correct, not fast: direct loops over output elements,
 * accumulation in double, PyTorch's semantics. Inputs have already passed {@link Op#infer}, so a
 * kernel may assume valid shapes; it must not mutate its inputs.
 */
public final class Kernels {
  private Kernels() {}

  /**
   * Evaluates {@code op} on activation {@code inputs} and {@code params} (in the order of {@link
   * Op#params}), returning its outputs in the order of {@link Op#infer}.
   */
  public static List<Tensor> eval(Op op, List<Tensor> inputs, List<Tensor> params) {
    return switch (op) {
      case SpatialOp s -> SpatialKernels.eval(s, inputs, params);
      case NnOp n -> NnKernels.eval(n, inputs, params);
      case TensorOp t -> TensorKernels.eval(t, inputs, params);
    };
  }
}
