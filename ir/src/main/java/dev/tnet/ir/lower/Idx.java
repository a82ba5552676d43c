package dev.tnet.ir.lower;

import static dev.tnet.ir.loop.Expr.add;
import static dev.tnet.ir.loop.Expr.i;
import static dev.tnet.ir.loop.Expr.mul;

import dev.tnet.ir.loop.Expr;
import dev.tnet.runtime.Shape;
import java.util.ArrayList;
import java.util.List;

/** Index arithmetic for row-major buffers, folding constants so the IR stays readable. */
public final class Idx {
  private Idx() {}

  /** {@code ((i0 * d1 + i1) * d2 + i2)}, with zeros and ones folded away. */
  public static Expr flat(Shape shape, List<Expr> index) {
    if (index.size() != shape.rank()) {
      throw new dev.tnet.runtime.CompilerBug("index of rank " + index.size() + " into " + shape);
    }
    Expr e = null;
    for (int k = 0; k < index.size(); k++) {
      e = e == null ? index.get(k) : plus(times(e, shape.dim(k)), index.get(k));
    }
    return e == null ? i(0) : e;
  }

  /** Maps an output index to an input of a broadcast shape (aligned right; size-1 dims read 0). */
  public static List<Expr> broadcast(Shape in, List<Expr> outIndex) {
    List<Expr> r = new ArrayList<>();
    int offset = outIndex.size() - in.rank();
    for (int k = 0; k < in.rank(); k++) r.add(in.dim(k) == 1 ? i(0) : outIndex.get(k + offset));
    return r;
  }

  public static Expr plus(Expr a, Expr b) {
    if (a instanceof Expr.IntConst x && x.value() == 0) return b;
    if (b instanceof Expr.IntConst y && y.value() == 0) return a;
    if (a instanceof Expr.IntConst x && b instanceof Expr.IntConst y) return i(x.value() + y.value());
    return add(a, b);
  }

  public static Expr plus(Expr a, int b) {
    return plus(a, i(b));
  }

  public static Expr times(Expr a, int b) {
    if (b == 0) return i(0);
    if (b == 1) return a;
    if (a instanceof Expr.IntConst x) return i(x.value() * b);
    return mul(a, i(b));
  }
}
