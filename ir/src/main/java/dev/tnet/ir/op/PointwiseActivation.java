package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import java.util.List;

/**
 * An activation applied to each element on its own: one f32 input of any rank, an output of the
 * same type, and 1 FLOP per element whatever the function costs.
 */
public sealed interface PointwiseActivation extends NnOp
    permits Activation, LeakyRelu, Elu, Celu, Hardtanh, Gelu, Softplus {

  default List<TensorType> infer(List<TensorType> inputs) {
    return List.of(NnChecks.floatInput(name(), inputs));
  }

  /** 1 per element. */
  default Dim flops(List<TensorType> inputs) {
    return inputs.get(0).numel();
  }
}
