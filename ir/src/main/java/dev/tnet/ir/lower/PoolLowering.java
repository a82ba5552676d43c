package dev.tnet.ir.lower;

import static dev.tnet.ir.loop.Expr.f;
import static dev.tnet.ir.loop.Expr.i;
import static dev.tnet.ir.lower.SpatialNest.axis;
import static dev.tnet.ir.lower.TensorExprs.let;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.Expr.BinOp;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.op.AvgPool;
import dev.tnet.ir.op.MaxPool;
import dev.tnet.runtime.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * The loop nests of {@link MaxPool} and {@link AvgPool} (as {@code interp.PoolKernels}), and the
 * window reductions they share with adaptive and global pooling: per output element, a window's
 * taps are scanned in row-major order, each tap's input coordinate a {@code let} guarded by the
 * bounds it can leave.
 */
final class PoolLowering {
  private PoolLowering() {}

  /** Opens a window's tap loops around {@code body}, which gets the input's spatial coordinates. */
  interface Window {
    Stmt taps(Function<List<Expr>, Stmt> body);
  }

  static Stmt max(MaxPool op, LowerContext ctx) {
    int dims = op.spatialDims();
    Operand y = ctx.out(0);
    return SpatialNest.leading(ctx, y.shape(), dims, lead -> SpatialNest.windows(ctx, y.shape(), dims,
        (d, o) -> SpatialNest.affine(o, op.stride().get(d), -op.padding().get(d)), origins -> {
          List<Expr> first = new ArrayList<>();
          for (int d = 0; d < dims; d++) {
            first.add(firstTap(op.padding().get(d), op.dilation().get(d), origins.get(d).start()));
          }
          Window window = sliding(ctx, dims, origins, op.kernelSize(), op.stride(), op.padding(), op.dilation());
          return reduceMax(ctx, dims, lead, SpatialNest.indices(origins), window, first);
        }));
  }

  /**
   * The first in-range tap of a max-pool window starting at {@code start}: where the reference
   * starts its best index. Below 0 the taps step by the dilation, so the first one at or past 0 is
   * {@code start % dilation}.
   */
  private static Expr firstTap(int padding, int dilation, Expr start) {
    if (padding == 0) return start;
    if (dilation == 1) return SpatialNest.max(start, i(0));
    return new Expr.Select(Expr.lt(start, i(0)), SpatialNest.mod(start, dilation), start);
  }

  /**
   * The taps of sliding windows that start every {@code stride} at {@code -padding}: {@code for k:
   * let i = start + k*dilation in if 0 <= i < size: body(...)} per dim, keeping only the bounds
   * some window can leave.
   */
  private static Window sliding(LowerContext ctx, int dims, List<SpatialNest.Origin> origins, List<Integer> kernel,
      List<Integer> stride, List<Integer> padding, List<Integer> dilation) {
    Operand x = ctx.in(0), y = ctx.out(0);
    return body -> SpatialNest.perDim(dims, (d, next) -> {
      int size = x.dim(x.rank() - dims + d), outSize = y.dim(y.rank() - dims + d);
      int k = kernel.get(d), s = stride.get(d), p = padding.get(d), dil = dilation.get(d);
      boolean high = (outSize - 1) * s - p + (k - 1) * dil >= size;
      return ctx.nest.loop("k" + axis(dims, d), k, tap -> let(ctx, "i" + axis(dims, d),
          Idx.plus(origins.get(d).start(), Idx.times(tap, dil)),
          in -> SpatialNest.guard(SpatialNest.within(in, size, p > 0, high), next.apply(in))));
    }, body);
  }

  static Stmt avg(AvgPool op, LowerContext ctx) {
    int dims = op.spatialDims();
    Operand y = ctx.out(0);
    return SpatialNest.leading(ctx, y.shape(), dims, lead -> SpatialNest.windows(ctx, y.shape(), dims,
        (d, o) -> SpatialNest.affine(o, op.stride().get(d), -op.padding().get(d)), origins -> {
          Window window = sliding(ctx, dims, origins, op.kernelSize(), op.stride(), op.padding(),
              Collections.nCopies(dims, 1));
          Expr divisor;
          if (op.divisorOverride().isPresent()) {
            divisor = f(op.divisorOverride().getAsInt());
          } else {
            Expr count = i(1);
            for (int d = 0; d < dims; d++) count = product(count, avgWindowSize(op, ctx, d, origins.get(d).start()));
            divisor = SpatialNest.toFloat(count);
          }
          return reduceSum(ctx, lead, SpatialNest.indices(origins), window, divisor);
        }));
  }

