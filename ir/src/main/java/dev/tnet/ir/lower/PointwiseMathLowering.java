package dev.tnet.ir.lower;

import static dev.tnet.ir.lower.TensorExprs.abs;
import static dev.tnet.ir.lower.TensorExprs.bin;
import static dev.tnet.ir.lower.TensorExprs.call;
import static dev.tnet.ir.lower.TensorExprs.eq;
import static dev.tnet.ir.lower.TensorExprs.gt;
import static dev.tnet.ir.lower.TensorExprs.l;
import static dev.tnet.ir.lower.TensorExprs.let;
import static dev.tnet.ir.lower.TensorExprs.or;
import static dev.tnet.ir.lower.TensorExprs.select;
import static dev.tnet.ir.loop.Expr.and;
import static dev.tnet.ir.loop.Expr.f;
import static dev.tnet.ir.loop.Expr.lt;
import static dev.tnet.ir.loop.Expr.mul;
import static dev.tnet.ir.loop.Expr.sub;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.Expr.BinOp;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.ir.loop.Stmt;
import java.util.function.Function;

/**
 * Scalar math of the binary ops that loop IR has no single operation for, composed from the ones
 * it has: float floor division, C's {@code pow} special cases, truncation, and int64 powers.
 * Each states the reference function ({@code interp.PointwiseMath}) it reproduces.
 */
final class PointwiseMathLowering {
  private PointwiseMathLowering() {}

  private static final float TWO_24 = 0x1p24f, TWO_64 = 0x1p64f;

  /** Rounds toward zero, keeping the sign of zero: {@code q < 0 ? ceil(q) : floor(q)}. */
  static Expr trunc(Expr q) {
    return select(lt(q, f(0)), call("ceil", q), call("floor", q));
  }

  /** {@code a ** b} as C's pow: {@code 1 ** y} and {@code (-1) ** ±inf} are 1 (Java's pow gives NaN). */
  static Expr pow(Expr a, Expr b) {
    Expr one = or(eq(a, f(1)), and(eq(a, f(-1)), eq(abs(b), TensorExprs.F_INF)));
    return select(one, f(1), call("pow", a, b));
  }

  /**
   * Python's {@code a // b} on floats (PyTorch's {@code div(rounding_mode='floor')}): the floor of
   * the exact quotient. {@code n = floor(a / b)} is right unless the rounded quotient is an integer
   * the exact one lies just below; then the sign of the exact remainder {@code a - n*b} (computed
   * error-free with Dekker's product, after scaling by a power of two so nothing overflows or
   * underflows) decides. Division by zero gives {@code a / b}; an infinite {@code a} gives NaN.
   */
  static Stmt floorDiv(LowerContext ctx, Expr a, Expr b, Function<Expr, Stmt> store) {
    return let(ctx, "q", TensorExprs.div(a, b), q -> let(ctx, "n", call("floor", q), n ->
        let(ctx, "scale", select(gt(abs(b), f(TWO_64)), f(1 / TWO_64), select(lt(abs(b), f(1 / TWO_64)), f(TWO_64), f(1))), s ->
        let(ctx, "bs", mul(b, s), bs -> let(ctx, "p", mul(n, bs), p ->
        split(ctx, n, (nh, nl) -> split(ctx, bs, (bh, bl) ->
        let(ctx, "err", Expr.add(Expr.add(Expr.add(sub(mul(nh, bh), p), mul(nh, bl)), mul(nl, bh)), mul(nl, bl)), e ->
        let(ctx, "rem", select(eq(n, f(0)), a, sub(sub(mul(a, s), p), e)), r -> {
          Expr below = or(and(lt(r, f(0)), gt(b, f(0))), and(gt(r, f(0)), lt(b, f(0))));
          Expr exactCheck = and(eq(q, n), and(lt(abs(n), f(TWO_24)), below));
          Expr result = select(eq(b, f(0)), q,
              select(eq(abs(a), TensorExprs.F_INF), TensorExprs.F_NAN, select(exactCheck, sub(n, f(1)), n)));
          return store.apply(result);
        })))))))));
  }

  private interface Halves {
    Stmt with(Expr hi, Expr lo);
  }

  /** Dekker's split: {@code x = hi + lo} exactly, each with at most 12 significant bits. */
  private static Stmt split(LowerContext ctx, Expr x, Halves body) {
    return let(ctx, "c", mul(f(4097), x), c -> let(ctx, "hi", sub(c, sub(c, x)), hi ->
        let(ctx, "lo", sub(x, hi), lo -> body.with(hi, lo))));
  }

  /** {@code base ** e} on int64 for a known {@code e >= 0}, by repeated squaring (wrapping). */
  static Stmt powConstant(LowerContext ctx, Expr base, long e, Function<Expr, Stmt> store) {
    return powConstant(ctx, base, e, null, store);
  }

  /** {@code acc * base ** e} ({@code acc} null for 1). */
  private static Stmt powConstant(LowerContext ctx, Expr base, long e, Expr acc, Function<Expr, Stmt> store) {
    Expr withBit = (e & 1) == 0 ? acc : acc == null ? base : mul(acc, base);
    if (e <= 1) return store.apply(withBit == null ? l(1) : withBit);
    return let(ctx, "acc", withBit == null ? l(1) : withBit, a ->
        let(ctx, "sq", mul(base, base), sq -> powConstant(ctx, sq, e >> 1, withBit == null ? null : a, store)));
  }

  /**
   * {@code a ** b} on int64 for any {@code b} ({@code interp.PointwiseMath.powi}): square and
   * multiply over the 63 bits a non-negative int64 can have; a negative exponent gives 0, except
   * for bases 1 (1) and -1 (±1 by the exponent's parity).
   */
  static Stmt powInt(LowerContext ctx, Expr a, Expr b, Function<Expr, Stmt> store) {
    String r = ctx.fresh("pow"), p = ctx.fresh("base"), e = ctx.fresh("exp");
    Expr rv = LowerContext.var(r, ScalarType.I64), pv = LowerContext.var(p, ScalarType.I64), ev = LowerContext.var(e, ScalarType.I64);
    Stmt step = new Stmt.If(gt(ev, l(0)), Stmt.block(
        new Stmt.If(eq(bin(BinOp.MOD, ev, l(2)), l(1)), LowerContext.set(r, mul(rv, pv)), Stmt.nothing()),
        LowerContext.set(p, mul(pv, pv)),
        LowerContext.set(e, bin(BinOp.FLOOR_DIV, ev, l(2)))), Stmt.nothing());
    Expr negative = select(eq(a, l(1)), l(1),
        select(eq(a, l(-1)), select(eq(bin(BinOp.MOD, b, l(2)), l(0)), l(1), l(-1)), l(0)));
    return Stmt.block(
        ctx.declare(r, ScalarType.I64, l(1)), ctx.declare(p, ScalarType.I64, a), ctx.declare(e, ScalarType.I64, b),
        ctx.nest.loop("bit", 63, bit -> step),
        store.apply(select(lt(b, l(0)), negative, rv)));
  }
}
