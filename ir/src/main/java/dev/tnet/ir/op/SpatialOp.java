package dev.tnet.ir.op;

/**
 * Convolutions, transposed convolutions, pooling and interpolation (PyTorch's and ONNX's) over the trailing spatial dims
 * of a {@code [N, C, *spatial]} tensor (see {@link SpatialArgs} for the layout rules).
 */
public sealed interface SpatialOp extends Op
    permits Conv, ConvTranspose, MaxPool, AvgPool, AdaptivePool, GlobalPool, Interpolate, Resize {}
