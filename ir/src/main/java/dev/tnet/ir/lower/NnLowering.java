package dev.tnet.ir.lower;

import static dev.tnet.ir.lower.NnExprs.clamp;
import static dev.tnet.ir.lower.NnExprs.expm1;
import static dev.tnet.ir.lower.NnExprs.f;
import static dev.tnet.ir.lower.NnExprs.positiveOr;
import static dev.tnet.ir.lower.TensorExprs.call;
import static dev.tnet.ir.lower.TensorExprs.div;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.Expr.BinOp;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.op.Activation;
import dev.tnet.ir.op.BatchNorm;
import dev.tnet.ir.op.Celu;
import dev.tnet.ir.op.Constant;
import dev.tnet.ir.op.Dropout;
import dev.tnet.ir.op.DyT;
import dev.tnet.ir.op.Elu;
import dev.tnet.ir.op.Embedding;
import dev.tnet.ir.op.Gelu;
import dev.tnet.ir.op.GroupNorm;
import dev.tnet.ir.op.Hardtanh;
import dev.tnet.ir.op.InstanceNorm;
import dev.tnet.ir.op.LayerNorm;
import dev.tnet.ir.op.LeakyRelu;
import dev.tnet.ir.op.Linear;
import dev.tnet.ir.op.MatMul;
import dev.tnet.ir.op.NnOp;
import dev.tnet.ir.op.PRelu;
import dev.tnet.ir.op.RmsNorm;
import dev.tnet.ir.op.Softmax;
import dev.tnet.ir.op.Softplus;
import java.util.ArrayList;
import java.util.List;

/**
 * Loop nests of the {@link NnOp} family: the dispatch, linear and the pointwise activations.
 * Norms are in {@link NormChannelLowering} and {@link NormLayerLowering}, softmax in {@link
 * NnSoftmaxLowering}, matrix products in {@link NnMatMulLowering}, embedding in {@link
 * NnEmbeddingLowering}, dropout in {@link NnDropoutLowering}; constant is a copy of its value.
 */
final class NnLowering {
  private NnLowering() {}

  static Stmt lower(NnOp op, LowerContext ctx) {
    return switch (op) {
      case Linear l -> linear(l, ctx);
      case BatchNorm b -> NormChannelLowering.batchNorm(b, ctx);
      case InstanceNorm i -> NormChannelLowering.instanceNorm(i, ctx);
      case LayerNorm l -> NormLayerLowering.layerNorm(l, ctx);
      case GroupNorm g -> NormLayerLowering.groupNorm(g, ctx);
      case RmsNorm r -> NormLayerLowering.rmsNorm(r, ctx);
      case DyT d -> NormLayerLowering.dyt(ctx);
      case Activation a -> pointwise(ctx, x -> activation(a.kind(), x));
      case LeakyRelu l -> pointwise(ctx, x -> ActivationLowering.leakyRelu(l, x));
      case Elu e -> pointwise(ctx, x -> ActivationLowering.elu(e, x));
      case Celu c -> pointwise(ctx, x -> ActivationLowering.celu(c, x));
      case Hardtanh h -> pointwise(ctx, x -> ActivationLowering.hardtanh(h, x));
      case Gelu g -> pointwise(ctx, x -> ActivationLowering.gelu(g, x));
      case Softplus s -> pointwise(ctx, x -> ActivationLowering.softplus(s, x));
      case PRelu p -> prelu(ctx);
      case Softmax s -> NnSoftmaxLowering.softmax(s, ctx);
      case MatMul m -> NnMatMulLowering.matmul(ctx);
      case Embedding e -> NnEmbeddingLowering.embedding(e, ctx);
      case Dropout d -> NnDropoutLowering.dropout(d, ctx);
      case Constant c -> ctx.nest.over(ctx.out(0).shape(), idx -> ctx.out(0).store(idx, ctx.param(0).load(idx)));
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

  /**
   * {@code y[i] = f(x[i])} over the whole shape (viewed as {@link NnExprs#rows rows}), the element
   * loaded once into a {@code let}.
   */
  static Stmt pointwise(LowerContext ctx, java.util.function.UnaryOperator<Expr> fn) {
    Operand x = NnExprs.rows(ctx.in(0)), y = NnExprs.rows(ctx.out(0));
    return ctx.nest.over(y.shape(), idx -> {
      String v = ctx.fresh("v");
      return new Stmt.Let(v, x.load(idx), y.store(idx, fn.apply(NnExprs.f32(v))));
    });
  }

  /** The argument-free activations, as their {@link Activation.Kind} docs state them. */
  static Expr activation(Activation.Kind kind, Expr x) {
    return switch (kind) {
      case RELU -> new Expr.Select(Expr.lt(x, f(0)), f(0), x);
      case RELU6 -> clamp(x, f(0), f(6));
      case SELU -> Expr.mul(f(Activation.SELU_SCALE), positiveOr(x, Expr.mul(f(Activation.SELU_ALPHA), expm1(x))));
      case SIGMOID -> call("sigmoid", x);
      case TANH -> call("tanh", x);
      case HARDSIGMOID -> div(clamp(Expr.add(x, f(3)), f(0), f(6)), f(6));
      case HARDSWISH -> div(Expr.mul(x, clamp(Expr.add(x, f(3)), f(0), f(6))), f(6));
      case SILU -> Expr.mul(x, call("sigmoid", x));
      case MISH -> Expr.mul(x, call("tanh", call("softplus", x)));
    };
  }

  /**
   * {@code x > 0 ? x : weight[c] * x}: {@code c} is the index along dim 1 (the input viewed as
   * {@code [N, C, inner]}), or 0 for a single weight.
   */
  static Stmt prelu(LowerContext ctx) {
    Operand x = ctx.in(0), w = ctx.param(0), y = ctx.out(0);
    if (w.dim(0) == 1) return pointwise(ctx, v -> positiveOr(v, Expr.mul(w.load(List.of(Expr.i(0))), v)));
    int[] dims = {x.dim(0), x.dim(1), NnExprs.product(x.shape(), 2, x.rank())};
    Operand xv = NnExprs.view(x, dims), yv = NnExprs.view(y, dims);
    return ctx.nest.over(dims, idx -> {
      String v = ctx.fresh("v");
      Expr slope = Expr.mul(w.load(List.of(idx.get(1))), NnExprs.f32(v));
      return new Stmt.Let(v, xv.load(idx), NnExprs.storeByRows(yv, idx, positiveOr(NnExprs.f32(v), slope)));
    });
  }

  static Expr max(Expr a, Expr b) {
    return new Expr.Binary(BinOp.MAX, a, b);
  }
}
