package dev.tnet.codegen.jvm;

import static dev.tnet.ir.loop.Expr.add;
import static dev.tnet.ir.loop.Expr.f;
import static dev.tnet.ir.loop.Expr.i;
import static dev.tnet.ir.loop.Expr.idx;
import static dev.tnet.ir.loop.Expr.mul;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.Expr.*;
import dev.tnet.ir.loop.LoopProgram;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.loop.Stmt.*;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** VECTOR loops the Vector API can run exactly become FloatVector code; the others stay scalar. */
class VectorLoopTest {
  static final ScalarType F32 = ScalarType.F32;
  static final JvmBackend.Options VECTOR = new JvmBackend.Options(1, true);

  static Tensor values(int n) {
    float[] v = new float[n];
    float[] special = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1e-40f};
    for (int k = 0; k < n; k++) v[k] = k % 7 == 3 ? special[k % special.length] : (k * 37 % 19) * 0.75f - 6;
    return Tensor.of(Shape.of(n), v);
  }

  /** {@code for r: vector for c: let v = x[r*n + c]; y[r*n + c] = body(v)}. */
  static LoopProgram rows(String name, int n, java.util.function.UnaryOperator<Expr> body) {
    Expr at = add(mul(idx("r"), i(n)), idx("c"));
    return Programs.named(name).input("x", F32, 3 * n).weight("w", F32, n).weight("a", F32, 1).output("y", F32, 3 * n)
        .kernel("k", new Loop("r", 3, Loop.Kind.PARALLEL, new Loop("c", n, Loop.Kind.VECTOR,
            new Let("v", new Load("x", at, F32), new Store("y", at, body.apply(new Var("v", F32)))))))
        .build();
  }

  static boolean vectorized(LoopProgram p) {
    return JvmBackend.dump(p, VECTOR).contains("jdk/incubator/vector/FloatVector.fromArray");
  }

  static void check(LoopProgram p, int n, boolean vector) {
    assertEquals(vector, vectorized(p), p.toString());
    Engines.assertSame(p, Map.of("x", values(3 * p.buffer("x").size() / 3)), Map.of("w", values(n), "a", Tensor.of(Shape.of(1), new float[] {0.25f})));
  }

  /** Every extent up to a few vectors, so the scalar tail runs with 0 to length-1 iterations. */
  @Test
  void extentsAroundTheVectorLength() {
    for (int n = 1; n <= 40; n++) {
      check(rows("affine" + n, n, v -> add(mul(v, new Load("w", idx("c"), F32)), new Load("a", i(0), F32))), n, true);
    }
  }

  @Test
  void activations() {
    Expr zero = f(0);
    check(rows("relu", 19, v -> new Select(new Binary(BinOp.LT, v, zero), zero, v)), 19, true);
    check(rows("relu6", 19, v -> new Select(new Binary(BinOp.LT, v, zero), zero, new Select(new Binary(BinOp.GT, v, f(6)), f(6), v))), 19, true);
    check(rows("leaky", 19, v -> new Select(new Binary(BinOp.GT, v, zero), v, mul(v, f(0.01f)))), 19, true);
    check(rows("prelu", 19, v -> new Select(new Binary(BinOp.GT, v, zero), v, mul(new Load("a", i(0), F32), v))), 19, true);
    check(rows("minmax", 19, v -> new Binary(BinOp.MIN, new Binary(BinOp.MAX, v, new Unary(UnOp.NEG, v)), new Unary(UnOp.ABS, new Binary(BinOp.DIV, v, f(3))))), 19, true);
    check(rows("masks", 19, v -> new Select(new Binary(BinOp.OR, new Unary(UnOp.NOT, new Binary(BinOp.EQ, v, v)),
        new Binary(BinOp.AND, new Binary(BinOp.GE, v, f(-1)), new Binary(BinOp.NE, v, f(2.25f)))), f(1), f(0))), 19, true);
  }

  /** MathFns compute in double; a Vector API version would differ in the last bit, so these stay scalar. */
  @Test
  void callsStayScalar() {
    check(rows("tanh", 19, v -> Expr.call("tanh", F32, v)), 19, false);
    check(rows("floor_div", 19, v -> new Binary(BinOp.FLOOR_DIV, v, f(2))), 19, false);
  }

  /** A select's branch may load only what every lane loads anyway, or a constant element. */
  @Test
  void guardedLoads() {
    Expr at = add(mul(idx("r"), i(19)), idx("c"));
    Expr guarded = new Select(new Binary(BinOp.GT, new Var("v", F32), f(0)), new Load("w", idx("c"), F32), f(0));
    LoopProgram p = Programs.named("guarded").input("x", F32, 57).weight("w", F32, 19).weight("a", F32, 1).output("y", F32, 57)
        .kernel("k", new Loop("r", 3, Loop.Kind.SERIAL, new Loop("c", 19, Loop.Kind.VECTOR,
            new Let("v", new Load("x", at, F32), new Store("y", at, guarded))))).build();
    check(p, 19, false);
  }

  /** A buffer written in the loop and read back at the same element (two stores per lane). */
  @Test
  void readAfterWriteOfTheSameElement() {
    Stmt body = Stmt.block(new Store("t", idx("c"), mul(new Load("x", idx("c"), F32), f(2))),
        new Store("y", idx("c"), add(new Load("t", idx("c"), F32), new Load("x", idx("c"), F32))));
    LoopProgram p = Programs.named("raw").input("x", F32, 23).weight("w", F32, 1).weight("a", F32, 1).temp("t", F32, 23).output("y", F32, 23)
        .kernel("k", new Loop("c", 23, Loop.Kind.VECTOR, body)).build();
    assertEquals(true, vectorized(p));
    Engines.assertSame(p, Map.of("x", values(23)), Map.of("w", values(1), "a", values(1)));
  }
}
