package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code conv_transpose1d/2d/3d(x, out_channels, kernel_size, stride=1, padding=0,
 * output_padding=0, groups=1, bias=True, dilation=1, padding_mode='zeros')}: the transposed
 * (fractionally strided) convolution of {@code nn.ConvTranspose1d/2d/3d}, the gradient of {@link
 * Conv} with respect to its input. {@code in_channels} is the input's channel dim.
 *
 * <p>Every input element scatters: {@code y[n, o, i*stride - padding + k*dilation] += x[n, c, i] *
 * weight[c, o - group start, k]} for {@code c} in {@code o}'s group; positions that fall outside
 * the output are dropped; then {@code bias[o]} is added everywhere. Output size per dim: {@code
 * (in - 1)*stride - 2*padding + dilation*(kernel - 1) + output_padding + 1}; {@code output_padding}
 * only lengthens the end and must be smaller than the stride or the dilation, as in PyTorch. Only
 * {@code padding_mode='zeros'} exists, as in PyTorch.
 *
 * <p>Params: {@code weight [C_in, out_channels / groups, *kernel_size]}, {@code bias [out_channels]}.
 * FLOPs: {@code 2 * numel(x) * out_channels / groups * prod(kernel_size)} multiply-adds, plus {@code
 * numel(y)} for the bias.
 */
public record ConvTranspose(int spatialDims, int outChannels, List<Integer> kernelSize, List<Integer> stride,
    List<Integer> padding, List<Integer> outputPadding, int groups, boolean bias, List<Integer> dilation)
    implements SpatialOp {

  public ConvTranspose {
    kernelSize = List.copyOf(kernelSize);
    stride = List.copyOf(stride);
    padding = List.copyOf(padding);
    outputPadding = List.copyOf(outputPadding);
    dilation = List.copyOf(dilation);
  }

  static Signature signature(int dims) {
    return Signature.of("conv_transpose" + dims + "d").req("out_channels").req("kernel_size")
        .opt("stride", 1).opt("padding", 0).opt("output_padding", 0).opt("groups", 1).opt("bias", true)
        .opt("dilation", 1).opt("padding_mode", "zeros");
  }

  static ConvTranspose create(int dims, Args a) {
    a.getChoice("padding_mode", "zeros");
    ConvTranspose c = new ConvTranspose(dims, a.getInt("out_channels", 1), SpatialArgs.ints(a, "kernel_size", dims, 1),
        SpatialArgs.ints(a, "stride", dims, 1), SpatialArgs.ints(a, "padding", dims, 0),
        SpatialArgs.ints(a, "output_padding", dims, 0), a.getInt("groups", 1), a.getBool("bias"),
        SpatialArgs.ints(a, "dilation", dims, 1));
    for (int i = 0; i < dims; i++) {
      int op = c.outputPadding.get(i);
      if (op >= c.stride.get(i) && op >= c.dilation.get(i)) {
        throw new OpException(a.op(), "output_padding=" + a.get("output_padding") + " must be smaller than either stride="
            + a.get("stride") + " or dilation=" + a.get("dilation") + " in every dim, as in PyTorch");
      }
    }
    ConvShapes.checkOutChannels(a, c.outChannels, c.groups);
    return c;
  }

  public String name() {
    return "conv_transpose" + spatialDims + "d";
  }

  public Args args() {
    return signature(spatialDims).bind(Map.of("out_channels", AttrValue.of(outChannels),
        "kernel_size", SpatialArgs.attr(kernelSize), "stride", SpatialArgs.attr(stride),
        "padding", SpatialArgs.attr(padding), "output_padding", SpatialArgs.attr(outputPadding),
        "groups", AttrValue.of(groups), "bias", AttrValue.of(bias), "dilation", SpatialArgs.attr(dilation)));
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    TensorType x = SpatialArgs.input(name(), inputs, spatialDims);
    ConvShapes.checkInChannels(name(), x, spatialDims, groups);
    List<Dim> out = new ArrayList<>();
    for (int i = 0; i < spatialDims; i++) {
      Dim size = x.dim(x.rank() - spatialDims + i);
      Dim o = size.minus(1).times(stride.get(i))
          .plus((long) dilation.get(i) * (kernelSize.get(i) - 1) + outputPadding.get(i) + 1 - 2L * padding.get(i));
      if (o.isKnown() && o.value() < 1) {
        throw new OpException(name(), "output size " + o + " of spatial dim " + i + " is too small (input " + x
            + ", padding=" + SpatialArgs.attr(padding) + ", kernel_size=" + SpatialArgs.attr(kernelSize) + ")");
      }
      out.add(o);
    }
    return List.of(ConvShapes.output(x, outChannels, out));
  }

  public List<ParamSpec> params(List<TensorType> inputs) {
    TensorType x = inputs.get(0);
    int in = SpatialArgs.channels(name(), x, spatialDims);
    return ConvShapes.params(x, Dim.of(in), Dim.of(outChannels / groups), kernelSize, bias, outChannels);
  }

  public Dim flops(List<TensorType> inputs) {
    Dim macs = inputs.get(0).numel().times(2L * (outChannels / groups) * SpatialArgs.product(kernelSize));
    return bias ? macs.plus(infer(inputs).get(0).numel()) : macs;
  }
}
