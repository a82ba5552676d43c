package dev.tnet.ir.op;

/** Normalisations, activations, softmax, linear algebra, embedding, dropout and weight-file constants. */
public sealed interface NnOp extends Op
    permits Linear, BatchNorm, InstanceNorm, LayerNorm, GroupNorm, RmsNorm, DyT, PointwiseActivation, PRelu, Softmax,
        MatMul, Embedding, Dropout, Constant {}
