package dev.tnet.ir.lower;

import static dev.tnet.ir.loop.Expr.and;
import static dev.tnet.ir.loop.Expr.ge;
import static dev.tnet.ir.loop.Expr.i;
import static dev.tnet.ir.loop.Expr.lt;
import static dev.tnet.ir.lower.TensorExprs.let;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.Expr.BinOp;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.runtime.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;

/**
 * Loop-nest building blocks of the spatial ops, on {@code [N, C, *spatial]} operands (or unbatched
 * {@code [C, *spatial]}): the leading dims ({@code n}, {@code c}) are looped first, then the spatial
 * dims, then the window taps. Counters and bindings are named after the axis they run over ({@code
 * od, oh, ow} for outputs, {@code d0, h0, w0} for where a window starts, {@code kd, kh, kw} for taps,
 * {@code id, ih, iw} for input coordinates), so the printed IR reads like the reference kernel.
 *
 * <p>Index bounds are stated so {@link dev.tnet.ir.loop.LoopVerifier} can prove them: a coordinate
 * is a {@code let} guarded by {@code if 0 <= i < size} (only the sides the shapes can fail), or
 * mapped into range with MIN/MAX/MOD of bounded integer expressions.
 */
final class SpatialNest {
  private SpatialNest() {}

  /** The axis letter of spatial dim {@code d} of {@code dims}: d, h, w (1d ops use w, as the interpreter). */
  static String axis(int dims, int d) {
    return String.valueOf("dhw".charAt(3 - dims + d));
  }

  /** {@code for n: for c: body([n, c])} over the dims of {@code shape} before its last {@code dims}. */
  static Stmt leading(LowerContext ctx, Shape shape, int dims, Function<List<Expr>, Stmt> body) {
    int lead = shape.rank() - dims;
    List<String> names = lead == 2 ? List.of("n", "c") : List.of("c");
    return loops(ctx, names, Arrays.copyOf(shape.dims(), lead), body);
  }

  /** An output index along one spatial dim and the input coordinate its window starts at. */
  record Origin(Expr o, Expr start) {}

  /**
   * {@code for od: let d0 = start(0, od) in for oh: let h0 = ... body(origins)}: the spatial loops
   * of {@code shape}, each binding where its window starts ({@code start(d, o)}) once per index.
   */
  static Stmt windows(LowerContext ctx, Shape shape, int dims, BiFunction<Integer, Expr, Expr> start,
      Function<List<Origin>, Stmt> body) {
    int first = shape.rank() - dims;
    return SpatialNest.<Origin>perDim(dims, (d, next) -> ctx.nest.loop("o" + axis(dims, d), shape.dim(first + d),
        o -> let(ctx, axis(dims, d) + "0", start.apply(d, o), s -> next.apply(new Origin(o, s)))), body);
  }

  /** The output indices of {@code origins}. */
  static List<Expr> indices(List<Origin> origins) {
    return origins.stream().map(Origin::o).toList();
  }

  private static Stmt loops(LowerContext ctx, List<String> names, int[] extents, Function<List<Expr>, Stmt> body) {
    return perDim(extents.length, (d, next) -> ctx.nest.loop(names.get(d), extents[d], next), body);
  }

  /**
   * Opens scopes dim by dim: {@code step(d, next)} wraps the rest of the nest (loops, lets, guards)
   * and hands dim {@code d}'s value to {@code next}; the innermost body sees every dim's value.
   */
  static <T> Stmt perDim(int dims, BiFunction<Integer, Function<T, Stmt>, Stmt> step, Function<List<T>, Stmt> body) {
    return perDim(0, dims, new ArrayList<>(), step, body);
  }

  private static <T> Stmt perDim(int d, int dims, List<T> done, BiFunction<Integer, Function<T, Stmt>, Stmt> step,
      Function<List<T>, Stmt> body) {
    if (d == dims) return body.apply(List.copyOf(done));
    return step.apply(d, value -> {
      List<T> more = new ArrayList<>(done);
      more.add(value);
      return perDim(d + 1, dims, more, step, body);
    });
  }

  /** {@code if condition: body}, or just {@code body} when there is nothing to check ({@code null}). */
  static Stmt guard(Expr condition, Stmt body) {
    return condition == null ? body : new Stmt.If(condition, body, Stmt.nothing());
  }

  /** The conjunction of the non-null conditions, or null. */
  static Expr all(Expr... conditions) {
    Expr r = null;
    for (Expr c : conditions) if (c != null) r = r == null ? c : and(r, c);
    return r;
  }

  /** {@code 0 <= v < size}, keeping only the sides that can fail. */
  static Expr within(Expr v, int size, boolean low, boolean high) {
    return all(low ? ge(v, i(0)) : null, high ? lt(v, i(size)) : null);
  }

  /**
   * An index expression of the output counter {@code o} (extent {@code extent}) that the lowering
   * can evaluate itself ({@code f}): folded to a constant when it is the same for every {@code o}.
   */
  static Expr perIndex(int extent, IntUnaryOperator f, Expr general) {
    if (extent == 0) return general;
    for (int o = 1; o < extent; o++) if (f.applyAsInt(o) != f.applyAsInt(0)) return general;
    return i(f.applyAsInt(0));
  }

  /** The same index list with entry {@code k} replaced. */
  static List<Expr> with(List<Expr> index, int k, Expr value) {
    List<Expr> r = new ArrayList<>(index);
    r.set(k, value);
    return r;
  }

  static List<Expr> concat(List<Expr> a, List<Expr> b) {
    List<Expr> r = new ArrayList<>(a);
    r.addAll(b);
    return r;
  }

  /** {@code a + c}, printed {@code a - |c|} for negative {@code c}. */
  static Expr offset(Expr a, int c) {
    return c >= 0 ? Idx.plus(a, c) : Expr.sub(a, i(-c));
  }

  /** {@code o * stride + c}. */
  static Expr affine(Expr o, int stride, int c) {
    return offset(Idx.times(o, stride), c);
  }

  /** An I32 count as F32, folding constants. */
  static Expr toFloat(Expr count) {
    return count instanceof Expr.IntConst c ? Expr.f(c.value()) : new Expr.Cast(ScalarType.F32, count);
  }

  static Expr min(Expr a, Expr b) {
    return new Expr.Binary(BinOp.MIN, a, b);
  }

  static Expr max(Expr a, Expr b) {
    return new Expr.Binary(BinOp.MAX, a, b);
  }

  /** Python's {@code a // b}; {@code a} itself when {@code b == 1}. */
  static Expr floorDiv(Expr a, int b) {
    return b == 1 ? a : new Expr.Binary(BinOp.FLOOR_DIV, a, i(b));
  }

  /** Python's {@code a % b}, in {@code [0, b)} for positive {@code b}. */
  static Expr mod(Expr a, int b) {
    return new Expr.Binary(BinOp.MOD, a, i(b));
  }

  /** {@code min(max(v, 0), size - 1)} of an index whose range is already bounded. */
  static Expr clamp(Expr v, int size) {
    return min(max(v, i(0)), i(size - 1));
  }
}
