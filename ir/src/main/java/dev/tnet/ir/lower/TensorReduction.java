package dev.tnet.ir.lower;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.runtime.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * How a reduction walks its input: for each output element, a loop per reduced dim (in the
 * input's order, so elements come in row-major order and "first" means the smallest position),
 * with the kept dims taken from the output index. A reduced dim appears in the output as size 1
 * ({@code keepdim}) or not at all.
 */
record TensorReduction(Shape in, boolean[] reduced, boolean keepdim) {
  TensorReduction {
    reduced = reduced.clone();
  }

  /** The body of the innermost loop, given the input index and the position within the reduced dims. */
  interface Visit {
    Stmt at(List<Expr> inIndex, Expr position);
  }

  /** The number of input elements folded into each output element. */
  int count() {
    return reducedShape().size();
  }

  /** The extents of the reduced dims, in order. */
  Shape reducedShape() {
    List<Integer> dims = new ArrayList<>();
    for (int d = 0; d < in.rank(); d++) if (reduced[d]) dims.add(in.dim(d));
    return Shape.of(dims.stream().mapToInt(Integer::intValue).toArray());
  }

  /** The loops over the reduced dims ({@code r0, r1, ...}) for output element {@code outIndex}. */
  Stmt loops(LowerContext ctx, List<Expr> outIndex, Visit body) {
    Shape r = reducedShape();
    return nest(ctx, r, List.of(), red -> body.at(inputIndex(outIndex, red), Idx.flat(r, red)));
  }

  private static Stmt nest(LowerContext ctx, Shape r, List<Expr> counters, Function<List<Expr>, Stmt> body) {
    int k = counters.size();
    if (k == r.rank()) return body.apply(counters);
    return ctx.nest.loop("r" + k, r.dim(k), v -> {
      List<Expr> more = new ArrayList<>(counters);
      more.add(v);
      return nest(ctx, r, more, body);
    });
  }

  /** The input index of output index {@code out} and reduced-dim counters {@code red}. */
  List<Expr> inputIndex(List<Expr> out, List<Expr> red) {
    List<Expr> index = new ArrayList<>();
    int o = 0, k = 0;
    for (int d = 0; d < in.rank(); d++) {
      if (reduced[d]) {
        index.add(red.get(k++));
        if (keepdim) o++;
      } else {
        index.add(out.get(o++));
      }
    }
    return index;
  }
}
