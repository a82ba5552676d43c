package dev.tnet.ir.op;

import dev.tnet.ir.graph.TensorType;

/**
 * A parameter an op owns: its local name ({@code weight}), type, and how PyTorch initialises it
 * (used for {@code --random-weights}).
 */
public record ParamSpec(String name, TensorType type, Init init) {
  /** The local names PyTorch registers as buffers, not parameters: saved in a state_dict, not trained. */
  private static final java.util.Set<String> BUFFERS = java.util.Set.of("running_mean", "running_var", "num_batches_tracked");

  /**
   * Whether this is a buffer (batch-norm running statistics) rather than a trainable parameter;
   * published parameter counts ({@code sum(p.numel() for p in model.parameters())}) leave buffers out.
   */
  public boolean isBuffer() {
    String local = name.substring(name.lastIndexOf('.') + 1);
    return BUFFERS.contains(local);
  }

  /** PyTorch's default initialisations. */
  public sealed interface Init {
    /** kaiming_uniform(a=sqrt(5)) over fan_in, as nn.Linear and nn.Conv*d weights. */
    record KaimingUniform() implements Init {}

    /** uniform(-1/sqrt(fan_in), 1/sqrt(fan_in)) with the fan_in of the weight before it, as their biases. */
    record FanInUniform() implements Init {}

    /** Standard normal, as nn.Embedding; row {@code zeroRow} (if not -1) starts at zero (padding_idx). */
    record Normal(int zeroRow) implements Init {}

    /** Every element {@code value}: zeros, ones, PReLU's 0.25, DyT's alpha. */
    record Constant(double value) implements Init {}

    Init KAIMING_UNIFORM = new KaimingUniform();
    Init FAN_IN_UNIFORM = new FanInUniform();
    Init NORMAL = new Normal(-1);
    Init ZEROS = new Constant(0);
    Init ONES = new Constant(1);
  }
}
