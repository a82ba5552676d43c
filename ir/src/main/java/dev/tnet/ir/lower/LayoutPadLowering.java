package dev.tnet.ir.lower;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.op.Pad;
import java.util.ArrayList;
import java.util.List;

/**
 * The loop nest of {@code F.pad}. Along each dim the output coordinates split into at most three
 * runs (before the input, over it, after it) in each of which the source coordinate is affine in
 * the output coordinate: {@code o - before} in the middle; the fill value (constant), the edge
 * (replicate), a mirror {@code c - o} (reflect) or a shifted copy (circular) outside. So the nest
 * has one loop per run and no per-element branches (at most {@code 3^k} innermost loops for
 * {@code k} padded dims), and every read is provably in bounds.
 *
 * <p>The runs follow the reference kernel ({@code Padding.source}): reflect and replicate are
 * relative to the uncropped input, circular wraps within the cropped one (PyTorch 1.13).
 */
final class LayoutPadLowering {
  private LayoutPadLowering() {}

  /** Where a run reads: the fill value, or source coordinate {@code offset + sign * o} (sign -1, 0 or 1). */
  private record Source(boolean fill, int offset, int sign) {
    static final Source FILL = new Source(true, 0, 0);

    static Source at(int offset, int sign) {
      return new Source(false, offset, sign);
    }
  }

  /** Output coordinates {@code [start, start + length)} of one dim, all reading through {@code source}. */
  private record Run(int start, int length, Source source) {
    /** The source coordinate of output coordinate {@code start + v}. */
    Expr sourceOf(Expr v) {
      int at = source.offset() + source.sign() * start;
      return switch (source.sign()) {
        case 1 -> Idx.plus(v, at);
        case 0 -> Expr.i(at);
        default -> Expr.sub(Expr.i(at), v);
      };
    }
  }

  static Stmt pad(Pad p, LowerContext ctx) {
    Operand y = ctx.out(0);
    if (y.shape().size() == 0) return TensorExprs.writeNothing(ctx, y);
    List<List<Run>> runs = new ArrayList<>();
    int rank = y.rank();
    for (int d = 0; d < rank; d++) runs.add(runs(p.mode(), ctx.in(0).dim(d), p.before(d, rank), p.after(d, rank)));
    Expr fill = TensorExprs.constant(y.type(), p.value());
    return nest(ctx, runs, fill, 0, List.of(), List.of());
  }

  /** The runs of one dim of {@code size} padded by {@code before} and {@code after} (either may be negative). */
  private static List<Run> runs(Pad.Mode mode, int size, int before, int after) {
    int out = size + before + after;
    Source middle = Source.at(-before, 1);
    return switch (mode) {
      case CONSTANT -> cut(out, before, before + size, Source.FILL, middle, Source.FILL);
      case REPLICATE -> cut(out, before, before + size, Source.at(0, 0), middle, Source.at(size - 1, 0));
      case REFLECT -> cut(out, before, before + size, Source.at(before, -1), middle, Source.at(2 * (size - 1) + before, -1));
      case CIRCULAR -> {
        int lead = Math.max(before, 0), shift = Math.max(-before, 0) - lead;
        int cropped = size + Math.min(before, 0) + Math.min(after, 0);
        yield cut(out, lead, lead + cropped, Source.at(shift + cropped, 1), Source.at(shift, 1), Source.at(shift - cropped, 1));
      }
    };
  }

  /** Runs over {@code [0, a)}, {@code [a, b)}, {@code [b, out)} (clamped to the output, empty ones dropped). */
  private static List<Run> cut(int out, int a, int b, Source left, Source middle, Source right) {
    int p = Math.clamp(a, 0, out), q = Math.clamp(b, p, out);
    List<Run> r = new ArrayList<>();
    if (p > 0) r.add(new Run(0, p, left));
    if (q > p) r.add(new Run(p, q - p, middle));
    if (out > q) r.add(new Run(q, out - q, right));
    return r;
  }

  /** The loops of dims {@code d..}: for each run, its loop, then either the fill or the next dim. */
  private static Stmt nest(LowerContext ctx, List<List<Run>> runs, Expr fill, int d, List<Expr> out, List<Expr> src) {
    Operand x = ctx.in(0), y = ctx.out(0);
    if (d == runs.size()) return y.store(out, x.load(src));
    List<Stmt> loops = new ArrayList<>();
    for (Run run : runs.get(d)) {
      loops.add(ctx.nest.loop("o" + d, run.length(), v -> {
        List<Expr> to = append(out, Idx.plus(v, run.start()));
        if (run.source().fill()) {
          int[] rest = java.util.Arrays.copyOfRange(y.shape().dims(), d + 1, y.rank());
          return ctx.nest.over(rest, r -> {
            List<Expr> all = new ArrayList<>(to);
            all.addAll(r);
            return y.store(all, fill);
          });
        }
        return nest(ctx, runs, fill, d + 1, to, append(src, run.sourceOf(v)));
      }));
    }
    return loops.size() == 1 ? loops.get(0) : new Stmt.Block(loops);
  }

  private static List<Expr> append(List<Expr> list, Expr e) {
    List<Expr> r = new ArrayList<>(list);
    r.add(e);
    return r;
  }
}
