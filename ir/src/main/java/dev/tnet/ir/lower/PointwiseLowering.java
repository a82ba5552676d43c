package dev.tnet.ir.lower;

import static dev.tnet.ir.lower.TensorExprs.abs;
import static dev.tnet.ir.lower.TensorExprs.as;
import static dev.tnet.ir.lower.TensorExprs.call;
import static dev.tnet.ir.lower.TensorExprs.constant;
import static dev.tnet.ir.lower.TensorExprs.div;
import static dev.tnet.ir.lower.TensorExprs.gt;
import static dev.tnet.ir.lower.TensorExprs.l;
import static dev.tnet.ir.lower.TensorExprs.neg;
import static dev.tnet.ir.lower.TensorExprs.select;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.op.Clamp;
import dev.tnet.ir.op.Round;
import dev.tnet.ir.op.Unary;
import java.util.function.Function;

/**
 * Loop nests of the one-input pointwise ops: {@code y[i] = f(x[i])}. The value type is the
 * output's: an i64 input of a float function is converted first; the integer-preserving kinds
 * compute exactly on i64.
 */
final class PointwiseLowering {
  private PointwiseLowering() {}

  /** {@code y[i] = fn(x[i] as y's type)}, with a {@code let} so {@code fn} may use its argument twice. */
  static Stmt map(LowerContext ctx, Function<Expr, Expr> fn) {
    Operand x = ctx.in(0), y = ctx.out(0);
    return ctx.nest.over(y.shape(), idx ->
        TensorExprs.let(ctx, "x", as(y.type(), x.load(idx)), v -> y.store(idx, fn.apply(v))));
  }

  static Stmt unary(Unary u, LowerContext ctx) {
    boolean ints = ctx.out(0).type() == ScalarType.I64;
    return map(ctx, x -> ints ? unaryInt(u.kind(), x) : unaryFloat(u.kind(), x));
  }

  static Expr unaryFloat(Unary.Kind kind, Expr x) {
    return switch (kind) {
      case SQRT -> call("sqrt", x);
      case RSQRT -> call("rsqrt", x);
      case EXP -> call("exp", x);
      case LOG -> call("log", x);
      case ERF -> call("erf", x);
      case SIN -> call("sin", x);
      case COS -> call("cos", x);
      case RECIPROCAL -> div(Expr.f(1), x);
      case ABS -> abs(x);
      case NEG -> neg(x);
      case SIGN -> sign(x, Expr.f(1), Expr.f(0));
      case SQUARE -> Expr.mul(x, x);
      case FLOOR -> call("floor", x);
      case CEIL -> call("ceil", x);
    };
  }

  /** The integer forms: exact on i64, wrapping as int64 does ({@code abs(MIN) = MIN}). */
  static Expr unaryInt(Unary.Kind kind, Expr x) {
    return switch (kind) {
      case ABS -> abs(x);
      case NEG -> neg(x);
      case SIGN -> sign(x, l(1), l(0));
      case SQUARE -> Expr.mul(x, x);
      case FLOOR, CEIL -> x;
      default -> throw new dev.tnet.runtime.CompilerBug(kind + " has no integer form");
    };
  }

  /** PyTorch's sign: 1, -1, or 0 for both zeros and NaN. */
  private static Expr sign(Expr x, Expr one, Expr zero) {
    return select(gt(x, zero), one, select(Expr.lt(x, zero), neg(one), zero));
  }

  /**
   * Half to even after scaling by {@code 10^decimals}, in f32 as PyTorch computes it: {@code
   * rint(x * s) / s}, or {@code rint(x / s) * s} for negative decimals.
   */
  static Stmt round(Round r, LowerContext ctx) {
    int d = r.decimals();
    Expr scale = Expr.f((float) Math.pow(10, Math.abs(d)));
    return map(ctx, x -> d == 0 ? call("round", x)
        : d > 0 ? div(call("round", Expr.mul(x, scale)), scale)
        : Expr.mul(call("round", div(x, scale)), scale));
  }

  /**
   * {@code x < min ? min : x}, then {@code max < v ? max : v}: a NaN element fails both
   * comparisons and stays NaN; {@code min > max} gives {@code max}.
   */
  static Stmt clamp(Clamp c, LowerContext ctx) {
    ScalarType t = ctx.out(0).type();
    return map(ctx, x -> {
      Expr v = x;
      if (c.min() != null) v = select(Expr.lt(v, constant(t, c.min())), constant(t, c.min()), v);
      if (c.max() != null) v = select(Expr.lt(constant(t, c.max()), v), constant(t, c.max()), v);
      return v;
    });
  }
}
