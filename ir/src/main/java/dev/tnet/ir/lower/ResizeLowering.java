package dev.tnet.ir.lower;

import static dev.tnet.ir.loop.Expr.f;
import static dev.tnet.ir.loop.Expr.i;
import static dev.tnet.ir.lower.SpatialNest.axis;
import static dev.tnet.ir.lower.TensorExprs.let;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.lower.InterpolateLowering.Axis;
import dev.tnet.ir.lower.InterpolateLowering.Tap;
import dev.tnet.ir.op.Resize;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The loop nest of {@link Resize} (as {@code interp.ResizeKernels}), shaped as {@link
 * InterpolateLowering}'s: inside the loop over output index {@code o} of a spatial dim, {@code let}s
 * bind the source coordinate and that dim's taps, and the output element is the nested weighted sum
 * over every dim's taps.
 *
 * <p>The source coordinate, the nearest rounding, the clamping and the fraction are the same float32
 * operations in the same order as the reference (so both read the same taps); the weights are F32
 * here where the reference computes them in double from the same fraction. Indices computed from
 * floats are clamped with MIN/MAX, which bounds them for the verifier.
 */
final class ResizeLowering {
  private ResizeLowering() {}

  static Stmt lower(Resize op, LowerContext ctx) {
    Operand x = ctx.in(0), y = ctx.out(0);
    int dims = x.rank() - 2;
    return SpatialNest.leading(ctx, y.shape(), dims, lead -> SpatialNest.<Axis>perDim(dims,
        (d, next) -> ctx.nest.loop("o" + axis(dims, d), y.dim(2 + d),
            o -> taps(op, ctx, d, o, taps -> next.apply(new Axis(o, taps)))),
        axes -> y.store(SpatialNest.concat(lead, axes.stream().map(Axis::o).toList()),
            InterpolateLowering.blend(x, lead, axes, List.of()))));
  }

  /** Binds the taps of output index {@code o} along spatial dim {@code d} around {@code next}. */
  private static Stmt taps(Resize op, LowerContext ctx, int d, Expr o, Function<List<Tap>, Stmt> next) {
    int dims = ctx.in(0).rank() - 2;
    int in = ctx.in(0).dim(2 + d), out = ctx.out(0).dim(2 + d);
    float s = op.samplingScale(d, dims, in, out);
    String ax = axis(dims, d);
    return let(ctx, "x" + ax, source(op, SpatialNest.toFloat(o), s, in, out), src -> switch (op.mode()) {
      case NEAREST -> let(ctx, "i" + ax, SpatialNest.clamp(nearest(ctx, ax, op.nearestMode(), src), in),
          ix -> next.apply(List.of(new Tap(ix, null))));
      case LINEAR -> let(ctx, "v" + ax, SpatialNest.max(f(0), SpatialNest.min(src, f(in - 1))),
          v -> let(ctx, "i" + ax, SpatialNest.clamp(new Expr.Cast(ScalarType.I32, v), in),
              i0 -> let(ctx, "t" + ax, Expr.sub(v, SpatialNest.toFloat(i0)),
                  t -> let(ctx, "u" + ax, Expr.sub(f(1), t),
                      u -> let(ctx, "j" + ax, SpatialNest.min(Idx.plus(i0, 1), i(in - 1)),
                          i1 -> next.apply(List.of(new Tap(i0, u), new Tap(i1, t))))))));
      case CUBIC -> let(ctx, "f" + ax, Expr.call("floor", ScalarType.F32, src),
          fl -> let(ctx, "i" + ax, new Expr.Cast(ScalarType.I32, fl),
              i0 -> let(ctx, "t" + ax, Expr.sub(src, fl), t -> cubic(op, ctx, ax, in, i0, t, next))));
    });
  }

  /** The source coordinate of {@code x = float(o)}: {@link Resize#sourceCoordinate} on expressions. */
  private static Expr source(Resize op, Expr x, float s, int in, int out) {
    return op.sourceCoordinate(x, s, in, out, EXPR);
  }

