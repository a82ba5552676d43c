package dev.tnet.ir.lower;

import static dev.tnet.ir.lower.NnExprs.f32;
import static dev.tnet.ir.lower.NnExprs.f;
import static dev.tnet.ir.lower.TensorExprs.div;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.Expr.BinOp;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.op.BatchNorm;
import dev.tnet.ir.op.InstanceNorm;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Loop nests of the channel norms that may keep running statistics, {@link BatchNorm} and {@link
 * InstanceNorm}, as {@code interp/NormKernels}: the {@code (N, C, *spatial)} input is viewed as
 * {@code [N, C, inner]} and {@code y = (x - mean) * rsqrt(var + eps) * weight[c] + bias[c]}.
 * Statistics are {@link NnGroupStats}, or the running-statistics params.
 */
final class NormChannelLowering {
  private NormChannelLowering() {}

  /** A norm's params by role (the op's order: weight, bias if affine; running stats if tracked). */
  private record Params(Operand weight, Operand bias, Operand runningMean, Operand runningVar, Operand batchesTracked) {
    static Params of(boolean affine, boolean track, List<Operand> p) {
      int t = affine ? 2 : 0;
      return new Params(affine ? p.get(0) : null, affine ? p.get(1) : null, track ? p.get(t) : null,
          track ? p.get(t + 1) : null, track ? p.get(t + 2) : null);
    }

    /** {@code v * weight[ch] + bias[ch]}, or {@code v} without affine params. */
    Expr affine(Expr v, Expr ch) {
      return weight == null ? v : Expr.add(Expr.mul(v, weight.load(List.of(ch))), bias.load(List.of(ch)));
    }

    /** {@code (1 - f) * running[ch] + f * stat}, the running-statistics update. */
    static Expr blend(Operand running, Expr ch, Expr stat, Expr f, Expr oneMinusF) {
      return Expr.add(Expr.mul(oneMinusF, running.load(List.of(ch))), Expr.mul(f, stat));
    }
  }

  /** The statistics one normalisation uses: their statements, the centring and the variance. */
  private record Stats(List<Stmt> compute, Expr mean, Expr var, UnaryOperator<Expr> centered) {
    static Stats computed(NnGroupStats s) {
      return new Stats(s.compute(), s.mean(), s.var(), s::centered);
    }

    static Stats running(Params p, Expr ch) {
      Expr mean = p.runningMean().load(List.of(ch));
      return new Stats(List.of(), mean, p.runningVar().load(List.of(ch)), x -> Expr.sub(x, mean));
    }
  }

  /**
   * Per channel: the statistics over every dim but 1 (or the running ones), then the normalised
   * plane; in training with running stats, also the updated running mean and (unbiased) variance.
   */
  static Stmt batchNorm(BatchNorm op, LowerContext ctx) {
    Operand x = ctx.in(0);
    int n = x.dim(0), c = x.dim(1), inner = NnExprs.product(x.shape(), 2, x.rank());
    Operand xv = NnExprs.view(x, n, c, inner), yv = NnExprs.view(ctx.out(0), n, c, inner);
    Params p = Params.of(op.affine(), op.trackRunningStats(), ctx.params());
    int[] plane = {n, inner};
    // The blend factor: momentum, or 1 / (num_batches_tracked + 1) (a cumulative average) for None.
    String factor = ctx.fresh("f");
    boolean cumulative = op.updatesRunningStats() && op.momentum().isEmpty();
    Expr f = cumulative ? f32(factor) : f(op.momentum().orElse(0));
    Expr oneMinusF = cumulative ? Expr.sub(f(1), f) : f(1 - op.momentum().orElse(0));
    Stmt channels = ctx.nest.loop("c", c, ch -> {
      Stats s = op.usesBatchStats()
          ? Stats.computed(NnGroupStats.of(ctx, plane, i -> xv.load(List.of(i.get(0), ch, i.get(1)))))
          : Stats.running(p, ch);
      List<Stmt> body = new ArrayList<>(s.compute());
      String inv = ctx.fresh("inv_std");
      body.add(ctx.declare(inv, ScalarType.F32, NormLayerLowering.invSqrt(s.var(), op.eps())));
      body.add(ctx.nest.over(plane, i -> {
        List<Expr> at = List.of(i.get(0), ch, i.get(1));
        return yv.store(at, p.affine(Expr.mul(s.centered().apply(xv.load(at)), f32(inv)), ch));
      }));
      if (op.updatesRunningStats()) {
        double count = (double) n * inner;
        Expr unbiased = Expr.mul(s.var(), f(count / (count - 1)));
        body.add(ctx.out(1).store(List.of(ch), Params.blend(p.runningMean(), ch, s.mean(), f, oneMinusF)));
        body.add(ctx.out(2).store(List.of(ch), Params.blend(p.runningVar(), ch, unbiased, f, oneMinusF)));
      }
      return new Stmt.Block(body);
    });
    if (!cumulative) return channels;
    Expr tracked = NnExprs.toF32(p.batchesTracked().load(List.of()));
    return Stmt.block(ctx.declare(factor, ScalarType.F32, div(f(1), Expr.add(tracked, f(1)))), channels);
  }

