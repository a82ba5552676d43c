package dev.tnet.ir.op;

import dev.tnet.ir.graph.TensorType;

/**
 * A parameter an op owns: its local name ({@code weight}), type, and how PyTorch initialises it
 * (used for {@code --random-weights}).
 */
public record ParamSpec(String name, TensorType type, Init init) {
  /** PyTorch's default initialisations. */
  public enum Init {
    /** kaiming_uniform(a=sqrt(5)) over fan_in, as nn.Linear and nn.Conv*d weights. */
    KAIMING_UNIFORM,
    /** uniform(-1/sqrt(fan_in), 1/sqrt(fan_in)), as their biases. */
    FAN_IN_UNIFORM,
    /** standard normal, as nn.Embedding. */
    NORMAL,
    ZEROS,
    ONES,
    /** 0.25, as nn.PReLU. */
    QUARTER,
    /** 0.5, as DyT's alpha. */
    HALF
  }
}
