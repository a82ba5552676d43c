package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * {@code batch_norm(x, eps=1e-5, momentum=0.1, affine=True, track_running_stats=True,
 * training=False)}: normalises each channel (dim 1) of an {@code (N, C, ...)} input of any rank
 * from 2 on, as {@code nn.BatchNorm1d/2d/3d} with {@code num_features = C}:
 * {@code y = (x - mean) / sqrt(var + eps) * weight + bias}.
 *
 * <p>Statistics: with running stats ({@code track_running_stats and not training}) {@code mean,
 * var} are the {@code running_mean, running_var} params. Otherwise they are the batch
 * statistics over every dim but 1, with the biased variance; PyTorch then refuses a batch of one
 * value per channel, and so does {@link #infer}.
 *
 * <p>Training with running stats ({@code training and track_running_stats}) has three outputs:
 * {@code y}, then the updated {@code running_mean} and {@code running_var}:
 * {@code running = (1 - f) * running + f * batch_stat}, with the <em>unbiased</em> batch variance,
 * and {@code f = momentum}, or {@code 1 / (num_batches_tracked + 1)} when {@code momentum=None}
 * (the cumulative moving average). The incremented {@code num_batches_tracked} is not an output.
 * {@code training} defaults to False because tnet compiles for inference; it is the module's
 * {@code training} flag.
 *
 * <p>Params, as the module's state_dict: {@code weight [C]} and {@code bias [C]} if affine, then
 * {@code running_mean [C]}, {@code running_var [C]} and {@code num_batches_tracked} (an i64
 * scalar) if track_running_stats.
 *
 * <p>FLOPs: 2 per element to normalise (affine folded in) with running stats; 5 per element with
 * batch statistics, as {@link LayerNorm}. The per-channel running-stats update is not counted.
 */
public record BatchNorm(double eps, OptionalDouble momentum, boolean affine, boolean trackRunningStats,
    boolean training) implements NnOp {
  public static final Signature SIGNATURE = Signature.of("batch_norm").opt("eps", 1e-5).opt("momentum", 0.1)
      .opt("affine", true).opt("track_running_stats", true).opt("training", false);

  static BatchNorm create(Args a) {
    return new BatchNorm(a.getDouble("eps"), NormShapes.optionalDouble(a, "momentum"), a.getBool("affine"),
        a.getBool("track_running_stats"), a.getBool("training"));
  }

  public String name() {
    return "batch_norm";
  }

  public Args args() {
    return SIGNATURE.bind(List.of(AttrValue.of(eps), NormShapes.attr(momentum), AttrValue.of(affine),
        AttrValue.of(trackRunningStats), AttrValue.of(training)), Map.of());
  }

  /** True if the input's own statistics normalise it (training, or no running stats kept). */
  public boolean usesBatchStats() {
    return training || !trackRunningStats;
  }

  /** True if the op also returns the updated running statistics. */
  public boolean updatesRunningStats() {
    return training && trackRunningStats;
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    TensorType x = NormShapes.singleInput(name(), inputs, 2, "(N, C, ...)");
    if (usesBatchStats()) {
      NormShapes.requireMoreThanOneValue(name(), x.dim(0).times(NormShapes.productFrom(x, 2)), "value per channel", x);
    }
    return NormShapes.channelNormOutputs(x, updatesRunningStats());
  }

  public List<ParamSpec> params(List<TensorType> inputs) {
    return NormShapes.channelNormParams(inputs.get(0), affine, trackRunningStats);
  }

  public Dim flops(List<TensorType> inputs) {
    return inputs.get(0).numel().times(usesBatchStats() ? 5 : 2);
  }
}
