package dev.tnet.ir.lower;

import static dev.tnet.ir.lower.TensorExprs.as;
import static dev.tnet.ir.lower.TensorExprs.bin;
import static dev.tnet.ir.lower.TensorExprs.constant;
import static dev.tnet.ir.lower.TensorExprs.div;
import static dev.tnet.ir.lower.TensorExprs.isNaN;
import static dev.tnet.ir.lower.TensorExprs.l;
import static dev.tnet.ir.lower.TensorExprs.let;
import static dev.tnet.ir.lower.TensorExprs.or;
import static dev.tnet.ir.lower.TensorExprs.select;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.Expr.BinOp;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.op.Binary;
import dev.tnet.ir.op.Scalar;
import java.util.function.Function;

/**
 * The loop nest of {@link Binary}: {@code y[i] = op(a[i], b[i])} over the broadcast shape, where
 * each operand is a tensor input read through broadcasting or the number argument, swapped for the
 * reversed forms. Operands are converted to the result's type first ({@code div} without rounding
 * always computes in f32). Integer ops wrap as int64; an integer division by zero fails the run
 * with the interpreter's user error.
 */
final class PointwiseBinaryLowering {
  private PointwiseBinaryLowering() {}

  static Stmt binary(Binary b, LowerContext ctx) {
    Operand x = ctx.in(0), y = ctx.out(0);
    ScalarType t = y.type();
    return ctx.nest.over(y.shape(), idx -> {
      Expr u = as(t, x.loadBroadcast(idx));
      Expr v = b.other() == null ? as(t, ctx.in(1).loadBroadcast(idx)) : constant(t, b.other());
      Expr first = b.reversed() ? v : u, second = b.reversed() ? u : v;
      return let(ctx, "a", first, p -> let(ctx, "b", second, q ->
          t == ScalarType.I64 ? intOp(b, p, q, ctx, r -> y.store(idx, r)) : floatOp(b, p, q, ctx, r -> y.store(idx, r))));
    });
  }

  /** The f32 result of {@code op(u, v)}, handed to {@code store}: PyTorch's float kernels, in f32. */
  private static Stmt floatOp(Binary b, Expr u, Expr v, LowerContext ctx, Function<Expr, Stmt> store) {
    return switch (b.kind()) {
      case ADD -> store.apply(Expr.add(u, scaled(b.alpha(), v)));
      case SUB -> store.apply(Expr.sub(u, scaled(b.alpha(), v)));
      case MUL -> store.apply(Expr.mul(u, v));
      case DIV -> switch (b.rounding()) {
        case NONE -> store.apply(div(u, v));
        case TRUNC -> let(ctx, "q", div(u, v), q -> store.apply(PointwiseMathLowering.trunc(q)));
        case FLOOR -> PointwiseMathLowering.floorDiv(ctx, u, v, store);
      };
      case POW -> store.apply(PointwiseMathLowering.pow(u, v));
      // NaN wins; otherwise the first operand unless the second is strictly beyond it (keeps -0.0 as given).
      case MAXIMUM -> store.apply(select(or(isNaN(u), isNaN(v)), TensorExprs.F_NAN, select(Expr.lt(u, v), v, u)));
      case MINIMUM -> store.apply(select(or(isNaN(u), isNaN(v)), TensorExprs.F_NAN, select(Expr.lt(v, u), v, u)));
    };
  }

  /** {@code alpha * v}, or {@code v} when alpha is 1. */
  private static Expr scaled(Scalar alpha, Expr v) {
    return alpha.asDouble() == 1 ? v : Expr.mul(constant(v.type(), alpha), v);
  }

  /** The i64 result of {@code op(u, v)}, handed to {@code store}. */
  private static Stmt intOp(Binary b, Expr u, Expr v, LowerContext ctx, Function<Expr, Stmt> store) {
    return switch (b.kind()) {
      case ADD -> store.apply(Expr.add(u, scaled(b.alpha(), v)));
      case SUB -> store.apply(Expr.sub(u, scaled(b.alpha(), v)));
      case MUL -> store.apply(Expr.mul(u, v));
      case DIV -> {
        Expr q = bin(b.rounding() == Binary.Rounding.FLOOR ? BinOp.FLOOR_DIV : BinOp.DIV, u, v);
        if (v instanceof Expr.LongConst c && c.value() != 0) yield store.apply(q);
        yield Stmt.block(new Stmt.Check(TensorExprs.ne(v, l(0)), b.name() + ": integer division by zero", v), store.apply(q));
      }
      case POW -> v instanceof Expr.LongConst c && c.value() >= 0
          ? PointwiseMathLowering.powConstant(ctx, u, c.value(), store)
          : PointwiseMathLowering.powInt(ctx, u, v, store);
      case MAXIMUM -> store.apply(bin(BinOp.MAX, u, v));
      case MINIMUM -> store.apply(bin(BinOp.MIN, u, v));
    };
  }
}
