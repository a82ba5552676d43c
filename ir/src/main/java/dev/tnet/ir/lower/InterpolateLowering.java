package dev.tnet.ir.lower;

import static dev.tnet.ir.loop.Expr.f;
import static dev.tnet.ir.loop.Expr.i;
import static dev.tnet.ir.lower.SpatialNest.axis;
import static dev.tnet.ir.lower.TensorExprs.let;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.op.Interpolate;
import dev.tnet.ir.op.Interpolate.Mode;
import dev.tnet.ir.op.PoolKind;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The loop nest of {@link Interpolate} (as {@code interp.InterpolateKernels}). {@code area} is
 * adaptive average pooling; every other mode is separable: inside the loop over output index
 * {@code o} of a spatial dim, {@code let}s bind that dim's taps (source indices and F32 weights),
 * and the output element is the nested weighted sum over every dim's taps of the input.
 *
 * <p>Index math: nearest computes {@code floor(o * scale)} in float32 exactly as the reference;
 * nearest-exact and the linear and cubic modes use {@link SpatialSampling}'s exact integer form of the
 * source coordinate. The nearest indices come from float math the verifier cannot bound, so each
 * sits under an {@code if ix >= 0} that always holds (a floor of a non-negative value, capped with
 * MIN at {@code in - 1}) and tells the verifier the range.
 *
 * <p>A linear-mode dim whose output size equals its input copies: one tap of weight 1 and, as in
 * PyTorch and the reference, a second tap of weight 0, which matters only for an infinite input
 * (0 * inf is NaN). Found by the fuzzer (interpolate with an infinite input, equal sizes).
 */
final class InterpolateLowering {
  private InterpolateLowering() {}

  /** One source index of a dim and its weight; a null weight is exactly 1 (a copy, no multiply). */
  record Tap(Expr index, Expr weight) {}

  /** One output dim: its counter and its taps. */
  record Axis(Expr o, List<Tap> taps) {}

  private static final float CUBIC_A = -0.75f;

  static Stmt lower(Interpolate op, LowerContext ctx) {
    Operand x = ctx.in(0), y = ctx.out(0);
    int dims = x.rank() - 2;
    if (op.mode() == Mode.AREA) return PoolAdaptiveLowering.pool(PoolKind.AVG, ctx, dims);
    return SpatialNest.leading(ctx, y.shape(), dims, lead -> SpatialNest.<Axis>perDim(dims,
        (d, next) -> ctx.nest.loop("o" + axis(dims, d), y.dim(2 + d),
            o -> taps(op, ctx, d, o, taps -> next.apply(new Axis(o, taps)))),
        axes -> y.store(SpatialNest.concat(lead, axes.stream().map(Axis::o).toList()), blend(x, lead, axes, List.of()))));
  }

  /** {@code sum over the taps t of the next dim: t.weight * blend(the dims after it)}; the input element at the end. */
  static Expr blend(Operand x, List<Expr> lead, List<Axis> axes, List<Expr> at) {
    if (at.size() == axes.size()) return x.load(SpatialNest.concat(lead, at));
    Expr sum = null;
    for (Tap t : axes.get(at.size()).taps()) {
      Expr v = blend(x, lead, axes, SpatialNest.concat(at, List.of(t.index())));
      Expr term = t.weight() == null ? v : Expr.mul(t.weight(), v);
      sum = sum == null ? term : Expr.add(sum, term);
    }
    return sum;
  }

