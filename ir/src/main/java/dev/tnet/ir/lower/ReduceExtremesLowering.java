package dev.tnet.ir.lower;

import static dev.tnet.ir.lower.TensorExprs.eq;
import static dev.tnet.ir.lower.TensorExprs.gt;
import static dev.tnet.ir.lower.TensorExprs.isNaN;
import static dev.tnet.ir.lower.TensorExprs.l;
import static dev.tnet.ir.lower.TensorExprs.let;
import static dev.tnet.ir.lower.TensorExprs.or;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.ir.loop.Stmt;
import java.util.ArrayList;
import java.util.List;

/**
 * Loop nests of the extremes: {@code amax}/{@code amin} (values), {@code max}/{@code min} (values,
 * and i64 indices with a dim) and {@code argmax}/{@code argmin} (indices). Elements are visited in
 * row-major order and one replaces the best so far only if strictly beyond it, so ties keep the
 * first occurrence; a NaN replaces any number and is never replaced, so the first NaN wins.
 * Infer has refused empty reductions, so the starting value ({@code -inf}, or the smallest int64,
 * for max) is always replaced or equal to the first element, whose index is the starting index 0.
 */
final class ReduceExtremesLowering {
  private ReduceExtremesLowering() {}

  /**
   * Stores the extreme of each output element's reduced elements into {@code values} and its
   * position within the reduced dims into {@code indices}; either may be null (not wanted).
   */
  static Stmt extremes(boolean max, TensorReduction red, Operand values, Operand indices, LowerContext ctx) {
    Operand x = ctx.in(0), shaped = values != null ? values : indices;
    ScalarType t = x.type();
    return ctx.nest.over(shaped.shape(), out -> {
      String best = ctx.fresh("best"), where = ctx.fresh("where");
      Expr bestValue = LowerContext.var(best, t), whereValue = LowerContext.var(where, ScalarType.I64);
      List<Stmt> body = new ArrayList<>();
      body.add(ctx.declare(best, t, start(max, t)));
      if (indices != null) body.add(ctx.declare(where, ScalarType.I64, l(0)));
      body.add(red.loops(ctx, out, (in, pos) -> let(ctx, "v", x.load(in), v -> {
        Expr beyond = max ? gt(v, bestValue) : Expr.lt(v, bestValue);
        Expr better = t == ScalarType.F32 ? Expr.and(eq(bestValue, bestValue), or(isNaN(v), beyond)) : beyond;
        Stmt take = LowerContext.set(best, v);
        if (indices != null) take = Stmt.block(take, LowerContext.set(where, new Expr.Cast(ScalarType.I64, pos)));
        return new Stmt.If(better, take, Stmt.nothing());
      })));
      if (values != null) body.add(values.store(out, bestValue));
      if (indices != null) body.add(indices.store(out, whereValue));
      return new Stmt.Block(body);
    });
  }

  private static Expr start(boolean max, ScalarType t) {
    return t == ScalarType.I64 ? l(max ? Long.MIN_VALUE : Long.MAX_VALUE)
        : Expr.f(max ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY);
  }
}
