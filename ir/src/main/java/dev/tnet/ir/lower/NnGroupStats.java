package dev.tnet.ir.lower;

import static dev.tnet.ir.lower.NnExprs.f32;
import static dev.tnet.ir.lower.NnExprs.f;
import static dev.tnet.ir.lower.TensorExprs.div;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.ir.loop.Stmt;
import java.util.List;
import java.util.function.Function;

/**
 * The mean and biased variance of one normalised group, in float locals, two passes over the
 * group. Pass one sums the values for a provisional mean {@code m0}. Pass two sums the deviations
 * {@code d = x - m0} and their squares: the correction {@code shift = mean(d)} and the variance
 * {@code max(mean(d^2) - shift^2, 0)}. A centred value is {@code (x - m0) - shift}: since
 * {@code m0} is the mean to within rounding, {@code x - m0} is exact for values near it, so data
 * far from zero (values around 1e6 with a spread of 1e4) keep the precision that a single
 * float mean would lose. When {@code m0} is infinite or NaN the shift is 0, so the mean is
 * {@code m0} itself (an infinite input gives an infinite mean, as in PyTorch, not
 * {@code inf - inf = NaN}).
 *
 * @param compute the statements declaring the locals; splice them into the enclosing block
 */
record NnGroupStats(List<Stmt> compute, Expr m0, Expr shift, Expr var) {
  /**
   * The statistics of the values {@code element(index)} for every index of the loop nest
   * {@code extents} (the group's size is their product).
   */
  static NnGroupStats of(LowerContext ctx, int[] extents, Function<List<Expr>, Expr> element) {
    int size = NnExprs.product(dev.tnet.runtime.Shape.of(extents), 0, extents.length);
    Expr count = f(size);
    String sum = ctx.fresh("sum"), m0 = ctx.fresh("mean0");
    String dev = ctx.fresh("dev"), sq = ctx.fresh("sq"), shift = ctx.fresh("shift"), var = ctx.fresh("var");
    Stmt firstPass = ctx.nest.over(extents, idx -> LowerContext.set(sum, Expr.add(f32(sum), element.apply(idx))));
    Stmt secondPass = ctx.nest.over(extents, idx -> {
      String d = ctx.fresh("d");
      return new Stmt.Let(d, Expr.sub(element.apply(idx), f32(m0)), Stmt.block(
          LowerContext.set(dev, Expr.add(f32(dev), f32(d))),
          LowerContext.set(sq, Expr.add(f32(sq), Expr.mul(f32(d), f32(d))))));
    });
    Expr variance = NnLowering.max(Expr.sub(div(f32(sq), count), Expr.mul(f32(shift), f32(shift))), f(0));
    List<Stmt> compute = List.of(
        ctx.declare(sum, ScalarType.F32, f(0)), firstPass,
        ctx.declare(m0, ScalarType.F32, div(f32(sum), count)),
        ctx.declare(dev, ScalarType.F32, f(0)), ctx.declare(sq, ScalarType.F32, f(0)), secondPass,
        ctx.declare(shift, ScalarType.F32, new Expr.Select(isFinite(f32(m0)), div(f32(dev), count), f(0))),
        ctx.declare(var, ScalarType.F32, variance));
    return new NnGroupStats(compute, f32(m0), f32(shift), f32(var));
  }

  /** {@code x - x == 0}: true exactly when {@code x} is neither infinite nor NaN. */
  private static Expr isFinite(Expr x) {
    return new Expr.Binary(Expr.BinOp.EQ, Expr.sub(x, x), f(0));
  }

  /** {@code m0 + shift}, the mean (rounded to one float). */
  Expr mean() {
    return Expr.add(m0, shift);
  }

  /** {@code (x - m0) - shift}, the deviation of {@code x} from the mean. */
  Expr centered(Expr x) {
    return Expr.sub(Expr.sub(x, m0), shift);
  }
}
