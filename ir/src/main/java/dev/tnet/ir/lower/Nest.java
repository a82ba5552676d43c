package dev.tnet.ir.lower;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.runtime.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Builds loop nests: one loop per dim, with fresh counter names, around a body of the counters. */
public final class Nest {
  private final LowerContext ctx;

  Nest(LowerContext ctx) {
    this.ctx = ctx;
  }

  /** {@code for i0 in 0..d0: for i1 in 0..d1: ... body([i0, i1, ...])}; a 0-d shape runs the body once. */
  public Stmt over(Shape shape, Function<List<Expr>, Stmt> body) {
    return over(shape.dims(), body);
  }

  public Stmt over(int[] extents, Function<List<Expr>, Stmt> body) {
    List<Expr> vars = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int k = 0; k < extents.length; k++) {
      String v = ctx.fresh("i" + k);
      names.add(v);
      vars.add(Expr.idx(v));
    }
    Stmt s = body.apply(vars);
    for (int k = extents.length - 1; k >= 0; k--) s = new Stmt.Loop(names.get(k), extents[k], Stmt.Loop.Kind.SERIAL, s);
    return s;
  }

  /** One loop: {@code for v in 0..extent: body(v)}. */
  public Stmt loop(String base, int extent, Function<Expr, Stmt> body) {
    String v = ctx.fresh(base);
    return new Stmt.Loop(v, extent, Stmt.Loop.Kind.SERIAL, body.apply(Expr.idx(v)));
  }
}
