package dev.tnet.codegen.jvm;

import static dev.tnet.ir.loop.Expr.add;
import static dev.tnet.ir.loop.Expr.f;
import static dev.tnet.ir.loop.Expr.i;
import static dev.tnet.ir.loop.Expr.idx;
import static dev.tnet.ir.loop.Expr.lt;
import static dev.tnet.ir.loop.Expr.mul;
import static dev.tnet.ir.loop.Expr.sub;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.Expr.*;
import dev.tnet.ir.loop.LoopProgram;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.loop.Stmt.*;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.UserException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every statement kind, and the edges of loops and buffers, give the interpreter's results. */
class StmtEmissionTest {
  static final ScalarType F32 = ScalarType.F32, I64 = ScalarType.I64, I32 = ScalarType.I32;

  static Tensor floats(int... dims) {
    Shape s = Shape.of(dims);
    float[] v = new float[s.size()];
    for (int k = 0; k < v.length; k++) v[k] = (k * 7 % 11) - 4.5f;
    return Tensor.of(s, v);
  }

  static Expr x(Expr index) {
    return new Load("x", index, F32);
  }

  static Loop loop(String var, int extent, Stmt body) {
    return new Loop(var, extent, Loop.Kind.SERIAL, body);
  }

  /** A row sum: a declared accumulator, assigned in an inner loop, stored after it. */
  @Test
  void declareAssignAndNestedLoops() {
    LoopProgram p = Programs.named("rowsum").input("x", F32, 3, 4).output("y", F32, 3)
        .kernel("k", loop("r", 3, Stmt.block(
            new Declare("acc", F32, f(0)),
            loop("c", 4, new Assign("acc", add(new Var("acc", F32), x(add(mul(idx("r"), i(4)), idx("c")))))),
            new Store("y", idx("r"), new Var("acc", F32)))))
        .build();
    Engines.assertSame(p, Map.of("x", floats(3, 4)), Map.of());
  }

  /** Loops of extent 0 never run (not even their index arithmetic); extent 1 runs once. */
  @Test
  void emptyAndSingleLoops() {
    LoopProgram p = Programs.named("edges").input("x", F32, 2).output("y", F32, 2)
        .kernel("edges", Stmt.block(
            loop("i", 2, new Store("y", idx("i"), f(5))),
            loop("j", 0, new Store("y", idx("j"), f(1))),
            loop("k", 1, new Store("y", add(idx("k"), i(1)), x(idx("k")))),
            Stmt.nothing()))
        .kernel("nothing", Stmt.nothing())
        .build();
    Map<String, Tensor> want = Engines.assertSame(p, Map.of("x", floats(2)), Map.of());
    assertArrayEquals(new float[] {5, -4.5f}, want.get("y").floats());
  }

  /** Assigning the loop variable changes it for the rest of the iteration, not the trip count. */
  @Test
  void assignedLoopVariable() {
    LoopProgram p = Programs.named("assignvar").output("y", F32, 8)
        .kernel("k", loop("i", 4, Stmt.block(
            new Store("y", idx("i"), new Cast(F32, idx("i"))),
            new Assign("i", add(idx("i"), i(4))),
            new Store("y", new Binary(BinOp.MOD, idx("i"), i(8)), new Cast(F32, mul(idx("i"), i(10)))))))
        .build();
    Engines.assertSame(p, Map.of(), Map.of());
  }

  /** Let bindings shadow and are restored; a block's declarations end with it. */
  @Test
  void letShadowingAndScopes() {
    Stmt body = loop("i", 3, new Let("t", mul(idx("i"), i(2)), Stmt.block(
        new Let("t", add(idx("t"), i(1)), new Store("y", idx("t"), new Cast(F32, idx("t")))),
        new Store("y", idx("t"), new Cast(F32, sub(i(0), idx("t")))),
        Stmt.block(new Declare("v", F32, f(3)), new Assign("v", mul(new Var("v", F32), f(2))), new Store("z", idx("i"), new Var("v", F32))),
        Stmt.block(new Declare("v", I64, new LongConst(7)), new Store("w", idx("i"), new Var("v", I64))))));
    LoopProgram p = Programs.named("scopes").output("y", F32, 6).output("z", F32, 3).output("w", I64, 3).kernel("k", body).build();
    Engines.assertSame(p, Map.of(), Map.of());
  }

  @Test
  void ifWithAndWithoutElse() {
    Stmt body = loop("i", 6, Stmt.block(
        new If(lt(x(idx("i")), f(0)), new Store("y", idx("i"), new Unary(UnOp.NEG, x(idx("i")))), new Store("y", idx("i"), x(idx("i")))),
        new If(new Binary(BinOp.EQ, new Binary(BinOp.MOD, idx("i"), i(2)), i(0)), new Store("z", idx("i"), f(1)), Stmt.nothing())));
    LoopProgram p = Programs.named("ifs").input("x", F32, 6).output("y", F32, 6).output("z", F32, 6).kernel("k", body).build();
    Engines.assertSame(p, Map.of("x", floats(6)), Map.of());
  }

