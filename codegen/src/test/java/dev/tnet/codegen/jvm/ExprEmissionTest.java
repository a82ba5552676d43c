package dev.tnet.codegen.jvm;

import static dev.tnet.ir.loop.Expr.add;
import static dev.tnet.ir.loop.Expr.i;
import static dev.tnet.ir.loop.Expr.idx;
import static dev.tnet.ir.loop.Expr.mul;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.Expr.*;
import dev.tnet.ir.loop.LoopProgram;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.loop.Stmt.*;
import dev.tnet.runtime.MathFns;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every expression kind, on edge-case values, gives the interpreter's bits. */
class ExprEmissionTest {
  static final float[] FLOATS = {0f, -0f, 1f, -1f, 2.5f, -2.5f, 3f, -7f, 0.1f, 1e30f, -1e-30f, Float.MIN_VALUE,
      Float.MAX_VALUE, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 2.1474836E9f, -9.223372E18f, 1e20f};
  static final long[] LONGS = {0, 1, -1, 7, -7, 3, -3, 100, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MAX_VALUE,
      Integer.MIN_VALUE, 123456789012L, -4294967296L};
  /** Divisors: no zero, not even as an int (integer division by zero throws in both engines alike). */
  static final long[] NONZERO = java.util.Arrays.stream(LONGS).filter(v -> (int) v != 0).toArray();

  /** The operand types and how to read one from an input buffer of f32 or i64. */
  enum Kind {
    I32(ScalarType.I32), I64(ScalarType.I64), F32(ScalarType.F32);

    final ScalarType type;

    Kind(ScalarType type) {
      this.type = type;
    }

    ScalarType buffer() {
      return this == F32 ? ScalarType.F32 : ScalarType.I64;
    }

    Expr read(String buf, Expr index) {
      Expr l = new Load(buf, index, buffer());
      return this == I32 ? new Cast(ScalarType.I32, l) : l;
    }

    Tensor values(boolean divisor) {
      return this == F32 ? Tensor.of(Shape.of(FLOATS.length), FLOATS.clone())
          : Tensor.ofLongs(Shape.of((divisor ? NONZERO : LONGS).length), (divisor ? NONZERO : LONGS).clone());
    }
  }

  /** {@code y[i * m + j] = f(a[i], b[j])}, stored as f32 or i64 (BOOL as 0/1, I32 widened). */
  static void pairs(String name, Kind kind, boolean divisor, java.util.function.BinaryOperator<Expr> f) {
    Tensor a = kind.values(false), b = kind.values(divisor);
    int n = a.size(), m = b.size();
    Expr v = f.apply(kind.read("a", idx("i")), kind.read("b", idx("j")));
    Expr stored = widen(v);
    LoopProgram p = Programs.named(name).input("a", kind.buffer(), n).input("b", kind.buffer(), m)
        .output("y", stored.type(), n * m)
        .kernel("k", new Loop("i", n, Loop.Kind.SERIAL, new Loop("j", m, Loop.Kind.SERIAL,
            new Store("y", add(mul(idx("i"), i(m)), idx("j")), stored))))
        .build();
    Engines.assertSame(p, Map.of("a", a, "b", b), Map.of());
  }

  /** A value as it can be stored: BOOL as 1L/0L, I32 widened to I64. */
  static Expr widen(Expr v) {
    return switch (v.type()) {
      case BOOL -> new Select(v, new LongConst(1), new LongConst(0));
      case I32 -> new Cast(ScalarType.I64, v);
      default -> v;
    };
  }

