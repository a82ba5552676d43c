package dev.tnet.ir.lower;

import static dev.tnet.ir.lower.TensorExprs.abs;
import static dev.tnet.ir.lower.TensorExprs.div;
import static dev.tnet.ir.lower.TensorExprs.l;
import static dev.tnet.ir.lower.TensorExprs.let;
import static dev.tnet.ir.lower.TensorExprs.select;
import static dev.tnet.ir.loop.Expr.f;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.Expr.BinOp;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.op.Reduce;
import dev.tnet.ir.op.Variance;
import java.util.List;

/**
 * Loop nests of {@code sum}, {@code mean}, {@code prod}, {@code amax}, {@code amin}, {@code var}
 * and {@code std}: per output element, accumulators in locals and a loop per reduced dim.
 *
 * <p>The reference accumulates float sums in double; here they accumulate in f32 with Neumaier's
 * compensation (a second local carries the rounding error of each addition), which keeps the
 * result close to the double sum even under cancellation ({@code 1e8 + 1 - 1e8 + 1 = 2}). Integer
 * sums and products wrap as int64.
 */
final class ReduceLowering {
  private ReduceLowering() {}

  static Stmt reduce(Reduce r, LowerContext ctx) {
    Operand x = ctx.in(0), y = ctx.out(0);
    TensorReduction red = new TensorReduction(x.shape(), r.reduced(x.rank()), r.keepdim());
    ScalarType t = y.type();
    return switch (r.kind()) {
      case AMAX, AMIN -> ReduceExtremesLowering.extremes(r.kind() == Reduce.Kind.AMAX, red, y, null, ctx);
      case PROD -> ctx.nest.over(y.shape(), out -> {
        String acc = ctx.fresh("prod");
        Expr v = LowerContext.var(acc, t);
        return Stmt.block(ctx.declare(acc, t, TensorExprs.constant(t, 1)),
            red.loops(ctx, out, (in, pos) -> LowerContext.set(acc, Expr.mul(v, x.load(in)))),
            y.store(out, v));
      });
      case SUM, MEAN -> ctx.nest.over(y.shape(), out -> {
        if (t == ScalarType.I64) {
          String acc = ctx.fresh("sum");
          Expr v = LowerContext.var(acc, t);
          return Stmt.block(ctx.declare(acc, t, l(0)),
              red.loops(ctx, out, (in, pos) -> LowerContext.set(acc, Expr.add(v, x.load(in)))), y.store(out, v));
        }
        Sum s = Sum.declare(ctx);
        Expr total = s.total();
        return s.scope(red.loops(ctx, out, (in, pos) -> s.add(ctx, x.load(in))),
            y.store(out, r.kind() == Reduce.Kind.MEAN ? div(total, f(red.count())) : total));
      });
    };
  }

  /**
   * Two passes per output element: the mean (and the largest magnitude, {@code peak}), then
   * {@code sum(((x - mean) / peak)^2)}; the result is that over {@code max(0, N - correction)},
   * scaled back by {@code peak^2} (or {@code peak} after the square root for std). Dividing by the
   * peak keeps the squares from overflowing f32 where the reference's double squares do not.
   */
  static Stmt variance(Variance v, LowerContext ctx) {
    Operand x = ctx.in(0), y = ctx.out(0);
    TensorReduction red = new TensorReduction(x.shape(), v.reduced(x.rank()), v.keepdim());
    float divisor = (float) Math.max(0, (double) red.count() - v.correction());
    return ctx.nest.over(y.shape(), out -> {
      Sum mean = Sum.declare(ctx), squares = Sum.declare(ctx);
      String peak = ctx.fresh("peak");
      Expr peakValue = LowerContext.var(peak, ScalarType.F32);
      Stmt firstPass = red.loops(ctx, out, (in, pos) -> let(ctx, "x", x.load(in), e ->
          Stmt.block(mean.add(ctx, e), LowerContext.set(peak, TensorExprs.bin(BinOp.MAX, peakValue, abs(e))))));
      return mean.scope(ctx.declare(peak, ScalarType.F32, f(0)), firstPass,
          let(ctx, "mean", div(mean.total(), f(red.count())), m ->
              let(ctx, "scale", select(TensorExprs.gt(peakValue, f(0)), peakValue, f(1)), scale -> {
                Stmt secondPass = red.loops(ctx, out, (in, pos) ->
                    let(ctx, "d", div(Expr.sub(x.load(in), m), scale), d -> squares.add(ctx, Expr.mul(d, d))));
                Stmt result = let(ctx, "ratio", div(squares.total(), f(divisor)), w -> y.store(out, v.std()
                    ? Expr.mul(TensorExprs.call("sqrt", w), scale) : Expr.mul(Expr.mul(w, scale), scale)));
                return squares.scope(secondPass, result);
              })));
    });
  }

  /** A compensated f32 sum: {@code sum} plus the running error {@code comp} (Neumaier). */
  record Sum(String sum, String comp) {
    static Sum declare(LowerContext ctx) {
      return new Sum(ctx.fresh("sum"), ctx.fresh("comp"));
    }

    /** The block that declares the sum and runs {@code rest} in its scope. */
    Stmt scope(Stmt... rest) {
      List<Stmt> all = new java.util.ArrayList<>(List.of(new Stmt.Declare(sum, ScalarType.F32, f(0)),
          new Stmt.Declare(comp, ScalarType.F32, f(0))));
      all.addAll(List.of(rest));
      return new Stmt.Block(all);
    }

    Expr s() {
      return LowerContext.var(sum, ScalarType.F32);
    }

    Expr c() {
      return LowerContext.var(comp, ScalarType.F32);
    }

    /** {@code t = s + x}; the error of that addition, exact in f32, goes into {@code comp}. */
    Stmt add(LowerContext ctx, Expr value) {
      return let(ctx, "x", value, x -> let(ctx, "t", Expr.add(s(), x), t -> Stmt.block(
          LowerContext.set(comp, Expr.add(c(), select(Expr.ge(abs(s()), abs(x)),
              Expr.add(Expr.sub(s(), t), x), Expr.add(Expr.sub(x, t), s())))),
          LowerContext.set(sum, t))));
    }

    /** {@code s + comp}, or {@code s} itself once it is infinite (the error terms are then NaN). */
    Expr total() {
      return select(TensorExprs.eq(abs(s()), TensorExprs.F_INF), s(), Expr.add(s(), c()));
    }
  }
}