  /** {@link Resize.Arith} on F32 loop IR expressions. */
  private static final Resize.Arith<Expr> EXPR = new Resize.Arith<>() {
    public Expr constant(float v) {
      return f(v);
    }

    public Expr add(Expr a, Expr b) {
      return Expr.add(a, b);
    }

    public Expr sub(Expr a, Expr b) {
      return Expr.sub(a, b);
    }

    public Expr mul(Expr a, Expr b) {
      return Expr.mul(a, b);
    }

    public Expr div(Expr a, Expr b) {
      return ResizeLowering.div(a, b);
    }
  };

  /** The rounded index of {@code src}, before clamping (as {@code ResizeKernels.nearest}). */
  private static Expr nearest(LowerContext ctx, String ax, Resize.NearestMode mode, Expr src) {
    Expr floor = Expr.call("floor", ScalarType.F32, src);
    return switch (mode) {
      case FLOOR -> new Expr.Cast(ScalarType.I32, floor);
      case CEIL -> new Expr.Cast(ScalarType.I32, Expr.call("ceil", ScalarType.F32, src));
      case ROUND_PREFER_FLOOR, ROUND_PREFER_CEIL -> {
        Expr frac = Expr.sub(src, floor);
        Expr up = mode == Resize.NearestMode.ROUND_PREFER_FLOOR ? TensorExprs.gt(frac, f(0.5f)) : Expr.ge(frac, f(0.5f));
        yield Expr.add(new Expr.Cast(ScalarType.I32, floor), TensorExprs.select(up, i(1), i(0)));
      }
    };
  }

  /**
   * Keys' cubic taps {@code i0 - 1 .. i0 + 2}, read clamped to the edge, weighted by fraction
   * {@code t}; with exclude_outside the weights of taps outside {@code [0, in)} are zero and the
   * rest divided by their sum.
   */
  private static Stmt cubic(Resize op, LowerContext ctx, String ax, int in, Expr i0, Expr t,
      Function<List<Tap>, Stmt> next) {
    float a = (float) op.cubicCoeffA();
    Expr one = f(1), two = f(2);
    List<Expr> weights = new ArrayList<>(List.of(far(Expr.add(t, one), a), near(t, a), near(Expr.sub(one, t), a),
        far(Expr.sub(two, t), a)));
    return SpatialNest.<Expr>perDim(4, (j, nextWeight) -> {
      Expr w = weights.get(j);
      if (op.excludeOutside()) {
        Expr raw = SpatialNest.offset(i0, j - 1);
        w = TensorExprs.select(Expr.and(Expr.ge(raw, i(0)), Expr.lt(raw, i(in))), w, f(0));
      }
      return let(ctx, "c" + ax, w, nextWeight);
    }, c -> {
      if (!op.excludeOutside()) return withIndices(ctx, ax, in, i0, c, next);
      return let(ctx, "s" + ax, Expr.add(Expr.add(Expr.add(c.get(0), c.get(1)), c.get(2)), c.get(3)),
          sum -> withIndices(ctx, ax, in, i0, c.stream().map(w -> div(w, sum)).toList(), next));
    });
  }

  /** Binds the four clamped tap indices and their (normalised) weights around {@code next}. */
  private static Stmt withIndices(LowerContext ctx, String ax, int in, Expr i0, List<Expr> weights,
      Function<List<Tap>, Stmt> next) {
    return SpatialNest.<Tap>perDim(4, (j, nextTap) -> let(ctx, "w" + ax, weights.get(j), w -> let(ctx, "k" + ax,
        SpatialNest.clamp(SpatialNest.offset(i0, j - 1), in), index -> nextTap.apply(new Tap(index, w)))), next);
  }

  private static Expr div(Expr a, Expr b) {
    return new Expr.Binary(Expr.BinOp.DIV, a, b);
  }

  /** {@code ((A + 2) x - (A + 3)) x^2 + 1}, for {@code |x| <= 1}. */
  private static Expr near(Expr x, float a) {
    Expr inner = Expr.sub(Expr.mul(f(a + 2), x), f(a + 3));
    return Expr.add(Expr.mul(Expr.mul(inner, x), x), f(1));
  }

  /** {@code ((A x - 5A) x + 8A) x - 4A}, for {@code 1 < |x| < 2}. */
  private static Expr far(Expr x, float a) {
    Expr inner = Expr.add(Expr.mul(Expr.sub(Expr.mul(f(a), x), f(5 * a)), x), f(8 * a));
    return Expr.sub(Expr.mul(inner, x), f(4 * a));
  }
}
