package dev.tnet.ir.lower;

import static dev.tnet.ir.loop.Expr.f;
import static dev.tnet.ir.loop.Expr.i;
import static dev.tnet.ir.lower.SpatialNest.axis;
import static dev.tnet.ir.lower.SpatialNest.clamp;
import static dev.tnet.ir.lower.TensorExprs.let;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.op.Conv;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The loop nest of {@link Conv} (as {@code interp.ConvKernels.conv}): for every output element,
 * an F32 accumulator starts at the bias and adds {@code x[n, c, source(o*stride - padBegin +
 * k*dilation)] * w[oc, c - groupStart, k]} over the group's input channels and the kernel taps.
 *
 * <p>A tap's input coordinate is a {@code let}; only the sides it can actually leave (known from
 * the shapes) are handled: {@code zeros} skips the tap under an {@code if}, the other padding modes
 * bind the source coordinate they map it to (clamped, mirrored, or wrapped with MOD).
 */
final class ConvLowering {
  private ConvLowering() {}

  /** One kernel tap along one spatial dim: its counter and the input coordinate it reads. */
  record Tap(Expr k, Expr source) {}

  static Stmt conv(Conv op, LowerContext ctx) {
    Operand x = ctx.in(0), y = ctx.out(0);
    int dims = op.spatialDims(), chan = x.rank() - dims - 1;
    int inPerGroup = x.dim(chan) / op.groups(), outPerGroup = op.outChannels() / op.groups();
    return SpatialNest.leading(ctx, y.shape(), dims, lead -> {
      Expr oc = lead.get(chan);
      return let(ctx, "c0", firstChannel(oc, op.groups(), inPerGroup, outPerGroup), c0 -> SpatialNest.windows(ctx,
          y.shape(), dims, (d, o) -> SpatialNest.affine(o, op.stride().get(d), -op.padsPerSide().get(2 * d)),
          origins -> accumulate(ctx, op.bias(), lead, origins, c0, inPerGroup,
              (d, start, next) -> tap(op, ctx, d, start, next), (ci, c) -> List.of(oc, ci))));
    });
  }

  /** The first input channel of output channel {@code oc}'s group: {@code oc / outPerGroup * inPerGroup}. */
  static Expr firstChannel(Expr oc, int groups, int inPerGroup, int outPerGroup) {
    return groups == 1 ? i(0) : Idx.times(SpatialNest.floorDiv(oc, outPerGroup), inPerGroup);
  }

  /** The taps of a kernel along spatial dim {@code d} whose window starts at {@code start}. */
  interface TapLoop {
    Stmt taps(int d, Expr start, Function<Tap, Stmt> next);
  }

  /**
   * One output element of a convolution ({@link Conv}, {@link dev.tnet.ir.op.ConvTranspose}) at
   * {@code [lead, origins]}: an F32 accumulator starts at {@code bias[oc]} (or 0), adds {@code x[n,
   * c0 + ci, tap sources] * w[weightLead(ci, c0 + ci), tap counters]} for every {@code ci <
   * inPerGroup} and every tap of every spatial dim, and is stored to {@code y}.
   */
  static Stmt accumulate(LowerContext ctx, boolean bias, List<Expr> lead, List<SpatialNest.Origin> origins, Expr c0,
      int inPerGroup, TapLoop tapLoop, BiFunction<Expr, Expr, List<Expr>> weightLead) {
    Operand x = ctx.in(0), w = ctx.param(0), y = ctx.out(0);
    int chan = lead.size() - 1;
    String acc = ctx.fresh("acc");
    Expr init = bias ? ctx.param(1).load(List.of(lead.get(chan))) : f(0);
    Stmt sum = ctx.nest.loop("ci", inPerGroup, ci -> SpatialNest.<Tap>perDim(origins.size(),
        (d, next) -> tapLoop.taps(d, origins.get(d).start(), next),
        taps -> {
          Expr c = Idx.plus(c0, ci);
          List<Expr> xi = SpatialNest.with(lead, chan, c), wi = new ArrayList<>(weightLead.apply(ci, c));
          for (Tap t : taps) {
            xi.add(t.source());
            wi.add(t.k());
          }
          Expr acc0 = LowerContext.var(acc, ScalarType.F32);
          return LowerContext.set(acc, Expr.add(acc0, Expr.mul(x.load(xi), w.load(wi))));
        }));
    return Stmt.block(ctx.declare(acc, ScalarType.F32, init), sum,
        y.store(SpatialNest.concat(lead, SpatialNest.indices(origins)), LowerContext.var(acc, ScalarType.F32)));
  }

  /** {@code for k: let i = start + k*dilation in <source of i> next(tap)} along dim {@code d}. */
  private static Stmt tap(Conv op, LowerContext ctx, int d, Expr start, Function<Tap, Stmt> next) {
    int dims = op.spatialDims();
    int size = ctx.in(0).dim(ctx.in(0).rank() - dims + d), outSize = ctx.out(0).dim(ctx.out(0).rank() - dims + d);
    int kernel = op.kernelSize().get(d), stride = op.stride().get(d), dilation = op.dilation().get(d);
    int padBegin = op.padsPerSide().get(2 * d);
    boolean low = padBegin > 0, high = (outSize - 1) * stride - padBegin + (kernel - 1) * dilation >= size;
    String ax = axis(dims, d);
    return ctx.nest.loop("k" + ax, kernel, k -> let(ctx, "i" + ax, Idx.plus(start, Idx.times(k, dilation)),
        in -> source(op.paddingMode(), ctx, ax, in, size, low, high, s -> next.apply(new Tap(k, s)))));
  }

  /**
   * Where coordinate {@code in} of a dim of {@code size} reads, as {@code interp.Padding.source}:
   * {@code low}/{@code high} say whether it can fall before 0 or at/after {@code size}.
   */
  private static Stmt source(Conv.PaddingMode mode, LowerContext ctx, String ax, Expr in, int size, boolean low, boolean high,
      Function<Expr, Stmt> body) {
    if (!low && !high) return body.apply(in);
    return switch (mode) {
      case ZEROS -> SpatialNest.guard(SpatialNest.within(in, size, low, high), body.apply(in));
      case REPLICATE -> let(ctx, "s" + ax, low && high ? clamp(in, size)
          : low ? SpatialNest.max(in, i(0)) : SpatialNest.min(in, i(size - 1)), body);
      // The mirror -i / 2(size-1) - i is in range (pad < size); the clamp lets the verifier see it.
      case REFLECT -> let(ctx, "s" + ax, clamp(reflect(in, size, low, high), size), body);
      case CIRCULAR -> let(ctx, "s" + ax, SpatialNest.mod(in, size), body);
    };
  }

  private static Expr reflect(Expr in, int size, boolean low, boolean high) {
    Expr r = in;
    if (high) r = new Expr.Select(Expr.ge(in, i(size)), Expr.sub(i(2 * (size - 1)), in), r);
    if (low) r = new Expr.Select(Expr.lt(in, i(0)), Expr.sub(i(0), in), r);
    return r;
  }
}
