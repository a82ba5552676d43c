package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * {@code avg_pool1d(x, kernel_size, stride=None, padding=0, ceil_mode=False,
 * count_include_pad=True)} and {@code avg_pool2d/3d(..., divisor_override=None)}, as {@code
 * F.avg_pool1d/2d/3d}: the sum over each window divided by a divisor.
 *
 * <p>Windows are placed as in {@link MaxPool} (no dilation). The divisor follows PyTorch exactly:
 * clip the window to the padded input {@code [-padding, in + padding)} and call its element count
 * {@code pool_size}; then clip it to the input. The divisor is {@code divisor_override} if given,
 * else {@code pool_size} with {@code count_include_pad}, else the clipped window's element count.
 * So a ceil-mode window running past the end padding is not divided by the full kernel size even
 * with {@code count_include_pad}. A window with no input element yields 0.
 *
 * <p>Input {@code [N, C, *spatial]} or unbatched {@code [C, *spatial]}. FLOPs: one add per window
 * tap and one division per output, {@code numel(y) * (prod(kernel_size) + 1)}.
 */
public record AvgPool(int spatialDims, List<Integer> kernelSize, List<Integer> stride, List<Integer> padding,
    boolean ceilMode, boolean countIncludePad, OptionalInt divisorOverride) implements SpatialOp {

  public AvgPool {
    kernelSize = List.copyOf(kernelSize);
    stride = List.copyOf(stride);
    padding = List.copyOf(padding);
    if (spatialDims == 1 && divisorOverride.isPresent()) {
      throw new dev.tnet.runtime.CompilerBug("avg_pool1d has no divisor_override");
    }
  }

  static Signature signature(int dims) {
    Signature s = Signature.of("avg_pool" + dims + "d").req("kernel_size").optNone("stride").opt("padding", 0)
        .opt("ceil_mode", false).opt("count_include_pad", true);
    return dims == 1 ? s : s.optNone("divisor_override");
  }

  static AvgPool create(int dims, Args a) {
    List<Integer> kernel = SpatialArgs.ints(a, "kernel_size", dims, 1);
    OptionalInt divisor = OptionalInt.empty();
    if (dims > 1 && !a.isNone("divisor_override")) {
      int d = a.getInt("divisor_override");
      if (d == 0) throw new OpException(a.op(), "divisor_override must not be zero");
      divisor = OptionalInt.of(d);
    }
    return new AvgPool(dims, kernel, SpatialArgs.poolStride(a, dims, kernel), SpatialArgs.poolPadding(a, dims, kernel),
        a.getBool("ceil_mode"), a.getBool("count_include_pad"), divisor);
  }

  public String name() {
    return "avg_pool" + spatialDims + "d";
  }

  public Args args() {
    Map<String, AttrValue> m = new HashMap<>(Map.of("kernel_size", SpatialArgs.attr(kernelSize),
        "stride", SpatialArgs.attr(stride), "padding", SpatialArgs.attr(padding),
        "ceil_mode", AttrValue.of(ceilMode), "count_include_pad", AttrValue.of(countIncludePad)));
    if (spatialDims > 1) {
      m.put("divisor_override", divisorOverride.isPresent() ? AttrValue.of(divisorOverride.getAsInt()) : AttrValue.NONE);
    }
    return signature(spatialDims).bind(m);
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    TensorType x = SpatialArgs.input(name(), inputs, spatialDims);
    List<Integer> ones = java.util.Collections.nCopies(spatialDims, 1);
    List<Dim> spatial = SpatialArgs.poolOutput(name(), x, kernelSize, stride, padding, ones, ceilMode);
    return List.of(x.withDims(SpatialArgs.withSpatial(x, spatial)));
  }

  public Dim flops(List<TensorType> inputs) {
    return infer(inputs).get(0).numel().times(SpatialArgs.product(kernelSize) + 1);
  }
}
