package dev.tnet.ir.lower;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.op.Checks;
import dev.tnet.ir.op.Slice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Loop nests of the data-movement ops that read one input: each output element is a copy of the
 * input element an index map names. Tensors are dense row-major, so every op that keeps the
 * row-major order (reshape, view, flatten, unflatten, squeeze, unsqueeze) is one flat copy.
 */
final class LayoutLowering {
  private LayoutLowering() {}

  /** {@code y[k] = x[k]} for every flat position {@code k}: same elements, another shape. */
  static Stmt flatCopy(LowerContext ctx) {
    Operand x = ctx.in(0), y = ctx.out(0);
    return ctx.nest.loop("k", y.shape().size(),
        k -> new Stmt.Store(y.name(), k, new Expr.Load(x.name(), k, x.type())));
  }

  /** {@code y[i0, ..., in] = x[j]} where {@code j[src[k]] = i_k}: permute and transpose. */
  static Stmt permute(int[] src, LowerContext ctx) {
    Operand x = ctx.in(0), y = ctx.out(0);
    return ctx.nest.over(y.shape(), idx -> {
      Expr[] from = new Expr[idx.size()];
      for (int k = 0; k < idx.size(); k++) from[src[k]] = idx.get(k);
      return y.store(idx, x.load(Arrays.asList(from)));
    });
  }

  /** Broadcasting copy: dims align from the right, size-1 input dims read index 0. */
  static Stmt expand(LowerContext ctx) {
    Operand x = ctx.in(0), y = ctx.out(0);
    return ctx.nest.over(y.shape(), idx -> y.store(idx, x.loadBroadcast(idx)));
  }

  /** {@code y[..., i, ...] = x[..., first + step * i, ...]} along the sliced dim. */
  static Stmt slice(Slice s, LowerContext ctx) {
    Operand x = ctx.in(0), y = ctx.out(0);
    int axis = Checks.axis(s.name(), "dim", s.dim(), x.rank());
    int first = s.first(x.dim(axis)), count = y.dim(axis);
    return ctx.nest.over(y.shape(), idx -> {
      List<Expr> from = new ArrayList<>(idx);
      // With one element taken the step never applies (and may exceed an int).
      Expr stepped = count <= 1 ? Expr.i(0) : Idx.times(idx.get(axis), (int) s.step());
      from.set(axis, Idx.plus(stepped, first));
      return y.store(idx, x.load(from));
    });
  }
}
