package dev.tnet.ir.lower;

import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.op.AdaptivePool;
import dev.tnet.ir.op.AvgPool;
import dev.tnet.ir.op.Conv;
import dev.tnet.ir.op.ConvTranspose;
import dev.tnet.ir.op.GlobalPool;
import dev.tnet.ir.op.Interpolate;
import dev.tnet.ir.op.MaxPool;
import dev.tnet.ir.op.Resize;
import dev.tnet.ir.op.SpatialOp;

/**
 * Loop nests of the {@link SpatialOp} family, one class per kind of op. All share {@link
 * SpatialNest}'s shape: loops over the output's leading dims ({@code n, c}), then its spatial
 * dims, then the window taps innermost, accumulating in an F32 local.
 */
final class SpatialLowering {
  private SpatialLowering() {}

  static Stmt lower(SpatialOp op, LowerContext ctx) {
    return switch (op) {
      case Conv c -> ConvLowering.conv(c, ctx);
      case ConvTranspose c -> ConvTransposeLowering.lower(c, ctx);
      case MaxPool m -> PoolLowering.max(m, ctx);
      case AvgPool a -> PoolLowering.avg(a, ctx);
      case AdaptivePool a -> PoolAdaptiveLowering.adaptive(a, ctx);
      case GlobalPool g -> PoolAdaptiveLowering.global(g, ctx);
      case Interpolate i -> InterpolateLowering.lower(i, ctx);
      case Resize r -> ResizeLowering.lower(r, ctx);
    };
  }
}
