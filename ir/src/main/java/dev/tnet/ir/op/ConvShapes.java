package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.op.ParamSpec.Init;
import java.util.ArrayList;
import java.util.List;

/** Group, output-shape and param logic shared by {@link Conv} and {@link ConvTranspose}. */
final class ConvShapes {
  private ConvShapes() {}

  /** Refuses {@code groups} that do not divide {@code out_channels}, as PyTorch does. */
  static void checkOutChannels(Args a, int outChannels, int groups) {
    if (outChannels % groups != 0) {
      throw new OpException(a.op(), "groups=" + groups + " does not divide out_channels=" + outChannels);
    }
  }

  /** Requires {@code x}'s channel count {@code C_in} to be known and divisible by {@code groups}. */
  static void checkInChannels(String op, TensorType x, int spatialDims, int groups) {
    int in = SpatialArgs.channels(op, x, spatialDims);
    if (in % groups != 0) {
      throw new OpException(op, "groups=" + groups + " does not divide in_channels=" + in + " (input " + x + ")");
    }
  }

  /** {@code x}'s type with {@code outChannels} channels and the spatial dims {@code spatial}. */
  static TensorType output(TensorType x, int outChannels, List<Dim> spatial) {
    List<Dim> dims = SpatialArgs.withSpatial(x, spatial);
    dims.set(x.rank() - spatial.size() - 1, Dim.of(outChannels));
    return x.withDims(dims);
  }

  /**
   * The params: {@code weight [w0, w1, *kernelSize]} of {@code x}'s dtype, then {@code bias
   * [outChannels]} if {@code bias}.
   */
  static List<ParamSpec> params(TensorType x, Dim w0, Dim w1, List<Integer> kernelSize, boolean bias,
      int outChannels) {
    List<Dim> w = new ArrayList<>(List.of(w0, w1));
    kernelSize.forEach(k -> w.add(Dim.of(k)));
    List<ParamSpec> p = new ArrayList<>();
    p.add(new ParamSpec("weight", new TensorType(x.dtype(), w), Init.KAIMING_UNIFORM));
    if (bias) p.add(new ParamSpec("bias", TensorType.f32(outChannels), Init.FAN_IN_UNIFORM));
    return p;
  }
}
