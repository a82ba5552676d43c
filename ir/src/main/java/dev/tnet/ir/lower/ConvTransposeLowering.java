package dev.tnet.ir.lower;

import static dev.tnet.ir.loop.Expr.i;
import static dev.tnet.ir.lower.SpatialNest.axis;
import static dev.tnet.ir.lower.TensorExprs.let;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.op.ConvTranspose;
import java.util.List;
import java.util.function.Function;

/**
 * The loop nest of {@link ConvTranspose}, written as a gather so every output element is computed
 * once, in its own accumulator: {@code y[n, oc, p] = bias[oc] + sum over c in oc's group, k of
 * x[n, c, i] * w[c, oc - groupStart, k]} where input position {@code i} scatters to {@code p}, i.e.
 * {@code p + padding - k*dilation == i*stride}. Per dim the tap binds {@code ph = p + padding -
 * k*dilation} and {@code ih = ph // stride}, and is skipped unless {@code ph % stride == 0} and
 * {@code 0 <= ih < in} (only the checks the shapes can fail are emitted). The reference scatters
 * instead ({@code interp.ConvKernels.convTranspose}); the sum is the same.
 */
final class ConvTransposeLowering {
  private ConvTransposeLowering() {}

  static Stmt lower(ConvTranspose op, LowerContext ctx) {
    Operand x = ctx.in(0), y = ctx.out(0);
    int dims = op.spatialDims(), chan = x.rank() - dims - 1;
    int inPerGroup = x.dim(chan) / op.groups(), outPerGroup = op.outChannels() / op.groups();
    return SpatialNest.leading(ctx, y.shape(), dims, lead -> {
      Expr oc = lead.get(chan);
      Expr firstChannel = ConvLowering.firstChannel(oc, op.groups(), inPerGroup, outPerGroup);
      Expr ocInGroup = op.groups() == 1 ? oc : SpatialNest.mod(oc, outPerGroup);
      return let(ctx, "c0", firstChannel, c0 -> let(ctx, "og", ocInGroup, og -> SpatialNest.windows(ctx, y.shape(), dims,
          (d, p) -> Idx.plus(p, op.padding().get(d)),
          origins -> ConvLowering.accumulate(ctx, op.bias(), lead, origins, c0, inPerGroup,
              (d, start, next) -> tap(op, ctx, d, start, next), (ci, c) -> List.of(c, og)))));
    });
  }

  /**
   * {@code for k: let ph = start - k*dilation, ih = ph // stride in if <ih scatters to p>: next(tap)},
   * where {@code start = p + padding}.
   */
  private static Stmt tap(ConvTranspose op, LowerContext ctx, int d, Expr start,
      Function<ConvLowering.Tap, Stmt> next) {
    int dims = op.spatialDims();
    int size = ctx.in(0).dim(ctx.in(0).rank() - dims + d), outSize = ctx.out(0).dim(ctx.out(0).rank() - dims + d);
    int kernel = op.kernelSize().get(d), stride = op.stride().get(d), dilation = op.dilation().get(d);
    int padding = op.padding().get(d);
    boolean low = padding - (kernel - 1) * dilation < 0, high = Math.floorDiv(outSize - 1 + padding, stride) >= size;
    String ax = axis(dims, d);
    return ctx.nest.loop("k" + ax, kernel, k -> let(ctx, "p" + ax, Expr.sub(start, Idx.times(k, dilation)),
        ph -> let(ctx, "i" + ax, SpatialNest.floorDiv(ph, stride), ih -> {
          Expr onGrid = stride == 1 ? null : new Expr.Binary(Expr.BinOp.EQ, SpatialNest.mod(ph, stride), i(0));
          return SpatialNest.guard(SpatialNest.all(onGrid, SpatialNest.within(ih, size, low, high)),
              next.apply(new ConvLowering.Tap(k, ih)));
        })));
  }
}
