package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code conv1d/conv2d/conv3d(x, out_channels, kernel_size, stride=1, padding=0, dilation=1,
 * groups=1, bias=True, padding_mode='zeros')}: cross-correlation as {@code nn.Conv1d/2d/3d};
 * {@code in_channels} is the input's channel dim.
 *
 * <p>Input {@code [N, C_in, *spatial]} or unbatched {@code [C_in, *spatial]}. Output element
 * {@code y[n, o, p] = bias[o] + sum over c in o's group, k of x[n, c, p*stride - padBegin +
 * k*dilation] * weight[o, c - group start, k]}, where a coordinate outside the input reads 0
 * ({@code zeros}) or the element {@code padding_mode} maps it to: {@code reflect} (mirror, pad <
 * size), {@code replicate} (clamp) or {@code circular} (wrap, pad <= size). Each group of
 * {@code C_in / groups} input channels feeds {@code out_channels / groups} outputs; {@code groups =
 * C_in} is depthwise, {@code out_channels = k * C_in} with it a channel multiplier. Padding: see
 * {@link ConvPadding} (including the asymmetric per-side tnet extension).
 *
 * <p>Params: {@code weight [out_channels, C_in / groups, *kernel_size]}, {@code bias
 * [out_channels]}. FLOPs: 2 per multiply-add over every output and kernel tap ({@code 2 * numel(y)
 * * C_in / groups * prod(kernel_size)}), plus {@code numel(y)} for the bias; padding taps count too.
 */
public record Conv(int spatialDims, int outChannels, List<Integer> kernelSize, List<Integer> stride,
    ConvPadding padding, List<Integer> dilation, int groups, boolean bias, PaddingMode paddingMode)
    implements SpatialOp {

  /** How a convolution reads coordinates outside its input. */
  public enum PaddingMode {
    ZEROS, REFLECT, REPLICATE, CIRCULAR;

    /** PyTorch's spelling. */
    public String pytorchName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public Conv {
    kernelSize = List.copyOf(kernelSize);
    stride = List.copyOf(stride);
    dilation = List.copyOf(dilation);
  }

  static Signature signature(int dims) {
    return Signature.of("conv" + dims + "d").req("out_channels").req("kernel_size").opt("stride", 1)
        .opt("padding", 0).opt("dilation", 1).opt("groups", 1).opt("bias", true).opt("padding_mode", "zeros");
  }

  static Conv create(int dims, Args a) {
    String mode = a.getChoice("padding_mode", "zeros", "reflect", "replicate", "circular");
    Conv c = new Conv(dims, a.getInt("out_channels", 1), SpatialArgs.ints(a, "kernel_size", dims, 1),
        SpatialArgs.ints(a, "stride", dims, 1), ConvPadding.parse(a, "padding", dims),
        SpatialArgs.ints(a, "dilation", dims, 1), a.getInt("groups", 1), a.getBool("bias"),
        PaddingMode.valueOf(mode.toUpperCase(java.util.Locale.ROOT)));
    if (c.padding instanceof ConvPadding.Same && c.stride.stream().anyMatch(s -> s != 1)) {
      throw new OpException(a.op(), "padding='same' is not supported for strided convolutions (stride="
          + a.get("stride") + "), as in PyTorch");
    }
    ConvShapes.checkOutChannels(a, c.outChannels, c.groups);
    return c;
  }

  public String name() {
    return "conv" + spatialDims + "d";
  }

  public Args args() {
    return signature(spatialDims).bind(Map.of("out_channels", AttrValue.of(outChannels),
        "kernel_size", SpatialArgs.attr(kernelSize), "stride", SpatialArgs.attr(stride),
        "padding", padding.attr(), "dilation", SpatialArgs.attr(dilation), "groups", AttrValue.of(groups),
        "bias", AttrValue.of(bias), "padding_mode", AttrValue.of(paddingMode.pytorchName())));
  }

  /** Padding before and after each spatial dim, {@code [d0_begin, d0_end, ...]}, 'same' resolved. */
  public List<Integer> padsPerSide() {
    return padding.resolve(kernelSize, dilation);
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    TensorType x = SpatialArgs.input(name(), inputs, spatialDims);
    ConvShapes.checkInChannels(name(), x, spatialDims, groups);
    List<Integer> pads = padsPerSide();
    List<Dim> out = new ArrayList<>();
    for (int i = 0; i < spatialDims; i++) {
      Dim size = x.dim(x.rank() - spatialDims + i);
      int begin = pads.get(2 * i), end = pads.get(2 * i + 1);
      long eff = (long) dilation.get(i) * (kernelSize.get(i) - 1) + 1;
      if (size.isKnown()) {
        long padded = size.value() + begin + end;
        if (padded < eff) {
          throw new OpException(name(), "kernel_size=" + SpatialArgs.attr(kernelSize) + " (dilation="
              + SpatialArgs.attr(dilation) + ") spans " + eff + " elements in spatial dim " + i
              + ", more than the padded input " + padded + " (input " + x + ", padding=" + padding.attr() + ")");
        }
        checkPaddingMode(size.value(), Math.max(begin, end), i, x);
      }
      out.add(SpatialArgs.windows(size, kernelSize.get(i), stride.get(i), begin, end, dilation.get(i), false));
    }
    return List.of(ConvShapes.output(x, outChannels, out));
  }

  private void checkPaddingMode(long size, int pad, int dim, TensorType x) {
    boolean ok = switch (paddingMode) {
      case ZEROS, REPLICATE -> true;
      case REFLECT -> pad < size;
      case CIRCULAR -> pad <= size;
    };
    if (!ok) {
      throw new OpException(name(), "padding_mode='" + paddingMode.pytorchName() + "' needs padding "
          + (paddingMode == PaddingMode.REFLECT ? "<" : "<=") + " the input size, but spatial dim " + dim
          + " has size " + size + " and padding " + pad + " (input " + x + ")");
    }
  }

  public List<ParamSpec> params(List<TensorType> inputs) {
    TensorType x = inputs.get(0);
    int in = SpatialArgs.channels(name(), x, spatialDims);
    return ConvShapes.params(x, Dim.of(outChannels), Dim.of(in / groups), kernelSize, bias, outChannels);
  }

  public Dim flops(List<TensorType> inputs) {
    Dim outNumel = infer(inputs).get(0).numel();
    int in = SpatialArgs.channels(name(), inputs.get(0), spatialDims);
    Dim macs = outNumel.times(2L * (in / groups) * SpatialArgs.product(kernelSize));
    return bias ? macs.plus(outNumel) : macs;
  }
}
