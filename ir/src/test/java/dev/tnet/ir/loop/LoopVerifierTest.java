package dev.tnet.ir.loop;

import static dev.tnet.ir.loop.Expr.i;
import static dev.tnet.ir.loop.Expr.idx;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnet.ir.loop.Expr.BinOp;
import dev.tnet.runtime.CompilerBug;
import dev.tnet.runtime.Shape;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** What the verifier can prove about indices, and what it refuses. */
class LoopVerifierTest {
  static LoopProgram program(Stmt body) {
    Map<String, Buffer> b = new TreeMap<>(Map.of(
        "x", new Buffer("x", ScalarType.F32, Shape.of(10), Buffer.Role.INPUT),
        "y", new Buffer("y", ScalarType.F32, Shape.of(10), Buffer.Role.OUTPUT)));
    return new LoopProgram("t", b, List.of(new Kernel("k", "test", body)), Map.of("x", "x"), Map.of(), Map.of("y", "y"));
  }

  static Stmt copyAt(Expr srcIndex) {
    return new Stmt.Loop("o", 10, Stmt.Loop.Kind.SERIAL, new Stmt.Store("y", idx("o"), new Expr.Load("x", srcIndex, ScalarType.F32)));
  }

  static Expr bin(BinOp op, Expr a, Expr b) {
    return new Expr.Binary(op, a, b);
  }

  @Test
  void clampingAnUnboundedIndexProvesIt() {
    // x[min(max(2 * o - 7, 0), 9)]: the clamp bounds it whatever the inner expression is.
    Expr raw = bin(BinOp.SUB, bin(BinOp.MUL, i(2), idx("o")), i(7));
    assertDoesNotThrow(() -> LoopVerifier.verify(program(copyAt(bin(BinOp.MIN, bin(BinOp.MAX, raw, i(0)), i(9))))));
    Expr fromData = new Expr.Cast(ScalarType.I32, new Expr.Load("x", i(0), ScalarType.F32));
    assertDoesNotThrow(() -> LoopVerifier.verify(program(copyAt(bin(BinOp.MIN, bin(BinOp.MAX, fromData, i(0)), i(9))))));
  }

  @Test
  void theElseBranchKnowsTheConditionFailed() {
    // reflect: i = o - 3; x[i >= 0 ? i : -i]
    Stmt body = new Stmt.Loop("o", 10, Stmt.Loop.Kind.SERIAL, new Stmt.Let("i", bin(BinOp.SUB, idx("o"), i(3)),
        new Stmt.If(Expr.ge(idx("i"), i(0)), new Stmt.Store("y", idx("o"), new Expr.Load("x", idx("i"), ScalarType.F32)),
            new Stmt.Store("y", idx("o"), new Expr.Load("x", new Expr.Unary(Expr.UnOp.NEG, idx("i")), ScalarType.F32)))));
    assertDoesNotThrow(() -> LoopVerifier.verify(program(body)));
  }

  @Test
  void anUnprovableAccessIsACompilerBugNamingIt() {
    CompilerBug e = assertThrows(CompilerBug.class, () -> LoopVerifier.verify(program(copyAt(bin(BinOp.ADD, idx("o"), i(1))))));
    assertTrue(e.getMessage().contains("cannot prove x[o + 1] in bounds: index in [1, 10], size 10"), e.getMessage());
  }
}