  /** Binds the taps of output index {@code o} along spatial dim {@code d} around {@code next}. */
  private static Stmt taps(Interpolate op, LowerContext ctx, int d, Expr o, Function<List<Tap>, Stmt> next) {
    int dims = ctx.in(0).rank() - 2;
    int in = ctx.in(0).dim(2 + d), out = ctx.out(0).dim(2 + d);
    OptionalDouble scaleFactor = op.samplingScale(d);
    String ax = axis(dims, d);
    return switch (op.mode()) {
      case NEAREST -> {
        // PyTorch's float32 math: the float product o * scale, floored.
        Expr product = Expr.mul(new Expr.Cast(ScalarType.F32, o), f(SpatialSampling.nearestScale(in, out, scaleFactor)));
        yield nearest(ctx, ax, Expr.call("floor", ScalarType.F32, product), in, next);
      }
      case NEAREST_EXACT -> {
        SpatialSampling.Source s = SpatialSampling.halfPixel(SpatialSampling.nearestScale(in, out, scaleFactor));
        yield let(ctx, "src" + ax, s.roundedToFloat(o), src -> nearest(ctx, ax,
            Expr.call("floor", ScalarType.F32, Expr.add(SpatialNest.max(src, f(0)), f(0.5f))), in, next));
      }
      case LINEAR, BILINEAR, TRILINEAR -> {
        // Equal sizes copy, but through a second, zero-weight tap as PyTorch does: 0 * inf is NaN there too.
        if (out == in) yield next.apply(List.of(new Tap(o, null), new Tap(o, f(0))));
        SpatialSampling.Source s = SpatialSampling.linear(in, out, op.alignCorners(), scaleFactor);
        yield split(ctx, ax, "i", s.numerator(o, true), s, (i0, t) -> let(ctx, "u" + ax, Expr.sub(f(1), t),
            u -> let(ctx, "j" + ax, SpatialNest.min(Idx.plus(i0, 1), i(in - 1)),
                i1 -> next.apply(List.of(new Tap(i0, u), new Tap(i1, t))))));
      }
      case BICUBIC -> {
        SpatialSampling.Source s = SpatialSampling.linear(in, out, op.alignCorners(), scaleFactor);
        yield split(ctx, ax, "f", s.numerator(o, false), s, (i0, t) -> cubic(ctx, ax, in, i0, t, next));
      }
      case AREA -> throw new dev.tnet.runtime.CompilerBug("area mode is lowered as adaptive pooling");
    };
  }

  /** {@code let ix = min(int(floor), in - 1) in if ix >= 0: next([ix])}. */
  private static Stmt nearest(LowerContext ctx, String ax, Expr floor, int in, Function<List<Tap>, Stmt> next) {
    Expr index = SpatialNest.min(new Expr.Cast(ScalarType.I32, floor), i(in - 1));
    return let(ctx, "i" + ax, index,
        ix -> SpatialNest.guard(Expr.ge(ix, i(0)), next.apply(List.of(new Tap(ix, null)))));
  }

  /** {@code let n = num, i0 = n // den, t = (n % den) / den in body(i0, t)}: the source's integer part and fraction. */
  private static Stmt split(LowerContext ctx, String ax, String floorName, Expr num, SpatialSampling.Source s,
      BiFunction<Expr, Expr, Stmt> body) {
    return let(ctx, "n" + ax, num, n -> let(ctx, floorName + ax, s.floor(n), i0 -> let(ctx, "t" + ax, s.fraction(n),
        t -> body.apply(i0, t))));
  }

  /** Keys' cubic taps {@code i0 - 1 .. i0 + 2}, clamped to the edge, weighted by fraction {@code t} ({@code A = -0.75}). */
  private static Stmt cubic(LowerContext ctx, String ax, int in, Expr i0, Expr t, Function<List<Tap>, Stmt> next) {
    Expr one = f(1), two = f(2);
    List<Expr> weights =
        List.of(cubicFar(Expr.add(t, one)), cubicNear(t), cubicNear(Expr.sub(one, t)), cubicFar(Expr.sub(two, t)));
    return SpatialNest.<Tap>perDim(4, (j, nextTap) -> let(ctx, "w" + ax, weights.get(j), w -> let(ctx, "i" + ax,
        SpatialNest.clamp(SpatialNest.offset(i0, j - 1), in), index -> nextTap.apply(new Tap(index, w)))), next);
  }

  /** {@code ((A + 2) x - (A + 3)) x^2 + 1}, for {@code |x| <= 1}. */
  private static Expr cubicNear(Expr x) {
    Expr inner = Expr.sub(Expr.mul(f(CUBIC_A + 2), x), f(CUBIC_A + 3));
    return Expr.add(Expr.mul(Expr.mul(inner, x), x), f(1));
  }

  /** {@code ((A x - 5A) x + 8A) x - 4A}, for {@code 1 < |x| < 2}. */
  private static Expr cubicFar(Expr x) {
    Expr inner = Expr.add(Expr.mul(Expr.sub(Expr.mul(f(CUBIC_A), x), f(5 * CUBIC_A)), x), f(8 * CUBIC_A));
    return Expr.sub(Expr.mul(inner, x), f(4 * CUBIC_A));
  }
}