  @TestFactory
  Stream<DynamicTest> binaryOperators() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Kind k : Kind.values()) {
      for (BinOp op : BinOp.values()) {
        if (op == BinOp.AND || op == BinOp.OR) continue;
        boolean divides = k != Kind.F32 && (op == BinOp.DIV || op == BinOp.FLOOR_DIV || op == BinOp.MOD);
        tests.add(DynamicTest.dynamicTest(k + " " + op, () -> pairs(k + "_" + op, k, divides, (x, y) -> new Binary(op, x, y))));
      }
    }
    for (BinOp op : List.of(BinOp.AND, BinOp.OR)) {
      tests.add(DynamicTest.dynamicTest("BOOL " + op, () -> pairs("bool_" + op, Kind.F32, false,
          (x, y) -> new Binary(op, new Binary(BinOp.LT, x, y), new Binary(BinOp.GE, x, new FloatConst(0))))));
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> unaryOperators() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Kind k : Kind.values()) {
      for (UnOp op : List.of(UnOp.NEG, UnOp.ABS)) {
        tests.add(DynamicTest.dynamicTest(k + " " + op, () -> pairs(k + "_" + op, k, false, (x, y) -> new Unary(op, x))));
      }
      tests.add(DynamicTest.dynamicTest(k + " NOT", () -> pairs(k + "_not", k, false,
          (x, y) -> new Unary(UnOp.NOT, new Binary(BinOp.LE, x, y)))));
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> casts() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Kind from : Kind.values()) {
      for (ScalarType to : ScalarType.values()) {
        tests.add(DynamicTest.dynamicTest(from + " to " + to, () -> pairs(from + "_to_" + to, from, false, (x, y) -> new Cast(to, x))));
      }
    }
    return tests.stream();
  }

  /** Casting a BOOL to a number gives 0 or 1 (the interpreter has no such cast; the backend allows it). */
  @Test
  void boolToNumber() {
    Expr cond = new Binary(BinOp.GT, new Load("a", idx("i"), ScalarType.F32), new FloatConst(0));
    LoopProgram p = Programs.named("b2n").input("a", ScalarType.F32, 3).output("y", ScalarType.F32, 9)
        .kernel("k", new Loop("i", 3, Loop.Kind.SERIAL, Stmt.block(
            new Store("y", idx("i"), new Cast(ScalarType.F32, cond)),
            new Store("y", add(idx("i"), i(3)), new Cast(ScalarType.F32, new Cast(ScalarType.I64, cond))),
            new Store("y", add(idx("i"), i(6)), new Cast(ScalarType.F32, new Cast(ScalarType.I32, cond))))))
        .build();
    Tensor y = JvmBackend.compile(p, Map.of()).run(Map.of("a", Tensor.of(Shape.of(3), new float[] {-1, 2, Float.NaN}))).get("y");
    org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {0, 1, 0, 0, 1, 0, 0, 1, 0}, y.floats());
  }

  @TestFactory
  Stream<DynamicTest> mathFunctions() {
    return MathFns.NAMES.stream().sorted().map(fn -> DynamicTest.dynamicTest(fn, () -> pairs("fn_" + fn, Kind.F32, false,
        (x, y) -> fn.equals("pow") ? Expr.call(fn, ScalarType.F32, x, y) : Expr.call(fn, ScalarType.F32, x))));
  }

  @Test
  void selectIsLazyAndNests() {
    pairs("select", Kind.F32, false, (x, y) -> new Select(new Binary(BinOp.LT, x, y),
        new Select(new Binary(BinOp.EQ, x, new FloatConst(0)), new FloatConst(-1), new Binary(BinOp.MUL, x, y)),
        new Binary(BinOp.SUB, x, y)));
    pairs("select_i64", Kind.I64, true, (x, y) -> new Select(new Binary(BinOp.NE, x, y), new Binary(BinOp.FLOOR_DIV, x, y), x));
  }

  /** Constants of every encoding: iconst, bipush, sipush, ldc; lconst, ldc; fconst, ldc, -0, NaN. */
  @Test
  void constants() {
    List<Function<Integer, Expr>> values = new ArrayList<>();
    for (int v : new int[] {-1, 0, 5, 6, -128, 127, 128, -32768, 32767, 32768, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
      values.add(ix -> new Cast(ScalarType.F32, new IntConst(v)));
    }
    for (long v : new long[] {0, 1, 2, -1, Long.MIN_VALUE, 1L << 40}) values.add(ix -> new Cast(ScalarType.F32, new LongConst(v)));
    for (float v : new float[] {0f, -0f, 1f, 2f, 3f, 0.5f, Float.NaN, Float.NEGATIVE_INFINITY, Float.MIN_VALUE}) {
      values.add(ix -> new FloatConst(v));
    }
    List<Stmt> stores = new ArrayList<>();
    for (int k = 0; k < values.size(); k++) stores.add(new Store("y", i(k), values.get(k).apply(k)));
    LoopProgram p = Programs.named("consts").output("y", ScalarType.F32, values.size()).kernel("k", new Block(stores)).build();
    Engines.assertSame(p, Map.of(), Map.of());
  }
}
