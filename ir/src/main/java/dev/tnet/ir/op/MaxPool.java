package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.runtime.DType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code max_pool1d/2d/3d(x, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
 * return_indices=False)}, as {@code F.max_pool1d/2d/3d}: the maximum over each window of
 * {@code kernel_size} taps spaced {@code dilation} apart, windows every {@code stride} (default
 * {@code kernel_size}) starting at {@code -padding}. Padding is never read (it acts as -inf) and
 * must be at most half the kernel; {@code ceil_mode} keeps a last partial window unless it starts
 * in the end padding (see {@link SpatialArgs#windows}).
 *
 * <p>Input {@code [N, C, *spatial]} or unbatched {@code [C, *spatial]}. NaN wins, as in PyTorch:
 * taps are scanned in row-major order and a tap replaces the maximum if it is greater or NaN.
 * With {@code return_indices=True} a second, i64 output holds the position of each maximum,
 * flattened within its input plane ({@code (d*H + h)*W + w}), as PyTorch's.
 *
 * <p>FLOPs: one comparison per window tap, {@code numel(y) * prod(kernel_size)}.
 */
public record MaxPool(int spatialDims, List<Integer> kernelSize, List<Integer> stride, List<Integer> padding,
    List<Integer> dilation, boolean ceilMode, boolean returnIndices) implements SpatialOp {

  public MaxPool {
    kernelSize = List.copyOf(kernelSize);
    stride = List.copyOf(stride);
    padding = List.copyOf(padding);
    dilation = List.copyOf(dilation);
  }

  static Signature signature(int dims) {
    return Signature.of("max_pool" + dims + "d").req("kernel_size").optNone("stride").opt("padding", 0)
        .opt("dilation", 1).opt("ceil_mode", false).opt("return_indices", false);
  }

  static MaxPool create(int dims, Args a) {
    List<Integer> kernel = SpatialArgs.ints(a, "kernel_size", dims, 1);
    return new MaxPool(dims, kernel, SpatialArgs.poolStride(a, dims, kernel), SpatialArgs.poolPadding(a, dims, kernel),
        SpatialArgs.ints(a, "dilation", dims, 1), a.getBool("ceil_mode"), a.getBool("return_indices"));
  }

  public String name() {
    return "max_pool" + spatialDims + "d";
  }

  public Args args() {
    return signature(spatialDims).bind(Map.of("kernel_size", SpatialArgs.attr(kernelSize),
        "stride", SpatialArgs.attr(stride), "padding", SpatialArgs.attr(padding),
        "dilation", SpatialArgs.attr(dilation), "ceil_mode", AttrValue.of(ceilMode),
        "return_indices", AttrValue.of(returnIndices)));
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    TensorType x = SpatialArgs.input(name(), inputs, spatialDims);
    List<Dim> spatial = SpatialArgs.poolOutput(name(), x, kernelSize, stride, padding, dilation, ceilMode);
    TensorType y = x.withDims(SpatialArgs.withSpatial(x, spatial));
    List<TensorType> out = new ArrayList<>(List.of(y));
    if (returnIndices) out.add(y.withDtype(DType.I64));
    return out;
  }

  public Dim flops(List<TensorType> inputs) {
    return infer(inputs).get(0).numel().times(SpatialArgs.product(kernelSize));
  }
}
