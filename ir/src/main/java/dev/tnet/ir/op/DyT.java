package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.op.ParamSpec.Init;
import java.util.List;
import java.util.Map;

/**
 * {@code dyt(x, alpha_init_value=0.5)}: Dynamic Tanh (Zhu et al., "Transformers without
 * Normalization", 2025), a drop-in replacement for layer norm over the last dim:
 * {@code y = tanh(alpha * x) * weight + bias}, as the paper's {@code DyT} module with
 * {@code normalized_shape = C}, the input's last size.
 *
 * <p>Params, in the module's order: {@code alpha [1]} (initialised to {@code alpha_init_value}),
 * {@code weight [C]} (ones), {@code bias [C]} (zeros).
 *
 * <p>FLOPs: 4 per element (scale, tanh, multiply-add).
 */
public record DyT(double alphaInitValue) implements NnOp {
  public static final Signature SIGNATURE = Signature.of("dyt").opt("alpha_init_value", 0.5);

  static DyT create(Args a) {
    return new DyT(a.getDouble("alpha_init_value"));
  }

  public String name() {
    return "dyt";
  }

  public Args args() {
    return SIGNATURE.bind(List.of(AttrValue.of(alphaInitValue)), Map.of());
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    return List.of(NormShapes.singleInput(name(), inputs, 1, "(..., C)"));
  }

  public List<ParamSpec> params(List<TensorType> inputs) {
    TensorType perChannel = TensorType.f32(inputs.get(0).dim(-1));
    return List.of(new ParamSpec("alpha", TensorType.f32(1), new Init.Constant(alphaInitValue)),
        new ParamSpec("weight", perChannel, Init.ONES), new ParamSpec("bias", perChannel, Init.ZEROS));
  }

  public Dim flops(List<TensorType> inputs) {
    return inputs.get(0).numel().times(4);
  }
}
