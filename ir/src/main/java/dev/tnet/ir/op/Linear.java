package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.op.ParamSpec.Init;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code linear(x, out_features, bias=True)}: {@code y = x @ weight.T + bias} over the last dim, as
 * {@code nn.Linear}; {@code in_features} is the input's last size.
 * Params: {@code weight [out_features, in_features]}, {@code bias [out_features]}.
 *
 * <p>FLOPs: 2 per multiply-add, {@code 2 * in_features * out_features} per row; the bias is not
 * counted.
 */
public record Linear(int outFeatures, boolean bias) implements NnOp {
  public static final Signature SIGNATURE = Signature.of("linear").req("out_features").opt("bias", true);

  static Linear create(Args a) {
    return new Linear(a.getInt("out_features", 1), a.getBool("bias"));
  }

  public String name() {
    return "linear";
  }

  public Args args() {
    return SIGNATURE.bind(List.of(AttrValue.of(outFeatures), AttrValue.of(bias)), java.util.Map.of());
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    Checks.arity(name(), inputs, 1);
    TensorType x = inputs.get(0);
    Checks.rank(name(), "input", x, 1, dev.tnet.runtime.Shape.MAX_RANK);
    Checks.dtype(name(), "input", x, dev.tnet.runtime.DType.F32);
    List<Dim> out = new ArrayList<>(x.dims());
    out.set(out.size() - 1, Dim.of(outFeatures));
    return List.of(x.withDims(out));
  }

  public List<ParamSpec> params(List<TensorType> inputs) {
    Dim in = inputs.get(0).dim(-1);
    List<ParamSpec> p = new ArrayList<>();
    p.add(new ParamSpec("weight", TensorType.f32(Dim.of(outFeatures), in), Init.KAIMING_UNIFORM));
    if (bias) p.add(new ParamSpec("bias", TensorType.f32(outFeatures), Init.FAN_IN_UNIFORM));
    return p;
  }

  public Dim flops(List<TensorType> inputs) {
    return inputs.get(0).numel().times(2L * outFeatures);
  }
}
