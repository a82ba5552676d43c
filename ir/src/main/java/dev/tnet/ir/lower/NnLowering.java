package dev.tnet.ir.lower;

import static dev.tnet.ir.loop.Expr.f;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.Expr.BinOp;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.op.Activation;
import dev.tnet.ir.op.Linear;
import dev.tnet.ir.op.NnOp;
import java.util.ArrayList;
import java.util.List;

/** Loop nests of the {@link NnOp} family. */
final class NnLowering {
  private NnLowering() {}

  static Stmt lower(NnOp op, LowerContext ctx) {
    return switch (op) {
      case Linear l -> linear(l, ctx);
      case Activation a -> pointwise(ctx, x -> activation(a.kind(), x));
      default -> throw new dev.tnet.runtime.CompilerBug(op.name() + " is not lowered to loops yet");
    };
  }

  /** {@code y[..., o] = bias[o] + sum_k x[..., k] * w[o, k]}. */
  static Stmt linear(Linear l, LowerContext ctx) {
    Operand x = ctx.in(0), w = ctx.param(0), y = ctx.out(0);
    int in = w.dim(1);
    return ctx.nest.over(y.shape(), idx -> {
      Expr o = idx.get(idx.size() - 1);
      String acc = ctx.fresh("acc");
      Expr init = l.bias() ? ctx.param(1).load(List.of(o)) : f(0);
      Stmt sum = ctx.nest.loop("k", in, k -> {
        List<Expr> xi = new ArrayList<>(idx);
        xi.set(xi.size() - 1, k);
        return LowerContext.set(acc, Expr.add(LowerContext.var(acc, ScalarType.F32), Expr.mul(x.load(xi), w.load(List.of(o, k)))));
      });
      return Stmt.block(ctx.declare(acc, ScalarType.F32, init), sum, y.store(idx, LowerContext.var(acc, ScalarType.F32)));
    });
  }

  /** {@code y[i] = f(x[i])} over the whole shape. */
  static Stmt pointwise(LowerContext ctx, java.util.function.UnaryOperator<Expr> fn) {
    Operand x = ctx.in(0), y = ctx.out(0);
    return ctx.nest.over(y.shape(), idx -> y.store(idx, fn.apply(x.load(idx))));
  }

  static Expr activation(Activation.Kind kind, Expr x) {
    return switch (kind) {
      case RELU -> new Expr.Select(Expr.lt(x, f(0)), f(0), x);
      case SIGMOID -> Expr.call("sigmoid", ScalarType.F32, x);
      case TANH -> Expr.call("tanh", ScalarType.F32, x);
      default -> throw new dev.tnet.runtime.CompilerBug("activation " + kind + " is not lowered to loops yet");
    };
  }

  static Expr max(Expr a, Expr b) {
    return new Expr.Binary(BinOp.MAX, a, b);
  }
}
