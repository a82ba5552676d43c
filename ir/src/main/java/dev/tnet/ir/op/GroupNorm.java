package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.op.ParamSpec.Init;
import java.util.List;
import java.util.Map;

/**
 * {@code group_norm(x, num_groups, eps=1e-5, affine=True)}: as {@code nn.GroupNorm} with
 * {@code num_channels = C}, splits the channels (dim 1) of an {@code (N, C, ...)} input into
 * {@code num_groups} consecutive groups and normalises each (sample, group) over its channels and
 * all later dims: {@code y = (x - mean) / sqrt(var + eps) * weight[c] + bias[c]}, biased variance.
 *
 * <p>{@code num_groups} must divide C. As {@code F.group_norm}, refuses inputs where
 * {@code N * C / num_groups * prod(spatial) == 1}.
 *
 * <p>Params: {@code weight [C]} and {@code bias [C]} if affine.
 *
 * <p>FLOPs: 5 per element, as {@link LayerNorm}.
 */
public record GroupNorm(int numGroups, double eps, boolean affine) implements NnOp {
  public static final Signature SIGNATURE = Signature.of("group_norm").req("num_groups").opt("eps", 1e-5)
      .opt("affine", true);

  static GroupNorm create(Args a) {
    return new GroupNorm(a.getInt("num_groups", 1), a.getDouble("eps"), a.getBool("affine"));
  }

  public String name() {
    return "group_norm";
  }

  public Args args() {
    return SIGNATURE.bind(List.of(AttrValue.of(numGroups), AttrValue.of(eps), AttrValue.of(affine)), Map.of());
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    TensorType x = NormShapes.singleInput(name(), inputs, 2, "(N, C, ...)");
    Dim c = x.dim(1);
    if (c.isKnown() && c.value() % numGroups != 0) {
      throw new OpException(name(), "num_groups=" + numGroups + " does not divide num_channels=" + c
          + " (input " + x + ")");
    }
    Dim perGroup = c.isKnown() ? Dim.of(c.value() / numGroups) : c.divExact(Dim.of(numGroups));
    if (perGroup != null) {
      NormShapes.requireMoreThanOneValue(name(), x.dim(0).times(perGroup).times(NormShapes.productFrom(x, 2)),
          "value per group", x);
    }
    return List.of(x);
  }

  public List<ParamSpec> params(List<TensorType> inputs) {
    if (!affine) return List.of();
    TensorType perChannel = TensorType.f32(inputs.get(0).dim(1));
    return List.of(new ParamSpec("weight", perChannel, Init.ONES), new ParamSpec("bias", perChannel, Init.ZEROS));
  }

  public Dim flops(List<TensorType> inputs) {
    return inputs.get(0).numel().times(5);
  }
}