  /**
   * The divisor's factor along dim {@code d}, as PyTorch: the window {@code [start, start +
   * kernel)} clipped to the padded input {@code [-padding, size + padding)} (count_include_pad), or
   * to the input itself. Every window holds at least one input element (padding is at most half the
   * kernel, and ceil mode never starts a window in the end padding), so the divisor is positive.
   */
  private static Expr avgWindowSize(AvgPool op, LowerContext ctx, int d, Expr start) {
    int dims = op.spatialDims();
    Operand x = ctx.in(0);
    int size = x.dim(x.rank() - dims + d), outSize = ctx.out(0).dim(x.rank() - dims + d);
    int kernel = op.kernelSize().get(d), stride = op.stride().get(d), padding = op.padding().get(d);
    int limit = op.countIncludePad() ? size + padding : size;
    Expr end = SpatialNest.min(Idx.plus(start, kernel), i(limit));
    if (op.countIncludePad()) {
      return SpatialNest.perIndex(outSize, o -> Math.min(o * stride - padding + kernel, limit) - (o * stride - padding),
          Expr.sub(end, start));
    }
    return SpatialNest.perIndex(outSize, o -> Math.min(o * stride - padding + kernel, limit) - Math.max(o * stride - padding, 0),
        Expr.sub(end, SpatialNest.max(start, i(0))));
  }

  static Expr product(Expr a, Expr b) {
    if (a instanceof Expr.IntConst x && b instanceof Expr.IntConst z) return i(x.value() * z.value());
    if (a instanceof Expr.IntConst x && x.value() == 1) return b;
    if (b instanceof Expr.IntConst z && z.value() == 1) return a;
    return Expr.mul(a, b);
  }

  /**
   * {@code y[lead, out] = max over the window}, where NaN wins: a tap replaces the best if greater
   * or NaN, so ties keep the first. With a second output, its i64 element is the winner's flat
   * position in the input plane, starting at {@code first} (the window's first in-range tap), so an
   * all -inf window reports that tap.
   */
  static Stmt reduceMax(LowerContext ctx, int dims, List<Expr> lead, List<Expr> out, Window window, List<Expr> first) {
    Operand x = ctx.in(0), y = ctx.out(0);
    Shape plane = spatialShape(x.shape(), dims);
    boolean indices = ctx.outputs().size() > 1;
    String best = ctx.fresh("best"), at = ctx.fresh("at");
    Expr bestVar = LowerContext.var(best, ScalarType.F32), atVar = LowerContext.var(at, ScalarType.I32);
    Stmt scan = window.taps(coords -> let(ctx, "v", x.load(SpatialNest.concat(lead, coords)), v -> {
      Expr wins = new Expr.Binary(BinOp.OR, new Expr.Binary(BinOp.GT, v, bestVar), new Expr.Binary(BinOp.NE, v, v));
      Stmt update = indices ? Stmt.block(LowerContext.set(best, v), LowerContext.set(at, Idx.flat(plane, coords)))
          : LowerContext.set(best, v);
      return new Stmt.If(wins, update, Stmt.nothing());
    }));
    List<Expr> yi = SpatialNest.concat(lead, out);
    List<Stmt> body = new ArrayList<>(List.of(ctx.declare(best, ScalarType.F32, f(Float.NEGATIVE_INFINITY))));
    if (indices) body.add(ctx.declare(at, ScalarType.I32, Idx.flat(plane, first)));
    body.add(scan);
    body.add(y.store(yi, bestVar));
    if (indices) body.add(ctx.out(1).store(yi, new Expr.Cast(ScalarType.I64, atVar)));
    return new Stmt.Block(body);
  }

  /** {@code y[lead, out] = (sum over the window) / divisor}, accumulated in F32. */
  static Stmt reduceSum(LowerContext ctx, List<Expr> lead, List<Expr> out, Window window, Expr divisor) {
    Operand x = ctx.in(0), y = ctx.out(0);
    String acc = ctx.fresh("acc");
    Expr accVar = LowerContext.var(acc, ScalarType.F32);
    Stmt scan = window.taps(coords -> LowerContext.set(acc, Expr.add(accVar, x.load(SpatialNest.concat(lead, coords)))));
    return Stmt.block(ctx.declare(acc, ScalarType.F32, f(0)), scan,
        y.store(SpatialNest.concat(lead, out), new Expr.Binary(BinOp.DIV, accVar, divisor)));
  }

  /** The last {@code dims} dims of {@code s}: one input plane. */
  private static Shape spatialShape(Shape s, int dims) {
    int[] all = s.dims();
    return Shape.of(java.util.Arrays.copyOfRange(all, all.length - dims, all.length));
  }
}
