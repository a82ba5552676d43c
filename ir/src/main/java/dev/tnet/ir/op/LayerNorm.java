package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.op.ParamSpec.Init;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code layer_norm(x, normalized_shape, eps=1e-5, elementwise_affine=True, bias=True)}: as
 * {@code nn.LayerNorm}, normalises over the trailing dims given by {@code normalized_shape} (an
 * int or a tuple, which must equal the input's trailing sizes):
 * {@code y = (x - mean) / sqrt(var + eps) * weight + bias}, biased variance.
 *
 * <p>Params: {@code weight} of shape {@code normalized_shape} if elementwise_affine, and
 * {@code bias} of the same shape if also {@code bias} (the flag PyTorch 2.1 added).
 *
 * <p>FLOPs: 5 per element, as every norm that computes statistics: 3 for them (sum, squared
 * deviation) and 2 to normalise with the affine folded in.
 */
public record LayerNorm(List<Integer> normalizedShape, double eps, boolean elementwiseAffine, boolean bias)
    implements NnOp {
  public static final Signature SIGNATURE = Signature.of("layer_norm").req("normalized_shape").opt("eps", 1e-5)
      .opt("elementwise_affine", true).opt("bias", true);

  public LayerNorm {
    normalizedShape = List.copyOf(normalizedShape);
  }

  static LayerNorm create(Args a) {
    return new LayerNorm(NormShapes.normalizedShape(a), a.getDouble("eps"), a.getBool("elementwise_affine"),
        a.getBool("bias"));
  }

  public String name() {
    return "layer_norm";
  }

  public Args args() {
    return SIGNATURE.bind(List.of(NormShapes.attr(normalizedShape), AttrValue.of(eps),
        AttrValue.of(elementwiseAffine), AttrValue.of(bias)), Map.of());
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    TensorType x = NormShapes.singleInput(name(), inputs, 0, "");
    NormShapes.checkTrailing(name(), normalizedShape, x);
    return List.of(x);
  }

  public List<ParamSpec> params(List<TensorType> inputs) {
    TensorType t = TensorType.f32(NormShapes.dims(normalizedShape).toArray(Dim[]::new));
    List<ParamSpec> p = new ArrayList<>();
    if (elementwiseAffine) {
      p.add(new ParamSpec("weight", t, Init.ONES));
      if (bias) p.add(new ParamSpec("bias", t, Init.ZEROS));
    }
    return p;
  }

  public Dim flops(List<TensorType> inputs) {
    return inputs.get(0).numel().times(5);
  }
}
