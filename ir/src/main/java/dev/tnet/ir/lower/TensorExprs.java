package dev.tnet.ir.lower;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.Expr.BinOp;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.op.Scalar;
import java.util.function.Function;

/**
 * Expression builders the tensor-family lowerings share: conversions, constants of either value
 * type, comparisons, and {@code let} bindings (used by every lowering, spatial ones included)
 * written in continuation style (a value's consumer is a function from the bound variable to the
 * statement that uses it).
 */
final class TensorExprs {
  private TensorExprs() {}

  static final Expr F_NAN = Expr.f(Float.NaN), F_INF = Expr.f(Float.POSITIVE_INFINITY);

  /** {@code e} converted to {@code t} (i64 to f32 rounds to nearest), or {@code e} if it has that type. */
  static Expr as(ScalarType t, Expr e) {
    return e.type() == t ? e : new Expr.Cast(t, e);
  }

  static Expr l(long v) {
    return new Expr.LongConst(v);
  }

  /** The constant {@code v} of value type {@code t}: i64 truncates toward zero, f32 rounds. */
  static Expr constant(ScalarType t, double v) {
    return t == ScalarType.I64 ? l((long) v) : Expr.f((float) v);
  }

  /** A number argument as a constant of the computation's type {@code t}. */
  static Expr constant(ScalarType t, Scalar s) {
    return t == ScalarType.I64 ? l(((Scalar.OfInt) s).value()) : Expr.f((float) s.asDouble());
  }

  static Expr bin(BinOp op, Expr a, Expr b) {
    return new Expr.Binary(op, a, b);
  }

  static Expr div(Expr a, Expr b) {
    return bin(BinOp.DIV, a, b);
  }

  static Expr eq(Expr a, Expr b) {
    return bin(BinOp.EQ, a, b);
  }

  static Expr ne(Expr a, Expr b) {
    return bin(BinOp.NE, a, b);
  }

  static Expr gt(Expr a, Expr b) {
    return bin(BinOp.GT, a, b);
  }

  static Expr or(Expr a, Expr b) {
    return bin(BinOp.OR, a, b);
  }

  static Expr abs(Expr a) {
    return new Expr.Unary(Expr.UnOp.ABS, a);
  }

  static Expr neg(Expr a) {
    return new Expr.Unary(Expr.UnOp.NEG, a);
  }

  static Expr select(Expr cond, Expr then, Expr otherwise) {
    return new Expr.Select(cond, then, otherwise);
  }

  /** A call of a float function of {@code MathFns}. */
  static Expr call(String fn, Expr... args) {
    return Expr.call(fn, ScalarType.F32, args);
  }

  /** True for NaN: the only value unequal to itself. */
  static Expr isNaN(Expr x) {
    return ne(x, x);
  }

  /** {@code let name = value in body(name)}; constants and variables are used as they are. */
  static Stmt let(LowerContext ctx, String base, Expr value, Function<Expr, Stmt> body) {
    if (value instanceof Expr.Var || value instanceof Expr.IntConst || value instanceof Expr.LongConst
        || value instanceof Expr.FloatConst) {
      return body.apply(value);
    }
    String name = ctx.fresh(base);
    return new Stmt.Let(name, value, body.apply(new Expr.Var(name, value.type())));
  }

  /**
   * A loop nest of zero iterations that stores into {@code y}: the kernel of a node whose output
   * has no elements still names its output, so later readers see it written.
   */
  static Stmt writeNothing(LowerContext ctx, Operand y) {
    return ctx.nest.over(y.shape(), idx -> y.store(idx, constant(y.type(), 0)));
  }
}
