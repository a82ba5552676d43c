package dev.tnet.ir.lower;

import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.op.Cat;
import dev.tnet.runtime.DType;
import java.util.ArrayList;
import java.util.List;

/**
 * Loop nests of the ops that join inputs along a dim ({@code cat}, {@code stack}) or cut one input
 * into pieces ({@code split}, {@code chunk}): one copy nest per piece, each offset along the dim.
 * Joined inputs are converted to the result's dtype (i64 to f32 when dtypes mix).
 */
final class LayoutJoinLowering {
  private LayoutJoinLowering() {}

  /**
   * Copies each input PyTorch does not skip (a 1-d empty input joins anything and contributes
   * nothing) into its run of the cat dim, in order.
   */
  static Stmt cat(Cat c, LowerContext ctx) {
    Operand y = ctx.out(0);
    List<TensorType> types = ctx.inputs().stream().map(LayoutJoinLowering::type).toList();
    int axis = c.axis(types);
    if (axis < 0) return TensorExprs.writeNothing(ctx, y);
    List<Stmt> copies = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < ctx.inputs().size(); i++) {
      if (Cat.isSkipped(types.get(i))) continue;
      copies.add(copyInto(ctx, ctx.in(i), axis, start));
      start += ctx.in(i).dim(axis);
    }
    return new Stmt.Block(copies);
  }

  /** Input {@code i} becomes index {@code i} of the new dim {@code axis}. */
  static Stmt stack(int axis, LowerContext ctx) {
    Operand y = ctx.out(0);
    List<Stmt> copies = new ArrayList<>();
    for (int i = 0; i < ctx.inputs().size(); i++) {
      Operand x = ctx.in(i);
      int at = i;
      copies.add(ctx.nest.over(x.shape(), idx -> {
        List<Expr> to = new ArrayList<>(idx);
        to.add(axis, Expr.i(at));
        return y.store(to, TensorExprs.as(y.type(), x.load(idx)));
      }));
    }
    return new Stmt.Block(copies);
  }

  /** Output {@code j} is the run of {@code x} along {@code axis} after the outputs before it. */
  static Stmt split(int axis, LowerContext ctx) {
    Operand x = ctx.in(0);
    List<Stmt> pieces = new ArrayList<>();
    int start = 0;
    for (Operand y : ctx.outputs()) {
      int first = start;
      pieces.add(ctx.nest.over(y.shape(), idx -> {
        List<Expr> from = new ArrayList<>(idx);
        from.set(axis, Idx.plus(idx.get(axis), first));
        return y.store(idx, x.load(from));
      }));
      start += y.dim(axis);
    }
    return new Stmt.Block(pieces);
  }

  /** {@code y[..., start + i, ...] = x[..., i, ...]}, converted to {@code y}'s dtype. */
  private static Stmt copyInto(LowerContext ctx, Operand x, int axis, int start) {
    Operand y = ctx.out(0);
    return ctx.nest.over(x.shape(), idx -> {
      List<Expr> to = new ArrayList<>(idx);
      to.set(axis, Idx.plus(idx.get(axis), start));
      return y.store(to, TensorExprs.as(y.type(), x.load(idx)));
    });
  }

  private static TensorType type(Operand o) {
    return TensorType.of(o.type() == ScalarType.I64 ? DType.I64 : DType.F32, o.shape());
  }
}
