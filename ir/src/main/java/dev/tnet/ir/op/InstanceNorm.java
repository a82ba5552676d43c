package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import java.util.List;
import java.util.Map;

/**
 * {@code instance_norm(x, eps=1e-5, momentum=0.1, affine=False, track_running_stats=False,
 * training=False)}: normalises each (sample, channel) plane of an {@code (N, C, *spatial)} input
 * over its spatial dims, as {@code nn.InstanceNorm1d/2d/3d} with {@code num_features = C}:
 * {@code y = (x - mean) / sqrt(var + eps) * weight + bias}, biased variance.
 *
 * <p>With {@code track_running_stats and not training}, the {@code running_mean/var} params
 * (shared by all samples) replace the per-instance statistics. With {@code training and
 * track_running_stats} the op has three outputs, {@code y} and the updated running mean and
 * variance: {@code running = (1 - momentum) * running + momentum * stat}, where {@code stat} is
 * the per-instance mean or <em>unbiased</em> variance averaged over the batch, as PyTorch does.
 * {@code momentum=None} is refused, as {@code F.instance_norm} refuses it.
 *
 * <p>Deviations: inputs must be batched (rank 3 or more), because one op serves every rank and
 * cannot tell an unbatched {@code (C, L)} from a batched {@code (N, C)}; {@code training}
 * defaults to False (tnet compiles for inference).
 *
 * <p>Params: {@code weight [C]}, {@code bias [C]} if affine; {@code running_mean [C]},
 * {@code running_var [C]}, {@code num_batches_tracked} (i64 scalar, never incremented by
 * PyTorch's instance norm) if track_running_stats.
 *
 * <p>FLOPs: as {@link BatchNorm}, 2 per element with running stats, 5 with instance statistics.
 */
public record InstanceNorm(double eps, double momentum, boolean affine, boolean trackRunningStats, boolean training)
    implements NnOp {
  public static final Signature SIGNATURE = Signature.of("instance_norm").opt("eps", 1e-5).opt("momentum", 0.1)
      .opt("affine", false).opt("track_running_stats", false).opt("training", false);

  static InstanceNorm create(Args a) {
    if (a.isNone("momentum")) {
      throw new OpException(a.op(), "momentum=None (a cumulative moving average) is not supported; "
          + "F.instance_norm needs a float momentum");
    }
    return new InstanceNorm(a.getDouble("eps"), a.getDouble("momentum"), a.getBool("affine"),
        a.getBool("track_running_stats"), a.getBool("training"));
  }

  public String name() {
    return "instance_norm";
  }

  public Args args() {
    return SIGNATURE.bind(List.of(AttrValue.of(eps), AttrValue.of(momentum), AttrValue.of(affine),
        AttrValue.of(trackRunningStats), AttrValue.of(training)), Map.of());
  }

  /** True if each instance's own statistics normalise it. */
  public boolean usesInstanceStats() {
    return training || !trackRunningStats;
  }

  /** True if the op also returns the updated running statistics. */
  public boolean updatesRunningStats() {
    return training && trackRunningStats;
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    TensorType x = NormShapes.singleInput(name(), inputs, 3, "(N, C, *spatial)");
    if (usesInstanceStats()) {
      NormShapes.requireMoreThanOneValue(name(), NormShapes.productFrom(x, 2), "spatial element per instance", x);
    }
    return NormShapes.channelNormOutputs(x, updatesRunningStats());
  }

  public List<ParamSpec> params(List<TensorType> inputs) {
    return NormShapes.channelNormParams(inputs.get(0), affine, trackRunningStats);
  }

  public Dim flops(List<TensorType> inputs) {
    return inputs.get(0).numel().times(usesInstanceStats() ? 5 : 2);
  }
}
