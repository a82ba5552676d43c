package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.op.ParamSpec.Init;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * {@code rms_norm(x, normalized_shape, eps=None, elementwise_affine=True)}: as {@code nn.RMSNorm}
 * (PyTorch 2.4), {@code y = x / sqrt(mean(x^2) + eps) * weight}, the mean over the trailing dims
 * given by {@code normalized_shape} (which must equal the input's trailing sizes). {@code
 * eps=None} means {@code torch.finfo(float32).eps = 2^-23}, the eps of the input's dtype.
 *
 * <p>Params: {@code weight} of shape {@code normalized_shape} if elementwise_affine.
 *
 * <p>FLOPs: 4 per element (square-accumulate, then scale by the inverse rms and the weight).
 */
public record RmsNorm(List<Integer> normalizedShape, OptionalDouble eps, boolean elementwiseAffine) implements NnOp {
  public static final Signature SIGNATURE = Signature.of("rms_norm").req("normalized_shape").optNone("eps")
      .opt("elementwise_affine", true);

  /** {@code torch.finfo(torch.float32).eps}, the default eps. */
  public static final double FLOAT32_EPS = Math.ulp(1.0f);

  public RmsNorm {
    normalizedShape = List.copyOf(normalizedShape);
  }

  static RmsNorm create(Args a) {
    return new RmsNorm(NormShapes.normalizedShape(a), NormShapes.optionalDouble(a, "eps"),
        a.getBool("elementwise_affine"));
  }

  public String name() {
    return "rms_norm";
  }

  public Args args() {
    return SIGNATURE.bind(List.of(NormShapes.attr(normalizedShape), NormShapes.attr(eps),
        AttrValue.of(elementwiseAffine)), Map.of());
  }

  /** The eps added to the mean square: the argument, or {@link #FLOAT32_EPS} if None. */
  public double effectiveEps() {
    return eps.orElse(FLOAT32_EPS);
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    TensorType x = NormShapes.singleInput(name(), inputs, 0, "");
    NormShapes.checkTrailing(name(), normalizedShape, x);
    return List.of(x);
  }

  public List<ParamSpec> params(List<TensorType> inputs) {
    List<ParamSpec> p = new ArrayList<>();
    if (elementwiseAffine) {
      p.add(new ParamSpec("weight", TensorType.f32(NormShapes.dims(normalizedShape).toArray(Dim[]::new)), Init.ONES));
    }
    return p;
  }

  public Dim flops(List<TensorType> inputs) {
    return inputs.get(0).numel().times(4);
  }
}
