package dev.tnet.ir.lower;

import static dev.tnet.ir.lower.NnExprs.f;
import static dev.tnet.ir.lower.NnExprs.f32;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.op.MatMul;
import dev.tnet.runtime.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The loop nest of {@link MatMul} (matmul, bmm, mm), as {@code interp/NnMatMulKernel}: one dot
 * product per output element, accumulated in a float local. A 1-D {@code a} acts as {@code [1, k]}
 * and a 1-D {@code b} as {@code [k, 1]}, their added dim absent from the output; the batch dims
 * (all but the last two) broadcast, aligned from the right, a size-1 dim reading index 0.
 */
final class NnMatMulLowering {
  private NnMatMulLowering() {}

  /** {@code y[batch..., i, j] = sum_p a[batch_a..., i, p] * b[batch_b..., p, j]}. */
  static Stmt matmul(LowerContext ctx) {
    Operand a = ctx.in(0), b = ctx.in(1), y = ctx.out(0);
    boolean aMatrix = a.rank() >= 2, bMatrix = b.rank() >= 2;
    int k = a.dim(a.rank() - 1);
    int batchRank = y.rank() - (aMatrix ? 1 : 0) - (bMatrix ? 1 : 0);
    Shape aBatch = batchShape(a), bBatch = batchShape(b);
    return ctx.nest.over(y.shape(), idx -> {
      List<Expr> batch = idx.subList(0, batchRank);
      Expr i = aMatrix ? idx.get(batchRank) : null, j = bMatrix ? idx.get(idx.size() - 1) : null;
      String acc = ctx.fresh("acc");
      Stmt sum = ctx.nest.loop("p", k, p -> {
        Expr left = a.load(index(Idx.broadcast(aBatch, batch), i, p));
        Expr right = b.load(index(Idx.broadcast(bBatch, batch), p, j));
        return LowerContext.set(acc, Expr.add(f32(acc), Expr.mul(left, right)));
      });
      return Stmt.block(ctx.declare(acc, ScalarType.F32, f(0)), sum, NnExprs.storeByRows(y, idx, f32(acc)));
    });
  }

  /** The dims before the matrix dims: all but the last two, or none for a vector. */
  private static Shape batchShape(Operand o) {
    return Shape.of(Arrays.copyOf(o.shape().dims(), Math.max(0, o.rank() - 2)));
  }

  /** {@code batch ++ [row, col]}, leaving out a null (the dim a vector operand does not have). */
  private static List<Expr> index(List<Expr> batch, Expr row, Expr col) {
    List<Expr> r = new ArrayList<>(batch);
    if (row != null) r.add(row);
    if (col != null) r.add(col);
    return r;
  }
}
