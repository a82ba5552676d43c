package dev.tnet.ir.pass;

import static dev.tnet.ir.loop.Expr.add;
import static dev.tnet.ir.loop.Expr.i;
import static dev.tnet.ir.loop.Expr.idx;
import static dev.tnet.ir.loop.Expr.mul;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tnet.ir.loop.Buffer;
import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.Kernel;
import dev.tnet.ir.loop.LoopProgram;
import dev.tnet.ir.loop.LoopVerifier;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.loop.Stmt.Loop;
import dev.tnet.runtime.Shape;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What Parallelize and Vectorize mark, and what they must leave alone. */
class PassesTest {
  static LoopProgram program(Stmt body) {
    Map<String, Buffer> buffers = Map.of(
        "x", new Buffer("x", ScalarType.F32, Shape.of(8, 16), Buffer.Role.INPUT),
        "y", new Buffer("y", ScalarType.F32, Shape.of(8, 16), Buffer.Role.OUTPUT));
    return LoopVerifier.verify(new LoopProgram("t", new java.util.TreeMap<>(buffers), List.of(new Kernel("k", "test", body)),
        Map.of("x", "x"), Map.of(), Map.of("y", "y")));
  }

  static Expr x(Expr index) {
    return new Expr.Load("x", index, ScalarType.F32);
  }

  static Expr y(Expr index) {
    return new Expr.Load("y", index, ScalarType.F32);
  }

  static Loop loop(String v, int n, Stmt body) {
    return new Loop(v, n, Loop.Kind.SERIAL, body);
  }

  static Loop.Kind kindOf(Stmt s) {
    return ((Loop) s).kind();
  }

  static Loop inner(LoopProgram p) {
    return (Loop) ((Loop) p.kernels().get(0).body()).body();
  }

  @Test
  void rowsOfAPointwiseMapRunInParallelAndItsColumnsAsVectors() {
    Expr at = add(mul(idx("r"), i(16)), idx("c"));
    LoopProgram p = program(loop("r", 8, loop("c", 16, new Stmt.Store("y", at, x(at)))));
    LoopProgram q = Vectorize.run(Parallelize.run(p));
    LoopVerifier.verify(q);
    assertEquals(Loop.Kind.PARALLEL, kindOf(q.kernels().get(0).body()));
    assertEquals(Loop.Kind.VECTOR, inner(q).kind());
  }

  @Test
  void aRecurrenceAlongTheRowStaysSerial() {
    // y[r, c] = y[r, c - 1] + x[r, c] for c >= 1: lanes would depend on each other.
    Expr at = add(mul(idx("r"), i(16)), idx("c"));
    Expr prev = add(mul(idx("r"), i(16)), new Expr.Binary(Expr.BinOp.SUB, idx("c"), i(1)));
    Stmt body = new Stmt.If(Expr.ge(idx("c"), i(1)), new Stmt.Store("y", at, add(y(prev), x(at))), new Stmt.Store("y", at, x(at)));
    LoopProgram q = Vectorize.run(Parallelize.run(program(loop("r", 8, loop("c", 16, body)))));
    // Rows are independent too, but proving it needs the guard c >= 1, which Parallelize does not
    // use: it is conservative and leaves the loop serial.
    assertEquals(Loop.Kind.SERIAL, kindOf(q.kernels().get(0).body()));
    assertEquals(Loop.Kind.SERIAL, inner(q).kind());
  }

  @Test
  void aReductionIntoAnOuterLocalIsNeitherParallelNorVector() {
    // for r: acc = 0; for c: acc += x[r, c]; y[r, 0] = acc   — the c loop carries acc.
    String acc = "acc";
    Stmt inner = loop("c", 16, new Stmt.Assign(acc, add(new Expr.Var(acc, ScalarType.F32), x(add(mul(idx("r"), i(16)), idx("c"))))));
    Stmt row = Stmt.block(new Stmt.Declare(acc, ScalarType.F32, Expr.f(0)), inner,
        new Stmt.Store("y", mul(idx("r"), i(16)), new Expr.Var(acc, ScalarType.F32)));
    LoopProgram q = Vectorize.run(Parallelize.run(program(loop("r", 8, row))));
    assertEquals(Loop.Kind.PARALLEL, kindOf(q.kernels().get(0).body()), "each row owns its accumulator");
    Loop c = (Loop) ((Stmt.Block) ((Loop) q.kernels().get(0).body()).body()).stmts().get(1);
    assertEquals(Loop.Kind.SERIAL, c.kind());
  }

  @Test
  void writesThatOverlapAcrossRowsStaySerial() {
    // y[r * 15 + c] overlaps between consecutive rows (15 < 16 columns).
    Expr at = add(mul(idx("r"), i(15)), idx("c"));
    LoopProgram q = Parallelize.run(program(loop("r", 8, loop("c", 16, new Stmt.Store("y", at, Expr.f(1))))));
    assertEquals(Loop.Kind.SERIAL, kindOf(q.kernels().get(0).body()));
  }

  @Test
  void nestedRowMajorIndicesAreRecognised() {
    // y[((r * 4 + a) * 4 + b)] over an [8, 4, 4] view of the 8 x 16 buffer.
    Expr at = add(mul(add(mul(idx("r"), i(4)), idx("a")), i(4)), idx("b"));
    LoopProgram q = Parallelize.run(program(loop("r", 8, loop("a", 4, loop("b", 4, new Stmt.Store("y", at, x(at)))))));
    assertEquals(Loop.Kind.PARALLEL, kindOf(q.kernels().get(0).body()));
    assertEquals(16L, Parallelize.coefficient(at, "r"));
    assertEquals(null, Parallelize.coefficient(mul(idx("r"), idx("r")), "r"), "not linear");
  }
}
