package dev.tnet.ir.lower;

import static dev.tnet.ir.lower.NnExprs.f32;
import static dev.tnet.ir.lower.NnExprs.f;
import static dev.tnet.ir.lower.TensorExprs.call;
import static dev.tnet.ir.lower.TensorExprs.div;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.op.Softmax;
import java.util.ArrayList;
import java.util.List;

/**
 * The loop nest of {@link Softmax} and log-softmax, as {@code interp/NnKernels.softmax}: the input
 * is seen as {@code [outer, len, inner]} with {@code len} the softmax dim (a 0-d input as
 * {@code [1, 1, 1]}); each slice takes its max {@code m} (NaN-propagating, {@code -inf} for an
 * empty slice), then {@code sum = sum_j exp(x_j - m)}, then {@code exp(x - m) / sum} or
 * {@code (x - m) - log(sum)}.
 */
final class NnSoftmaxLowering {
  private NnSoftmaxLowering() {}

  static Stmt softmax(Softmax op, LowerContext ctx) {
    Operand x = ctx.in(0);
    int rank = x.rank(), axis = op.axis(rank);
    int len = rank == 0 ? 1 : x.dim(axis);
    int outer = NnExprs.product(x.shape(), 0, axis), inner = NnExprs.product(x.shape(), rank == 0 ? 0 : axis + 1, rank);
    // [outer, len * inner], element (o, j, i) at [o, j * inner + i]: the loop over o writes disjoint rows.
    Operand xv = NnExprs.view(x, outer, len * inner), yv = NnExprs.view(ctx.out(0), outer, len * inner);
    return ctx.nest.loop("o", outer, o -> inner == 1 ? slice(op, ctx, xv, yv, o, Expr.i(0), 1, len)
        : ctx.nest.loop("i", inner, i -> slice(op, ctx, xv, yv, o, i, inner, len)));
  }

  /** One slice {@code x[o, :, i]}: its max, its sum of exponentials, then the outputs. */
  private static Stmt slice(Softmax op, LowerContext ctx, Operand xv, Operand yv, Expr o, Expr i, int inner, int len) {
    java.util.function.Function<Expr, List<Expr>> at = j -> List.of(o, Idx.plus(Idx.times(j, inner), i));
    String max = ctx.fresh("max"), sum = ctx.fresh("sum"), logSum = ctx.fresh("log_sum");
    Stmt maxPass = ctx.nest.loop("j", len, j -> LowerContext.set(max, NnLowering.max(f32(max), xv.load(at.apply(j)))));
    Stmt sumPass = ctx.nest.loop("j", len,
        j -> LowerContext.set(sum, Expr.add(f32(sum), call("exp", Expr.sub(xv.load(at.apply(j)), f32(max))))));
    Stmt outPass = ctx.nest.loop("j", len, j -> {
      Expr shifted = Expr.sub(xv.load(at.apply(j)), f32(max));
      return yv.store(at.apply(j), op.log() ? Expr.sub(shifted, f32(logSum)) : div(call("exp", shifted), f32(sum)));
    });
    List<Stmt> body = new ArrayList<>(List.of(ctx.declare(max, ScalarType.F32, f(Float.NEGATIVE_INFINITY)), maxPass,
        ctx.declare(sum, ScalarType.F32, f(0)), sumPass));
    if (op.log()) body.add(ctx.declare(logSum, ScalarType.F32, call("log", f32(sum))));
    body.add(outPass);
    return new Stmt.Block(body);
  }
}
