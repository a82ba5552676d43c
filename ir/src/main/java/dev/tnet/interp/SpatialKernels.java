package dev.tnet.interp;

import dev.tnet.ir.op.AdaptivePool;
import dev.tnet.ir.op.AvgPool;
import dev.tnet.ir.op.Conv;
import dev.tnet.ir.op.ConvTranspose;
import dev.tnet.ir.op.GlobalPool;
import dev.tnet.ir.op.Interpolate;
import dev.tnet.ir.op.MaxPool;
import dev.tnet.ir.op.Resize;
import dev.tnet.ir.op.SpatialOp;
import dev.tnet.runtime.Tensor;
import java.util.List;

/** Reference kernels of the {@link SpatialOp} family; params are {@code weight} then {@code bias}. */
final class SpatialKernels {
  private SpatialKernels() {}

  static List<Tensor> eval(SpatialOp op, List<Tensor> in, List<Tensor> params) {
    return switch (op) {
      case Conv c -> List.of(ConvKernels.conv(c, in.get(0), params.get(0), c.bias() ? params.get(1) : null));
      case ConvTranspose c ->
          List.of(ConvKernels.convTranspose(c, in.get(0), params.get(0), c.bias() ? params.get(1) : null));
      case MaxPool m -> PoolKernels.maxPool(m, in.get(0));
      case AvgPool a -> List.of(PoolKernels.avgPool(a, in.get(0)));
      case AdaptivePool a -> PoolAdaptiveKernels.adaptive(a, in.get(0));
      case GlobalPool g -> List.of(PoolAdaptiveKernels.global(g, in.get(0)));
      case Interpolate i -> List.of(InterpolateKernels.interpolate(i, in.get(0)));
      case Resize r -> List.of(ResizeKernels.resize(r, in.get(0)));
    };
  }
}
