package dev.tnet.codegen.jvm;

import static dev.tnet.ir.loop.Expr.add;
import static dev.tnet.ir.loop.Expr.f;
import static dev.tnet.ir.loop.Expr.i;
import static dev.tnet.ir.loop.Expr.idx;
import static dev.tnet.ir.loop.Expr.mul;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.Expr.*;
import dev.tnet.ir.loop.LoopProgram;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.loop.Stmt.*;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.UserException;
import dev.tnet.runtime.model.CompiledModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** PARALLEL loops run in chunks on the worker pool, with the serial results. */
class ParallelLoopTest {
  static final ScalarType F32 = ScalarType.F32;
  /** Three threads, every parallel loop split however small (test programs are tiny). */
  static final JvmBackend.Options THREE = new JvmBackend.Options(3, false).splitAll();

  static Tensor ramp(int n) {
    float[] v = new float[n];
    for (int k = 0; k < n; k++) v[k] = k * 0.25f - 3;
    return Tensor.of(Shape.of(n), v);
  }

  static Loop par(String var, int extent, Stmt body) {
    return new Loop(var, extent, Loop.Kind.PARALLEL, body);
  }

  /** Chunks take the variables bound around the loop (i32, i64, f32, bool) as arguments. */
  @Test
  void chunksCaptureOuterVariables() {
    Stmt body = new Let("off", i(3), new Let("big", new LongConst(1L << 40), new Let("scale", f(0.5f),
        new Let("flag", new Binary(BinOp.GT, new Load("x", i(0), F32), f(-100)),
            par("i", 17, new Store("y", idx("i"), new Select(new Var("flag", ScalarType.BOOL),
                add(mul(new Load("x", add(idx("i"), idx("off")), F32), new Var("scale", F32)),
                    new Cast(F32, new Var("big", ScalarType.I64))), f(0))))))));
    LoopProgram p = Programs.named("capture").input("x", F32, 20).output("y", F32, 17).kernel("k", body).build();
    Engines.assertSame(p, Map.of("x", ramp(20)), Map.of());
    assertTrue(JvmBackend.dump(p, THREE).contains("k0_k$par0([F[FZIFJII)V")); // flag, off, scale, big
  }

  /** Extents below, at and above the thread count; extent 1 and 0 are not dispatched. */
  @Test
  void extentsAroundTheThreadCount() {
    for (int n : new int[] {0, 1, 2, 3, 4, 7, 100}) {
      LoopProgram p = Programs.named("n" + n).input("x", F32, Math.max(n, 1)).output("y", F32, Math.max(n, 1))
          .kernel("k", par("i", n, new Store("y", idx("i"), mul(new Load("x", idx("i"), F32), f(2))))).build();
      Engines.assertSame(p, Map.of("x", ramp(Math.max(n, 1))), Map.of());
      assertEquals(n > 1, JvmBackend.dump(p, THREE).contains("forRange"), "extent " + n);
    }
  }

  /**
   * With the default options a parallel loop whose work (extent times body size) is below
   * {@link JvmBackend.Options#PARALLEL_MIN_WORK} runs serially, inline; a bigger one is split.
   */
  @Test
  void smallLoopsRunSeriallyByDefault() {
    JvmBackend.Options defaults = new JvmBackend.Options(3, false);
    for (int n : new int[] {100, 1 << 16}) {
      LoopProgram p = Programs.named("w" + n).input("x", F32, n).output("y", F32, n)
          .kernel("k", par("i", n, new Store("y", idx("i"), mul(new Load("x", idx("i"), F32), f(2))))).build();
      assertEquals(n * ClassPlan.work(((Loop) p.kernels().getFirst().body()).body()) >= JvmBackend.Options.PARALLEL_MIN_WORK,
          JvmBackend.dump(p, defaults).contains("forRange"), "extent " + n);
      assertEquals(n > 1000, JvmBackend.dump(p, defaults).contains("forRange"), "extent " + n);
      Tensor x = ramp(n);
      CompiledModel m = JvmBackend.compile(p, Map.of(), defaults);
      assertEquals(m.run(Map.of("x", x)).get("y"), JvmBackend.compile(p, Map.of(), new JvmBackend.Options(1, false)).run(Map.of("x", x)).get("y"));
    }
  }

