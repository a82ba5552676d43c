package dev.tnet.codegen.jvm;

import static dev.tnet.ir.loop.Expr.add;
import static dev.tnet.ir.loop.Expr.f;
import static dev.tnet.ir.loop.Expr.i;
import static dev.tnet.ir.loop.Expr.idx;
import static dev.tnet.ir.loop.Expr.mul;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tnet.ir.loop.Expr.Load;
import dev.tnet.ir.loop.LoopProgram;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.ir.loop.Stmt.Loop;
import dev.tnet.ir.loop.Stmt.Store;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.model.CompiledModel;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Intermediate buffers live in reused arenas, shared by buffers whose lifetimes do not overlap. */
class ArenaTest {
  static final ScalarType F32 = ScalarType.F32;

  /**
   * {@code a} (kernels 0-1) and {@code b} (kernels 2-3) share an array; kernel 2 writes only the
   * even elements of {@code b}, so the odd ones must read as zero, not as {@code a}'s values or
   * the last call's.
   */
  static LoopProgram chain() {
    return Programs.named("arena").input("x", F32, 8).temp("a", F32, 8).temp("c", F32, 8).temp("b", F32, 8).output("y", F32, 8)
        .kernel("k0", new Loop("i", 8, Loop.Kind.SERIAL, new Store("a", idx("i"), mul(new Load("x", idx("i"), F32), f(2)))))
        .kernel("k1", new Loop("i", 8, Loop.Kind.SERIAL, new Store("c", idx("i"), add(new Load("a", idx("i"), F32), f(1)))))
        .kernel("k2", new Loop("i", 4, Loop.Kind.SERIAL, new Store("b", mul(idx("i"), i(2)), new Load("c", mul(idx("i"), i(2)), F32))))
        .kernel("k3", new Loop("i", 8, Loop.Kind.SERIAL,
            new Store("y", idx("i"), add(new Load("b", idx("i"), F32), new Load("c", idx("i"), F32)))))
        .build();
  }

  @Test
  void buffersWithDisjointLifetimesShareAnArray() {
    ClassPlan plan = ClassPlan.of(chain(), "T", new JvmBackend.Options(1, false));
    assertEquals(2, plan.arena().size());
    assertEquals(plan.arenaIndex("a"), plan.arenaIndex("b"));
    assertEquals(false, plan.needsZero("a")); // every element stored once, nothing read first
    assertEquals(true, plan.needsZero("b")); // only the even elements stored
  }

  @Test
  void everyCallSeesZeroedBuffers() {
    LoopProgram p = chain();
    for (JvmBackend.Options o : Engines.VARIANTS) {
      CompiledModel m = JvmBackend.compile(p, Map.of(), o);
      for (int call = 0; call < 3; call++) {
        float[] x = new float[8];
        for (int k = 0; k < 8; k++) x[k] = k * 1.5f - call * 7;
        Map<String, Tensor> in = Map.of("x", Tensor.of(Shape.of(8), x));
        Engines.assertBitIdentical(Engines.assertSame(p, in, Map.of()), m.run(in), o + " call " + call);
      }
    }
  }
}
