package dev.tnet.ir.lower;

import static dev.tnet.ir.lower.TensorExprs.call;
import static dev.tnet.ir.lower.TensorExprs.gt;
import static dev.tnet.ir.lower.TensorExprs.select;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.runtime.Shape;
import java.util.List;

/**
 * Expression builders and operand views the nn lowerings share (the general ones, such as {@code
 * bin}, {@code select} and {@code call}, are {@link TensorExprs}'). Float comparisons are written
 * as the reference kernels write them, so NaN propagates through {@link #clamp} and friends.
 */
final class NnExprs {
  private NnExprs() {}

  /** A float constant: the double argument rounded to float once. */
  static Expr f(double v) {
    return new Expr.FloatConst((float) v);
  }

  static Expr toF32(Expr e) {
    return new Expr.Cast(ScalarType.F32, e);
  }

  static Expr.Var f32(String local) {
    return LowerContext.var(local, ScalarType.F32);
  }

  /** {@code x < lo ? lo : x > hi ? hi : x}: NaN stays NaN and {@code -0.0} keeps its sign. */
  static Expr clamp(Expr x, Expr lo, Expr hi) {
    return select(Expr.lt(x, lo), lo, select(gt(x, hi), hi, x));
  }

  /** {@code x > 0 ? x : negative}, the shape of every rectifier. */
  static Expr positiveOr(Expr x, Expr negative) {
    return select(gt(x, f(0)), x, negative);
  }

  /**
   * {@code exp(x) - 1} without cancellation, except that {@code -0.0} gives {@code +0.0}, as the
   * reference's ELU family does.
   */
  static Expr expm1(Expr x) {
    return Expr.add(call("expm1", x), f(0));
  }

  /** The same buffer seen with another shape of the same size (a row-major reshape). */
  static Operand view(Operand o, int... dims) {
    Shape s = Shape.of(dims);
    if (s.size() != o.shape().size()) {
      throw new dev.tnet.runtime.CompilerBug("cannot view " + o.name() + o.shape() + " as " + s);
    }
    return new Operand(o.buffer(), s);
  }

  /**
   * {@code o} viewed as {@code [d0, rest]} (rank 0 and 1 as they are): a nest over this view
   * writes {@code o[i0 * rest + r]}, the form in which {@code Parallelize} recognises that the
   * iterations of the outermost loop write disjoint rows, and its inner loop is unit-stride.
   */
  static Operand rows(Operand o) {
    return o.rank() < 2 ? o : view(o, o.dim(0), product(o.shape(), 1, o.rank()));
  }

  /** {@code y[index]}, stored through {@link #rows} so that a loop over dim 0 writes disjoint rows. */
  static dev.tnet.ir.loop.Stmt storeByRows(Operand y, List<Expr> index, Expr value) {
    if (y.rank() < 2) return y.store(index, value);
    Shape rest = Shape.of(java.util.Arrays.copyOfRange(y.shape().dims(), 1, y.rank()));
    return rows(y).store(List.of(index.get(0), Idx.flat(rest, index.subList(1, index.size()))), value);
  }

  /** The product of {@code shape}'s dims in {@code [from, to)} (1 if empty). */
  static int product(Shape shape, int from, int to) {
    int p = 1;
    for (int k = from; k < to; k++) p *= shape.dim(k);
    return p;
  }
}
