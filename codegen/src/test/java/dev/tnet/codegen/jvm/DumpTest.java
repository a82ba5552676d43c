package dev.tnet.codegen.jvm;

import static dev.tnet.ir.loop.Expr.add;
import static dev.tnet.ir.loop.Expr.idx;
import static dev.tnet.ir.loop.Expr.mul;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.LoopProgram;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.loop.Stmt.*;
import org.junit.jupiter.api.Test;

/** {@link JvmBackend#dump} shows the generated class as ASM's Textifier prints it. */
class DumpTest {
  /** {@code y = relu(x * w + b)} over 4 rows of 8, the rows in parallel. */
  static LoopProgram affineRelu(Loop.Kind outer) {
    Expr xi = new Expr.Load("x", add(mul(idx("r"), Expr.i(8)), idx("c")), ScalarType.F32);
    Expr v = add(mul(xi, new Expr.Load("w", idx("c"), ScalarType.F32)), new Expr.Load("b", idx("c"), ScalarType.F32));
    return Programs.named("affine").input("x", ScalarType.F32, 4, 8).weight("w", ScalarType.F32, 8).weight("b", ScalarType.F32, 8)
        .output("y", ScalarType.F32, 4, 8)
        .kernel("affine_relu", new Loop("r", 4, outer, new Loop("c", 8, Loop.Kind.SERIAL,
            new Store("y", add(mul(idx("r"), Expr.i(8)), idx("c")), new Expr.Binary(Expr.BinOp.MAX, v, Expr.f(0))))))
        .build();
  }

  @Test
  void dumpShowsKernelsAndDispatch() {
    String text = JvmBackend.dump(affineRelu(Loop.Kind.PARALLEL), new JvmBackend.Options(2, false).splitAll());
    if (Boolean.getBoolean("tnet.test.print")) System.out.println(text);
    assertTrue(text.contains("extends dev/tnet/runtime/model/GeneratedModel"), text);
    assertTrue(text.contains("private static k0_affine_relu(Ldev/tnet/runtime/model/WorkerPool;[F[F[F[F)V"), text);
    assertTrue(text.contains("private static k0_affine_relu$par0([F[F[F[FII)V"), text);
    assertTrue(text.contains("INVOKEVIRTUAL dev/tnet/runtime/model/WorkerPool.forRange"), text);
    assertTrue(text.contains("INVOKESTATIC java/lang/Math.max (FF)F"), text);
    String serial = JvmBackend.dump(affineRelu(Loop.Kind.PARALLEL), new JvmBackend.Options(1, false));
    assertTrue(!serial.contains("forRange") && serial.contains("private static k0_affine_relu([F[F[F[F)V"), serial);
  }
}
