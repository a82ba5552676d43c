package dev.tnet.ir.lower;

import static dev.tnet.ir.lower.NnExprs.f;
import static dev.tnet.ir.lower.TensorExprs.bin;
import static dev.tnet.ir.lower.TensorExprs.l;
import static dev.tnet.ir.lower.TensorExprs.select;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.Expr.BinOp;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.op.Dropout;
import java.util.ArrayList;
import java.util.List;

/**
 * The loop nest of {@link Dropout}: a copy in inference. In training, element {@code i} (flat
 * row-major) is kept, scaled by {@code 1 / (1 - p)}, iff {@link Dropout#uniform} {@code >= p},
 * i.e. iff {@code mix64(mix64(seed) + GAMMA * (i + 1)) >>> 11 >= ceil(p * 2^53)} (exact: the
 * uniform draw is that 53-bit integer times {@code 2^-53}). {@code mix64(seed)} is folded here.
 *
 * <p>Loop IR has no shifts or xor, so the SplitMix64 finaliser is emulated in I64 arithmetic:
 * {@code z >>> s} is {@code floorMod(floorDiv(z, 2^s), 2^(64 - s))}, and {@code a ^ b} is a
 * 64-step loop adding {@code 2^k} where bit {@code k} of {@code a} and {@code b} differ (the
 * wrapping sum sets bit 63 exactly as xor does). Correct but slow: about 200 steps per element.
 */
final class NnDropoutLowering {
  private NnDropoutLowering() {}

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
  private static final long MIX_1 = 0xBF58476D1CE4E5B9L, MIX_2 = 0x94D049BB133111EBL;

  static Stmt dropout(Dropout op, LowerContext ctx) {
    int size = ctx.in(0).shape().size();
    Operand x = NnExprs.view(ctx.in(0), size), y = NnExprs.view(ctx.out(0), size);
    if (!op.training()) return ctx.nest.loop("i", size, i -> y.store(List.of(i), x.load(List.of(i))));
    long threshold = (long) Math.ceil(op.p() * 0x1.0p53);
    double scale = op.p() == 1 ? 0 : 1 / (1 - op.p());
    return ctx.nest.loop("i", size, i -> {
      String z = ctx.fresh("z");
      Expr counter = Expr.add(new Expr.Cast(ScalarType.I64, i), l(1));
      List<Stmt> body = new ArrayList<>();
      body.add(ctx.declare(z, ScalarType.I64, Expr.add(l(mix64(op.seed())), Expr.mul(l(GOLDEN_GAMMA), counter))));
      body.addAll(mix64InPlace(ctx, z));
      Expr keep = new Expr.Binary(BinOp.GE, unsignedShiftRight(i64(z), 11), l(threshold));
      body.add(y.store(List.of(i), select(keep, Expr.mul(x.load(List.of(i)), f(scale)), f(0))));
      return new Stmt.Block(body);
    });
  }

  /** SplitMix64's finaliser, as {@code Dropout}'s: the constant-folded form. */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * MIX_1;
    z = (z ^ (z >>> 27)) * MIX_2;
    return z ^ (z >>> 31);
  }

  /** The same finaliser applied in place to the I64 local {@code z}. */
  private static List<Stmt> mix64InPlace(LowerContext ctx, String z) {
    List<Stmt> s = new ArrayList<>();
    s.addAll(xorShift(ctx, z, 30));
    s.add(LowerContext.set(z, Expr.mul(i64(z), l(MIX_1))));
    s.addAll(xorShift(ctx, z, 27));
    s.add(LowerContext.set(z, Expr.mul(i64(z), l(MIX_2))));
    s.addAll(xorShift(ctx, z, 31));
    return s;
  }

  /** {@code z = z ^ (z >>> shift)}, bit by bit. */
  private static List<Stmt> xorShift(LowerContext ctx, String z, int shift) {
    String a = ctx.fresh("a"), b = ctx.fresh("b"), r = ctx.fresh("xor"), bit = ctx.fresh("bit");
    Stmt bits = ctx.nest.loop("k", 64, k -> Stmt.block(
        LowerContext.set(r, Expr.add(i64(r), select(bin(BinOp.EQ, lowBit(i64(a)), lowBit(i64(b))), l(0), i64(bit)))),
        LowerContext.set(a, bin(BinOp.FLOOR_DIV, i64(a), l(2))),
        LowerContext.set(b, bin(BinOp.FLOOR_DIV, i64(b), l(2))),
        LowerContext.set(bit, Expr.mul(i64(bit), l(2)))));
    return List.of(ctx.declare(a, ScalarType.I64, i64(z)), ctx.declare(b, ScalarType.I64, unsignedShiftRight(i64(z), shift)),
        ctx.declare(r, ScalarType.I64, l(0)), ctx.declare(bit, ScalarType.I64, l(1)), bits, LowerContext.set(z, i64(r)));
  }

  /** Java's {@code v >>> shift} for {@code 0 < shift < 64}. */
  private static Expr unsignedShiftRight(Expr v, int shift) {
    return bin(BinOp.MOD, bin(BinOp.FLOOR_DIV, v, l(1L << shift)), l(1L << (64 - shift)));
  }

  /** Bit 0 of {@code v}: {@code floorMod(v, 2)}, 0 or 1 also for negative {@code v}. */
  private static Expr lowBit(Expr v) {
    return bin(BinOp.MOD, v, l(2));
  }

  private static Expr.Var i64(String local) {
    return LowerContext.var(local, ScalarType.I64);
  }
}
