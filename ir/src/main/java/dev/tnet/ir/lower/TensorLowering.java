package dev.tnet.ir.lower;

import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.op.ArgReduce;
import dev.tnet.ir.op.Binary;
import dev.tnet.ir.op.Cat;
import dev.tnet.ir.op.Checks;
import dev.tnet.ir.op.Chunk;
import dev.tnet.ir.op.Clamp;
import dev.tnet.ir.op.Expand;
import dev.tnet.ir.op.Flatten;
import dev.tnet.ir.op.MaxMin;
import dev.tnet.ir.op.Pad;
import dev.tnet.ir.op.Permute;
import dev.tnet.ir.op.Reduce;
import dev.tnet.ir.op.Reshape;
import dev.tnet.ir.op.Round;
import dev.tnet.ir.op.Slice;
import dev.tnet.ir.op.Split;
import dev.tnet.ir.op.Squeeze;
import dev.tnet.ir.op.Stack;
import dev.tnet.ir.op.TensorOp;
import dev.tnet.ir.op.Transpose;
import dev.tnet.ir.op.Unary;
import dev.tnet.ir.op.Unflatten;
import dev.tnet.ir.op.Unsqueeze;
import dev.tnet.ir.op.Variance;

/**
 * Loop nests of the {@link TensorOp} family, by kind: data movement ({@link LayoutLowering},
 * {@link LayoutJoinLowering}, {@link LayoutPadLowering}), pointwise math ({@link
 * PointwiseLowering}, {@link PointwiseBinaryLowering}) and reductions ({@link ReduceLowering},
 * {@link ReduceExtremesLowering}). Shapes and dtypes were fixed by the ops' {@code infer}; each
 * nest computes what the reference interpreter's kernel computes, in f32 or i64.
 */
final class TensorLowering {
  private TensorLowering() {}

  static Stmt lower(TensorOp op, LowerContext ctx) {
    int rank = ctx.in(0).rank();
    return switch (op) {
      case Reshape r -> LayoutLowering.flatCopy(ctx);
      case Flatten f -> LayoutLowering.flatCopy(ctx);
      case Unflatten u -> LayoutLowering.flatCopy(ctx);
      case Squeeze s -> LayoutLowering.flatCopy(ctx);
      case Unsqueeze u -> LayoutLowering.flatCopy(ctx);
      case Permute p -> LayoutLowering.permute(p.sourceDims(rank), ctx);
      case Transpose t -> LayoutLowering.permute(t.sourceDims(rank), ctx);
      case Expand e -> LayoutLowering.expand(ctx);
      case Cat c -> LayoutJoinLowering.cat(c, ctx);
      case Stack s -> LayoutJoinLowering.stack(Checks.axis(s.name(), "dim", s.dim(), rank + 1), ctx);
      case Split s -> LayoutJoinLowering.split(Checks.axis(s.name(), "dim", s.dim(), rank), ctx);
      case Chunk c -> LayoutJoinLowering.split(Checks.axis(c.name(), "dim", c.dim(), rank), ctx);
      case Slice s -> LayoutLowering.slice(s, ctx);
      case Pad p -> LayoutPadLowering.pad(p, ctx);
      case Unary u -> PointwiseLowering.unary(u, ctx);
      case Round r -> PointwiseLowering.round(r, ctx);
      case Clamp c -> PointwiseLowering.clamp(c, ctx);
      case Binary b -> PointwiseBinaryLowering.binary(b, ctx);
      case Reduce r -> ReduceLowering.reduce(r, ctx);
      case Variance v -> ReduceLowering.variance(v, ctx);
      case MaxMin m -> ReduceExtremesLowering.extremes(m.max(), reduction(m.reduced(rank), m.keepdim(), ctx),
          ctx.out(0), m.dim() == null ? null : ctx.out(1), ctx);
      case ArgReduce a -> ReduceExtremesLowering.extremes(a.max(), reduction(a.reduced(rank), a.keepdim(), ctx),
          null, ctx.out(0), ctx);
    };
  }

  private static TensorReduction reduction(boolean[] reduced, boolean keepdim, LowerContext ctx) {
    return new TensorReduction(ctx.in(0).shape(), reduced, keepdim);
  }
}
