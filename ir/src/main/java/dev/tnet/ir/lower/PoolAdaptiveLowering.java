package dev.tnet.ir.lower;

import static dev.tnet.ir.loop.Expr.i;
import static dev.tnet.ir.lower.SpatialNest.axis;
import static dev.tnet.ir.lower.SpatialNest.floorDiv;
import static dev.tnet.ir.lower.TensorExprs.let;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.op.AdaptivePool;
import dev.tnet.ir.op.GlobalPool;
import dev.tnet.ir.op.PoolKind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The loop nests of {@link AdaptivePool}, {@link GlobalPool} and interpolate's {@code area} mode
 * (as {@code interp.PoolAdaptiveKernels.pool}): output index {@code o} of a dim of input size
 * {@code in} and output size {@code out} pools {@code [lo, hi)} with {@code lo = o*in // out} and
 * {@code hi = ((o+1)*in + out - 1) // out}, both {@code let}s. The tap loop runs over the longest
 * window; when windows differ in length each tap is guarded by {@code i < hi}.
 */
final class PoolAdaptiveLowering {
  private PoolAdaptiveLowering() {}

  /** Output index {@code o}'s window along one dim: its first input index, and its end when windows differ in length (else null). */
  private record Bounds(Expr o, Expr lo, Expr hi, int longest) {}

  static Stmt adaptive(AdaptivePool op, LowerContext ctx) {
    return pool(op.kind(), ctx, op.spatialDims());
  }

  static Stmt global(GlobalPool op, LowerContext ctx) {
    return pool(op.kind(), ctx, ctx.in(0).rank() - 2);
  }

  /** Pools the node's input to its output shape over the last {@code dims} dims. */
  static Stmt pool(PoolKind kind, LowerContext ctx, int dims) {
    Operand y = ctx.out(0);
    int first = y.rank() - dims;
    return SpatialNest.leading(ctx, y.shape(), dims, lead -> SpatialNest.<Bounds>perDim(dims,
        (d, next) -> ctx.nest.loop("o" + axis(dims, d), y.dim(first + d), o -> bounds(ctx, dims, d, o, next)), bounds -> {
          List<Expr> out = bounds.stream().map(Bounds::o).toList();
          PoolLowering.Window window = body -> SpatialNest.perDim(dims, (d, next) -> {
            Bounds b = bounds.get(d);
            return ctx.nest.loop("k" + axis(dims, d), b.longest(), k -> let(ctx, "i" + axis(dims, d), Idx.plus(b.lo(), k),
                in -> SpatialNest.guard(b.hi() == null ? null : Expr.lt(in, b.hi()), next.apply(in))));
          }, body);
          return switch (kind) {
            case MAX -> PoolLowering.reduceMax(ctx, dims, lead, out, window, bounds.stream().map(Bounds::lo).toList());
            case AVG -> {
              Expr count = i(1);
              for (Bounds b : bounds) count = PoolLowering.product(count, b.hi() == null ? i(b.longest()) : Expr.sub(b.hi(), b.lo()));
              yield PoolLowering.reduceSum(ctx, lead, out, window, SpatialNest.toFloat(count));
            }
          };
        }));
  }

  /** {@code let lo = o*in // out, hi = ((o+1)*in + out - 1) // out in next(bounds)} along dim {@code d}. */
  private static Stmt bounds(LowerContext ctx, int dims, int d, Expr o, Function<Bounds, Stmt> next) {
    int in = ctx.in(0).dim(ctx.in(0).rank() - dims + d), out = ctx.out(0).dim(ctx.out(0).rank() - dims + d);
    List<Integer> lengths = new ArrayList<>();
    for (int v = 0; v < out; v++) lengths.add(hi(v, in, out) - lo(v, in, out));
    int longest = lengths.stream().mapToInt(Integer::intValue).max().orElse(0);
    boolean ragged = lengths.stream().anyMatch(n -> n != longest);
    String ax = axis(dims, d);
    Expr general = out > 0 && in % out == 0 ? Idx.times(o, in / out) : floorDiv(Idx.times(o, in), out);
    Expr lo = SpatialNest.perIndex(out, v -> lo(v, in, out), general);
    if (!ragged) return let(ctx, "lo" + ax, lo, loVar -> next.apply(new Bounds(o, loVar, null, longest)));
    Expr hi = floorDiv(Idx.plus(Idx.times(Idx.plus(o, 1), in), out - 1), out);
    return let(ctx, "lo" + ax, lo, loVar -> let(ctx, "hi" + ax, hi, hiVar -> next.apply(new Bounds(o, loVar, hiVar, longest))));
  }

  private static int lo(int o, int in, int out) {
    return (int) ((long) o * in / out);
  }

  private static int hi(int o, int in, int out) {
    return (int) (((long) (o + 1) * in + out - 1) / out);
  }
}
