package dev.tnet.ir.lower;

import static dev.tnet.ir.lower.NnExprs.f32;
import static dev.tnet.ir.lower.NnExprs.f;
import static dev.tnet.ir.lower.TensorExprs.call;
import static dev.tnet.ir.lower.TensorExprs.div;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.Expr.BinOp;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.op.GroupNorm;
import dev.tnet.ir.op.LayerNorm;
import dev.tnet.ir.op.RmsNorm;
import java.util.ArrayList;
import java.util.List;

/**
 * Loop nests of the norms without running statistics ({@link LayerNorm}, {@link GroupNorm},
 * {@link RmsNorm}, and {@code DyT}), as {@code interp/NormLayerKernels}: each normalises
 * contiguous blocks of the row-major input, so the input is viewed as {@code [blocks, block]}
 * and the outer loop over blocks writes disjoint rows. Statistics are {@link NnGroupStats}.
 */
final class NormLayerLowering {
  private NormLayerLowering() {}

  /**
   * The input and output of a norm over the trailing {@code normalizedShape}, viewed as {@code
   * [blocks, block]} with {@code block} the product of {@code normalizedShape}.
   */
  private record Blocks(int blocks, int block, Operand x, Operand y) {
    static Blocks of(List<Integer> normalizedShape, LowerContext ctx) {
      int block = normalizedShape.stream().mapToInt(Integer::intValue).reduce(1, (a, b) -> a * b);
      Operand x = ctx.in(0);
      int blocks = NnExprs.product(x.shape(), 0, x.rank() - normalizedShape.size());
      return new Blocks(blocks, block, NnExprs.view(x, blocks, block), NnExprs.view(ctx.out(0), blocks, block));
    }
  }

  /** {@code y = (x - mean) * rsqrt(var + eps) * weight[j] + bias[j]} over trailing blocks. */
  static Stmt layerNorm(LayerNorm op, LowerContext ctx) {
    Blocks bl = Blocks.of(op.normalizedShape(), ctx);
    int blocks = bl.blocks(), block = bl.block();
    Operand xv = bl.x(), yv = bl.y();
    Operand w = op.elementwiseAffine() ? NnExprs.view(ctx.param(0), block) : null;
    Operand b = op.elementwiseAffine() && op.bias() ? NnExprs.view(ctx.param(1), block) : null;
    return ctx.nest.loop("r", blocks, r -> {
      NnGroupStats s = NnGroupStats.of(ctx, new int[] {block}, j -> xv.load(List.of(r, j.get(0))));
      String inv = ctx.fresh("inv_std");
      List<Stmt> body = new ArrayList<>(s.compute());
      body.add(ctx.declare(inv, ScalarType.F32, invSqrt(s.var(), op.eps())));
      body.add(ctx.nest.loop("j", block, j -> {
        Expr v = Expr.mul(s.centered(xv.load(List.of(r, j))), f32(inv));
        if (w != null) v = Expr.mul(v, w.load(List.of(j)));
        if (b != null) v = Expr.add(v, b.load(List.of(j)));
        return yv.store(List.of(r, j), v);
      }));
      return new Stmt.Block(body);
    });
  }

  /**
   * Each (sample, group) block of {@code C / G} channels times the spatial size, viewed as
   * {@code [N * G, block]}: {@code y = (x - mean) * rsqrt(var + eps) * weight[c] + bias[c]}.
   */
  static Stmt groupNorm(GroupNorm op, LowerContext ctx) {
    Operand x = ctx.in(0);
    int n = x.dim(0), c = x.dim(1), groups = op.numGroups(), inner = NnExprs.product(x.shape(), 2, x.rank());
    int perGroup = c / groups, block = perGroup * inner;
    Operand xv = NnExprs.view(x, n * groups, block), yv = NnExprs.view(ctx.out(0), n * groups, block);
    return ctx.nest.loop("s", n * groups, s -> {
      NnGroupStats st = NnGroupStats.of(ctx, new int[] {block}, j -> xv.load(List.of(s, j.get(0))));
      String inv = ctx.fresh("inv_std"), g = ctx.fresh("g");
      List<Stmt> body = new ArrayList<>(st.compute());
      body.add(ctx.declare(inv, ScalarType.F32, invSqrt(st.var(), op.eps())));
      body.add(ctx.nest.over(new int[] {perGroup, inner}, ci -> {
        List<Expr> at = List.of(s, Idx.plus(Idx.times(ci.get(0), inner), ci.get(1)));
        Expr v = Expr.mul(st.centered(xv.load(at)), f32(inv));
        if (!op.affine()) return yv.store(at, v);
        List<Expr> ch = List.of(Idx.plus(Idx.times(Expr.idx(g), perGroup), ci.get(0)));
        return yv.store(at, Expr.add(Expr.mul(v, ctx.param(0).load(ch)), ctx.param(1).load(ch)));
      }));
      return new Stmt.Let(g, TensorExprs.bin(BinOp.MOD, s, Expr.i(groups)), new Stmt.Block(body));
    });
  }

  /** {@code y = x * rsqrt(mean(x^2) + eps) * weight[j]} over trailing blocks. */
  static Stmt rmsNorm(RmsNorm op, LowerContext ctx) {
    Blocks bl = Blocks.of(op.normalizedShape(), ctx);
    int blocks = bl.blocks(), block = bl.block();
    Operand xv = bl.x(), yv = bl.y();
    Operand w = op.elementwiseAffine() ? NnExprs.view(ctx.param(0), block) : null;
    return ctx.nest.loop("r", blocks, r -> {
      String sq = ctx.fresh("sq"), inv = ctx.fresh("inv_rms");
      Stmt sum = ctx.nest.loop("j", block, j -> {
        Expr v = xv.load(List.of(r, j));
        return LowerContext.set(sq, Expr.add(f32(sq), Expr.mul(v, v)));
      });
      Stmt scale = ctx.nest.loop("j", block, j -> {
        Expr v = Expr.mul(xv.load(List.of(r, j)), f32(inv));
        return yv.store(List.of(r, j), w == null ? v : Expr.mul(v, w.load(List.of(j))));
      });
      return Stmt.block(ctx.declare(sq, ScalarType.F32, f(0)), sum,
          ctx.declare(inv, ScalarType.F32, invSqrt(div(f32(sq), f(block)), op.effectiveEps())), scale);
    });
  }

  /** {@code y = tanh(alpha * x) * weight[j] + bias[j]}, {@code j} the index along the last dim. */
  static Stmt dyt(LowerContext ctx) {
    Operand x = ctx.in(0);
    int c = x.dim(x.rank() - 1), rows = NnExprs.product(x.shape(), 0, x.rank() - 1);
    Operand xv = NnExprs.view(x, rows, c), yv = NnExprs.view(ctx.out(0), rows, c);
    Expr alpha = ctx.param(0).load(List.of(Expr.i(0)));
    return ctx.nest.over(new int[] {rows, c}, idx -> {
      Expr j = idx.get(1);
      Expr t = call("tanh", Expr.mul(alpha, xv.load(idx)));
      return yv.store(idx, Expr.add(Expr.mul(t, ctx.param(1).load(List.of(j))), ctx.param(2).load(List.of(j))));
    });
  }

  /** {@code rsqrt(v + eps)}. */
  static Expr invSqrt(Expr v, double eps) {
    return call("rsqrt", Expr.add(v, f(eps)));
  }
}
