package dev.tnet.ir.op;

import dev.tnet.ir.graph.TensorType;
import dev.tnet.runtime.DType;
import java.util.List;

/** Input checks shared by the pointwise activations, softmax and dropout. */
final class NnChecks {
  private NnChecks() {}

  /** The single f32 input of a pointwise op, of any rank. */
  static TensorType floatInput(String op, List<TensorType> inputs) {
    Checks.arity(op, inputs, 1);
    TensorType x = inputs.get(0);
    Checks.dtype(op, "input", x, DType.F32);
    return x;
  }
}
