package dev.tnet.ir.op;

/**
 * Shape and layout ops, padding, pointwise arithmetic and reductions: PyTorch's tensor functions.
 * They own no parameters. Where PyTorch defines them on integers they accept i64 inputs too, with
 * PyTorch's result dtypes (restricted to f32 and i64: f32 wins any promotion).
 */
public sealed interface TensorOp extends Op
    permits Reshape, Flatten, Unflatten, Squeeze, Unsqueeze, Permute, Transpose, Expand, Cat, Stack, Split, Chunk,
        Slice, Pad, Unary, Round, Clamp, Binary, Reduce, Variance, MaxMin, ArgReduce {}