  /**
   * Per (sample, channel) plane: its own statistics over the spatial dims (or the running ones).
   * In training with running stats, the channel loop is outermost and also averages each
   * channel's means and unbiased variances over the batch into the running-statistics update.
   */
  static Stmt instanceNorm(InstanceNorm op, LowerContext ctx) {
    Operand x = ctx.in(0);
    int n = x.dim(0), c = x.dim(1), inner = NnExprs.product(x.shape(), 2, x.rank());
    Params p = Params.of(op.affine(), op.trackRunningStats(), ctx.params());
    if (!op.updatesRunningStats()) {
      Operand xv = NnExprs.view(x, n * c, inner), yv = NnExprs.view(ctx.out(0), n * c, inner);
      return ctx.nest.loop("plane", n * c, plane -> {
        String ch = ctx.fresh("c");
        Stmt body = normalizePlane(op, ctx, p, i -> xv.load(List.of(plane, i)), (i, v) -> yv.store(List.of(plane, i), v),
            inner, Expr.idx(ch), List.of());
        return new Stmt.Let(ch, TensorExprs.bin(BinOp.MOD, plane, Expr.i(c)), body);
      });
    }
    Operand xv = NnExprs.view(x, n, c, inner), yv = NnExprs.view(ctx.out(0), n, c, inner);
    String meanSum = ctx.fresh("mean_of_means"), varSum = ctx.fresh("mean_of_vars");
    return ctx.nest.loop("c", c, ch -> {
      Stmt perSample = ctx.nest.loop("n", n, b -> normalizePlane(op, ctx, p, i -> xv.load(List.of(b, ch, i)),
          (i, v) -> yv.store(List.of(b, ch, i), v), inner, ch, List.of(meanSum, varSum)));
      Expr f = f(op.momentum()), oneMinusF = f(1 - op.momentum());
      return Stmt.block(ctx.declare(meanSum, ScalarType.F32, f(0)), ctx.declare(varSum, ScalarType.F32, f(0)), perSample,
          ctx.out(1).store(List.of(ch), Params.blend(p.runningMean(), ch, f32(meanSum), f, oneMinusF)),
          ctx.out(2).store(List.of(ch), Params.blend(p.runningVar(), ch, f32(varSum), f, oneMinusF)));
    });
  }

  /**
   * Normalises one plane of {@code inner} values; if {@code accumulators} names two locals, adds
   * the plane's mean and unbiased variance, each divided by N, to them.
   */
  private static Stmt normalizePlane(InstanceNorm op, LowerContext ctx, Params p, UnaryOperator<Expr> load,
      java.util.function.BiFunction<Expr, Expr, Stmt> store, int inner, Expr ch, List<String> accumulators) {
    Stats s = op.usesInstanceStats()
        ? Stats.computed(NnGroupStats.of(ctx, new int[] {inner}, i -> load.apply(i.get(0))))
        : Stats.running(p, ch);
    List<Stmt> body = new ArrayList<>(s.compute());
    String inv = ctx.fresh("inv_std");
    body.add(ctx.declare(inv, ScalarType.F32, NormLayerLowering.invSqrt(s.var(), op.eps())));
    body.add(ctx.nest.loop("i", inner, i -> store.apply(i, p.affine(Expr.mul(s.centered().apply(load.apply(i)), f32(inv)), ch))));
    if (!accumulators.isEmpty()) {
      int n = ctx.in(0).dim(0);
      Expr unbiased = Expr.mul(s.var(), f((double) inner / (inner - 1)));
      body.add(LowerContext.set(accumulators.get(0), Expr.add(f32(accumulators.get(0)), div(s.mean(), f(n)))));
      body.add(LowerContext.set(accumulators.get(1), Expr.add(f32(accumulators.get(1)), div(unbiased, f(n)))));
    }
    return new Stmt.Block(body);
  }
}
