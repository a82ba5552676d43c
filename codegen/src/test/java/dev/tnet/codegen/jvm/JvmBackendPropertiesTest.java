package dev.tnet.codegen.jvm;

import static dev.tnet.ir.loop.Expr.idx;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.Expr.*;
import dev.tnet.ir.loop.LoopProgram;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.loop.Stmt.*;
import dev.tnet.runtime.MathFns;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Random pointwise programs (expression trees over 1 to 3 input buffers, some int64) give the
 * interpreter's bits in every backend variant. A failure names its seed; rerun it with that seed.
 */
class JvmBackendPropertiesTest {
  static final List<String> FUNCTIONS = MathFns.NAMES.stream().sorted().toList();
  static final float[] SPECIAL = {0f, -0f, 1f, -1f, 0.5f, 3f, -7.25f, 1e-3f, 1e30f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};

  @Property(tries = 150)
  void jitMatchesInterpreter(@ForAll long seed) {
    Random r = new Random(seed);
    int n = 1 + r.nextInt(37), inputs = 1 + r.nextInt(3);
    Programs b = Programs.named("random");
    Map<String, Tensor> values = new HashMap<>();
    for (int k = 0; k < inputs; k++) {
      boolean longs = k > 0 && r.nextInt(4) == 0;
      b.input("x" + k, longs ? ScalarType.I64 : ScalarType.F32, n);
      values.put("x" + k, longs ? longTensor(r, n) : floatTensor(r, n));
    }
    Gen g = new Gen(r, values);
    Expr value = g.floatExpr(4);
    Loop.Kind kind = Loop.Kind.values()[r.nextInt(3)];
    Stmt body = new Loop("i", n, kind, new Store("y", idx("i"), value));
    if (r.nextBoolean()) { // and an int64 output
      body = Stmt.block(body, new Loop("i", n, kind, new Store("z", idx("i"), g.longExpr(3))));
      b.output("z", ScalarType.I64, n);
    }
    LoopProgram p = b.output("y", ScalarType.F32, n).kernel("k", body).build();
    Engines.assertSame(p, values, Map.of());
  }

  static Tensor floatTensor(Random r, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = r.nextInt(4) == 0 ? SPECIAL[r.nextInt(SPECIAL.length)] : (float) (r.nextGaussian() * 10);
    return Tensor.of(Shape.of(n), v);
  }

  static Tensor longTensor(Random r, int n) {
    long[] v = new long[n];
    for (int i = 0; i < n; i++) v[i] = r.nextInt(5) == 0 ? r.nextLong() : r.nextInt(41) - 20;
    return Tensor.ofLongs(Shape.of(n), v);
  }

  /** Random expressions indexed by {@code i}. */
  record Gen(Random r, Map<String, Tensor> inputs) {
    Expr floatExpr(int depth) {
      int choice = depth <= 0 ? r.nextInt(2) : r.nextInt(10);
      return switch (choice) {
        case 0 -> load(ScalarType.F32);
        case 1 -> new FloatConst(r.nextBoolean() ? SPECIAL[r.nextInt(SPECIAL.length)] : r.nextInt(9) - 4 + 0.5f);
        case 2, 3 -> new Binary(pick(BinOp.ADD, BinOp.SUB, BinOp.MUL, BinOp.DIV, BinOp.FLOOR_DIV, BinOp.MOD, BinOp.MIN, BinOp.MAX),
            floatExpr(depth - 1), floatExpr(depth - 1));
        case 4 -> new Unary(pick(UnOp.NEG, UnOp.ABS), floatExpr(depth - 1));
        case 5 -> {
          String fn = FUNCTIONS.get(r.nextInt(FUNCTIONS.size()));
          yield fn.equals("pow") ? Expr.call(fn, ScalarType.F32, floatExpr(depth - 1), floatExpr(depth - 1))
              : Expr.call(fn, ScalarType.F32, floatExpr(depth - 1));
        }
        case 6 -> new Select(condition(depth - 1), floatExpr(depth - 1), floatExpr(depth - 1));
        case 7 -> new Cast(ScalarType.F32, longExpr(depth - 1));
        case 8 -> new Cast(ScalarType.F32, new Cast(ScalarType.I32, floatExpr(depth - 1)));
        default -> new Binary(BinOp.ADD, load(ScalarType.F32), floatExpr(depth - 1));
      };
    }

    Expr longExpr(int depth) {
      int choice = depth <= 0 ? r.nextInt(2) : r.nextInt(6);
      return switch (choice) {
        case 0 -> hasLongs() ? load(ScalarType.I64) : new Cast(ScalarType.I64, load(ScalarType.F32));
        case 1 -> new LongConst(r.nextInt(3) == 0 ? r.nextLong() : r.nextInt(11) - 5);
        case 2, 3 -> new Binary(pick(BinOp.ADD, BinOp.SUB, BinOp.MUL, BinOp.MIN, BinOp.MAX), longExpr(depth - 1), longExpr(depth - 1));
        case 4 -> new Select(condition(depth - 1), longExpr(depth - 1), new Unary(pick(UnOp.NEG, UnOp.ABS), longExpr(depth - 1)));
        default -> new Cast(ScalarType.I64, new Binary(pick(BinOp.FLOOR_DIV, BinOp.MOD, BinOp.DIV),
            new Cast(ScalarType.I32, floatExpr(depth - 1)), new IntConst(r.nextBoolean() ? 3 : -7)));
      };
    }

    Expr condition(int depth) {
      Expr c = r.nextBoolean() ? new Binary(pick(BinOp.LT, BinOp.LE, BinOp.GT, BinOp.GE, BinOp.EQ, BinOp.NE), floatExpr(depth), floatExpr(depth))
          : new Binary(pick(BinOp.LT, BinOp.EQ, BinOp.NE), longExpr(depth), longExpr(depth));
      return switch (r.nextInt(4)) {
        case 0 -> new Unary(UnOp.NOT, c);
        case 1 -> new Binary(pick(BinOp.AND, BinOp.OR), c, new Binary(BinOp.GT, floatExpr(0), new FloatConst(0)));
        default -> c;
      };
    }

    boolean hasLongs() {
      return inputs.values().stream().anyMatch(t -> t.dtype() == dev.tnet.runtime.DType.I64);
    }

    Expr load(ScalarType t) {
      List<String> names = inputs.entrySet().stream().filter(e -> ScalarType.of(e.getValue().dtype()) == t).map(Map.Entry::getKey).sorted().toList();
      return new Load(names.get(r.nextInt(names.size())), idx("i"), t);
    }

    @SafeVarargs
    final <T> T pick(T... options) {
      return options[r.nextInt(options.length)];
    }
  }
}
