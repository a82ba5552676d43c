package dev.tnet.ir.lower;

import static dev.tnet.ir.lower.NnExprs.f32;
import static dev.tnet.ir.lower.NnExprs.f;
import static dev.tnet.ir.lower.TensorExprs.call;
import static dev.tnet.ir.lower.TensorExprs.div;
import static dev.tnet.ir.lower.TensorExprs.gt;
import static dev.tnet.ir.lower.TensorExprs.l;
import static dev.tnet.ir.lower.TensorExprs.select;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.op.Embedding;
import java.util.List;

/**
 * The loop nest of {@link Embedding}, as {@code interp/NnKernels.embedding}: for each of the
 * {@code R} indices (the i64 input viewed as {@code [R]}, the output as {@code [R, dim]}), a
 * {@code check} that the index is in {@code [0, num_embeddings)} (the run-time error, and what
 * proves the row access in bounds), then the row copy, scaled down if {@code max_norm} is set
 * and the row's {@code norm_type}-norm exceeds it.
 */
final class NnEmbeddingLowering {
  private NnEmbeddingLowering() {}

  static Stmt embedding(Embedding op, LowerContext ctx) {
    int num = op.numEmbeddings(), dim = op.embeddingDim();
    Operand idx = NnExprs.view(ctx.in(0), ctx.in(0).shape().size());
    Operand w = ctx.param(0), y = NnExprs.view(ctx.out(0), idx.dim(0), dim);
    String message = "embedding: an index is out of range for a table of " + num + " embeddings (valid: 0 to " + (num - 1) + ")";
    return ctx.nest.loop("r", idx.dim(0), r -> {
      String id = ctx.fresh("id"), row = ctx.fresh("row");
      Expr idVar = LowerContext.var(id, ScalarType.I64);
      Expr inRange = Expr.and(new Expr.Binary(Expr.BinOp.GE, idVar, l(0)), Expr.lt(idVar, l(num)));
      Expr rowVar = Expr.idx(row);
      Stmt copy = op.maxNorm().isPresent() ? renormalizedCopy(op, ctx, w, y, r, rowVar)
          : ctx.nest.loop("j", dim, j -> y.store(List.of(r, j), w.load(List.of(rowVar, j))));
      return new Stmt.Let(id, idx.load(List.of(r)), Stmt.block(
          new Stmt.Check(inRange, message, idVar),
          new Stmt.Let(row, new Expr.Cast(ScalarType.I32, idVar), copy)));
    });
  }

  /**
   * The row times {@code max_norm / (norm + 1e-7)} if its norm {@code (sum |w|^p)^(1/p)} exceeds
   * {@code max_norm}, else the row as is.
   */
  private static Stmt renormalizedCopy(Embedding op, LowerContext ctx, Operand w, Operand y, Expr r, Expr row) {
    double p = op.normType(), maxNorm = op.maxNorm().getAsDouble();
    String acc = ctx.fresh("acc"), norm = ctx.fresh("norm"), scale = ctx.fresh("scale");
    Stmt sum = ctx.nest.loop("j", op.embeddingDim(), j -> {
      Expr v = w.load(List.of(row, j));
      Expr term = p == 2 ? Expr.mul(v, v) : call("pow", new Expr.Unary(Expr.UnOp.ABS, v), f(p));
      return LowerContext.set(acc, Expr.add(f32(acc), term));
    });
    Expr normValue = p == 2 ? call("sqrt", f32(acc)) : call("pow", f32(acc), f(1 / p));
    Expr scaleValue = select(gt(f32(norm), f(maxNorm)), div(f(maxNorm), Expr.add(f32(norm), f(1e-7))), f(1));
    Stmt copy = ctx.nest.loop("j", op.embeddingDim(), j -> y.store(List.of(r, j), Expr.mul(w.load(List.of(row, j)), f32(scale))));
    return Stmt.block(ctx.declare(acc, ScalarType.F32, f(0)), sum, ctx.declare(norm, ScalarType.F32, normValue),
        ctx.declare(scale, ScalarType.F32, scaleValue), copy);
  }
}