  /** A parallel loop that assigns a kernel variable is not independent: it runs serially. */
  @Test
  void loopAssigningOuterVariableRunsSerially() {
    Stmt body = Stmt.block(new Declare("acc", F32, f(0)),
        par("i", 10, new Assign("acc", add(new Var("acc", F32), new Load("x", idx("i"), F32)))),
        new Store("y", i(0), new Var("acc", F32)));
    LoopProgram p = Programs.named("sum").input("x", F32, 10).output("y", F32, 1).kernel("k", body).build();
    Engines.assertSame(p, Map.of("x", ramp(10)), Map.of());
    assertFalse(JvmBackend.dump(p, THREE).contains("forRange"));
  }

  /** Only loops outside every other loop are dispatched; nested ones run in their chunk. */
  @Test
  void nestedParallelLoopsRunInsideTheirChunk() {
    Stmt body = par("r", 6, par("c", 5, new Store("y", add(mul(idx("r"), i(5)), idx("c")),
        new Load("x", add(mul(idx("c"), i(6)), idx("r")), F32))));
    LoopProgram p = Programs.named("transpose").input("x", F32, 30).output("y", F32, 30).kernel("k", body).build();
    Engines.assertSame(p, Map.of("x", ramp(30)), Map.of());
    String text = JvmBackend.dump(p, THREE);
    assertTrue(text.contains("$par0") && !text.contains("$par1"), text);
  }

  /** A failed check in a worker's chunk reaches the caller as the same user error. */
  @Test
  void checkFailureInAChunk() {
    Expr v = new Load("x", idx("i"), F32);
    LoopProgram p = Programs.named("check").input("x", F32, 40).output("y", F32, 40)
        .kernel("k", par("i", 40, Stmt.block(new Check(new Binary(BinOp.LT, v, f(10)), "too big", v), new Store("y", idx("i"), v))))
        .build();
    Tensor x = ramp(40);
    x.floats()[37] = 12;
    x.floats()[38] = 13; // the first failing iteration is reported, as in a serial run
    UserException e = assertThrows(UserException.class, () -> JvmBackend.compile(p, Map.of(), THREE).run(Map.of("x", x)));
    assertEquals("too big (got 12.0)", e.getMessage());
    Engines.assertSame(p, Map.of("x", x), Map.of());
  }

  /** Concurrent runs of one model share nothing but weights and pool: each gets its own results. */
  @Test
  void concurrentRunsAreIndependent() throws Exception {
    LoopProgram p = Programs.named("conc").input("x", F32, 64).weight("w", F32, 64).temp("t", F32, 64).output("y", F32, 64)
        .kernel("a", par("i", 64, new Store("t", idx("i"), mul(new Load("x", idx("i"), F32), new Load("w", idx("i"), F32)))))
        .kernel("b", par("i", 64, new Store("y", idx("i"), add(new Load("t", idx("i"), F32), f(1)))))
        .build();
    Tensor w = ramp(64);
    CompiledModel m = JvmBackend.compile(p, Map.of("w", w), THREE);
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 40; t++) {
        float s = t;
        results.add(callers.submit(() -> {
          float[] xs = new float[64];
          for (int k = 0; k < 64; k++) xs[k] = s + k;
          float[] y = m.run(Map.of("x", Tensor.of(Shape.of(64), xs))).get("y").floats();
          for (int k = 0; k < 64; k++) if (y[k] != xs[k] * w.floats()[k] + 1) return false;
          return true;
        }));
      }
      for (Future<Boolean> f : results) assertTrue(f.get());
    } finally {
      callers.shutdownNow();
    }
  }
}
