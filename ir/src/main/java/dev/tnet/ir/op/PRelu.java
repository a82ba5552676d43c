package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.op.ParamSpec.Init;
import java.util.List;
import java.util.Map;

/**
 * {@code prelu(x, num_parameters=1, init=0.25)}: {@code x > 0 ? x : weight[c] * x}, as {@code nn.PReLU},
 * where {@code c} is the index along dim 1 if {@code num_parameters > 1} (which must then equal
 * the input's size of dim 1, so the input has rank 2 or more), and 0 otherwise (any rank).
 *
 * <p>Param: {@code weight [num_parameters]}, initialised to {@code init}.
 *
 * <p>FLOPs: 1 per element.
 */
public record PRelu(int numParameters, double init) implements NnOp {
  public static final Signature SIGNATURE = Signature.of("prelu").opt("num_parameters", 1).opt("init", 0.25);

  static PRelu create(Args a) {
    return new PRelu(a.getInt("num_parameters", 1), a.getDouble("init"));
  }

  public String name() {
    return "prelu";
  }

  public Args args() {
    return SIGNATURE.bind(List.of(AttrValue.of(numParameters), AttrValue.of(init)), Map.of());
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    TensorType x = NnChecks.floatInput(name(), inputs);
    if (numParameters != 1) {
      if (x.rank() < 2) {
        throw new OpException(name(), "num_parameters=" + numParameters
            + " needs a channel dim 1, but input " + x + " has rank " + x.rank());
      }
      if (x.dim(1).isKnown() && !x.dim(1).is(numParameters)) {
        throw new OpException(name(), "num_parameters=" + numParameters
            + " does not match the channel count " + x.dim(1) + " (dim 1 of input " + x + ")");
      }
    }
    return List.of(x);
  }

  public List<ParamSpec> params(List<TensorType> inputs) {
    return List.of(new ParamSpec("weight", TensorType.f32(numParameters), new Init.Constant(init)));
  }

  public Dim flops(List<TensorType> inputs) {
    return inputs.get(0).numel();
  }
}