  /** int64 buffers, arithmetic and indices computed from them. */
  @Test
  void int64Gather() {
    Stmt body = loop("i", 4, new Let("j", new Cast(I32, new Binary(BinOp.MOD, new Load("ix", idx("i"), I64), new LongConst(5))),
        Stmt.block(new Store("y", idx("i"), x(idx("j"))),
            new Store("n", idx("i"), new Binary(BinOp.MUL, new Load("ix", idx("i"), I64), new LongConst(1L << 33))))));
    LoopProgram p = Programs.named("gather").input("x", F32, 5).input("ix", I64, 4).output("y", F32, 4).output("n", I64, 4).kernel("k", body).build();
    Engines.assertSame(p, Map.of("x", floats(5), "ix", Tensor.ofLongs(Shape.of(4), new long[] {3, -1, 12, Long.MAX_VALUE})), Map.of());
  }

  /** A check that holds does nothing; one that fails is a user error with the interpreter's message. */
  @Test
  void checks() {
    Expr ix = new Load("ix", idx("i"), I64);
    Stmt body = loop("i", 3, new Let("j", new Cast(I32, ix), Stmt.block(
        new Check(new Binary(BinOp.AND, new Binary(BinOp.GE, idx("j"), i(0)), new Binary(BinOp.LT, idx("j"), i(5))),
            "embedding: index out of range [0, 5)", ix),
        new Check(new Binary(BinOp.NE, x(idx("j")), f(99)), "float", x(idx("j"))),
        new Store("y", idx("i"), x(idx("j"))))));
    LoopProgram p = Programs.named("checks").input("x", F32, 5).input("ix", I64, 3).output("y", F32, 3).kernel("k", body).build();
    Engines.assertSame(p, Map.of("x", floats(5), "ix", Tensor.ofLongs(Shape.of(3), new long[] {0, 4, 2})), Map.of());
    assertNull(Engines.assertSame(p, Map.of("x", floats(5), "ix", Tensor.ofLongs(Shape.of(3), new long[] {0, 7, 2})), Map.of()));
    UserException e = assertThrows(UserException.class, () -> JvmBackend.compile(p, Map.of())
        .run(Map.of("x", floats(5), "ix", Tensor.ofLongs(Shape.of(3), new long[] {1, 2, -3}))));
    assertEquals("embedding: index out of range [0, 5) (got -3)", e.getMessage());
    Tensor nan = Tensor.of(Shape.of(5), new float[] {99, 0, 0, 0, 0});
    assertNull(Engines.assertSame(p, Map.of("x", nan, "ix", Tensor.ofLongs(Shape.of(3), new long[] {0, 1, 2})), Map.of()));
  }

  /** 0-d buffers: a scalar input, weight and output. */
  @Test
  void scalarBuffers() {
    LoopProgram p = Programs.named("scalar").input("s", F32).weight("w", F32).output("y", F32)
        .kernel("k", new Store("y", i(0), mul(new Load("s", i(0), F32), new Load("w", i(0), F32)))).build();
    Engines.assertSame(p, Map.of("s", Tensor.scalar(3)), Map.of("w", Tensor.scalar(-0.5f)));
  }

  /** Temporaries pass values between kernels; weights are read in place. */
  @Test
  void temporariesAndWeights() {
    LoopProgram p = Programs.named("chain").input("x", F32, 4).weight("w", F32, 4).temp("t", F32, 4).output("y", F32, 4)
        .kernel("mul", loop("i", 4, new Store("t", idx("i"), mul(x(idx("i")), new Load("w", idx("i"), F32)))))
        .kernel("relu", loop("i", 4, new Store("y", idx("i"), new Binary(BinOp.MAX, new Load("t", idx("i"), F32), f(0)))))
        .build();
    Engines.assertSame(p, Map.of("x", floats(4)), Map.of("w", floats(4)));
  }

  /** Outputs that are an input, a weight, or the same buffer twice come back as separate copies. */
  @Test
  void aliasedOutputs() {
    LoopProgram p = Programs.named("alias").input("x", F32, 2).weight("w", F32, 2).output("y", F32, 2)
        .outputOf("x_again", "x").outputOf("w_again", "w").outputOf("y_again", "y")
        .kernel("k", loop("i", 2, new Store("y", idx("i"), x(idx("i"))))).build();
    Tensor x = floats(2), w = floats(2);
    Map<String, Tensor> out = JvmBackend.compile(p, Map.of("w", w)).run(Map.of("x", x));
    Engines.assertSame(p, Map.of("x", x), Map.of("w", w));
    assertNotSame(x.floats(), out.get("x_again").floats());
    assertNotSame(w.floats(), out.get("w_again").floats());
    assertNotSame(out.get("y").floats(), out.get("y_again").floats());
  }
}
