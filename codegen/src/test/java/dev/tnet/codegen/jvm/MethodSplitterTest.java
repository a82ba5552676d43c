package dev.tnet.codegen.jvm;

import static dev.tnet.ir.loop.Expr.add;
import static dev.tnet.ir.loop.Expr.f;
import static dev.tnet.ir.loop.Expr.i;
import static dev.tnet.ir.loop.Expr.idx;
import static dev.tnet.ir.loop.Expr.mul;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.Expr.*;
import dev.tnet.ir.loop.LoopProgram;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.loop.Stmt.*;
import dev.tnet.runtime.CompilerBug;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.MethodModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kernels too big for one JIT-compilable method are split into several, with the same results. */
class MethodSplitterTest {
  static final ScalarType F32 = ScalarType.F32;

  static Tensor ramp(int n) {
    float[] v = new float[n];
    for (int k = 0; k < n; k++) v[k] = (k % 13) * 0.37f - 2;
    return Tensor.of(Shape.of(n), v);
  }

  /** The bytecode size of every method of a class file, read back with the JDK's class-file API. */
  static Map<String, Integer> codeSizes(byte[] classFile) {
    Map<String, Integer> sizes = new LinkedHashMap<>();
    for (MethodModel m : ClassFile.of().parse(classFile).methods()) {
      m.findAttribute(Attributes.code()).ifPresent(c -> sizes.put(m.methodName().stringValue(), c.codeLength()));
    }
    return sizes;
  }

  /** Checks the class, that every kernel method fits the limit, and that it was split. */
  static void assertSplitAndSame(LoopProgram p, Map<String, Tensor> inputs) {
    for (JvmBackend.Options o : Engines.VARIANTS) {
      Map<String, Integer> sizes = codeSizes(Engines.checkedClass(p, o));
      sizes.forEach((m, size) -> assertTrue(m.equals("execute") || size <= MethodSplitter.HUGE_METHOD_LIMIT, m + " has " + size + " bytes"));
      assertTrue(sizes.keySet().stream().anyMatch(m -> m.matches("k0_.*\\$\\d+")), "split into parts: " + sizes);
    }
    Engines.assertSame(p, inputs, Map.of());
  }

  @Test
  void longBlockOfStores() {
    List<Stmt> stores = new ArrayList<>();
    for (int k = 0; k < 3000; k++) {
      stores.add(new Store("y", i(k), add(mul(new Load("x", i((k * 7) % 3000), F32), f(k * 0.5f)), f(1))));
    }
    LoopProgram p = Programs.named("stores").input("x", F32, 3000).output("y", F32, 3000).kernel("unrolled", new Block(stores)).build();
    assertSplitAndSame(p, Map.of("x", ramp(3000)));
  }

  @Test
  void hugeExpression() {
    Expr sum = f(0);
    for (int k = 0; k < 2500; k++) sum = add(sum, mul(new Load("x", add(idx("r"), i(k)), F32), f(1 + k % 5)));
    LoopProgram p = Programs.named("sum").input("x", F32, 2503).output("y", F32, 4)
        .kernel("wide_sum", new Loop("r", 4, Loop.Kind.PARALLEL, new Store("y", idx("r"), sum))).build();
    assertSplitAndSame(p, Map.of("x", ramp(2503)));
  }

  /** Parts that assign one accumulator of the kernel return its new value. */
  @Test
  void accumulatorsInAnUnrolledLoop() {
    List<Stmt> body = new ArrayList<>();
    body.add(new Declare("acc", F32, f(0)));
    body.add(new Declare("other", F32, f(1)));
    for (int k = 0; k < 700; k++) {
      Expr v = new Load("x", new Binary(BinOp.MOD, add(idx("i"), i(k)), i(64)), F32);
      body.add(k % 3 == 0 ? new Assign("other", new Binary(BinOp.MAX, new Var("other", F32), v))
          : new Assign("acc", add(new Var("acc", F32), mul(v, f(k)))));
    }
    body.add(new Store("y", idx("i"), add(new Var("acc", F32), new Var("other", F32))));
    LoopProgram p = Programs.named("acc").input("x", F32, 64).output("y", F32, 64)
        .kernel("unrolled_dot", new Loop("i", 64, Loop.Kind.PARALLEL, new Block(body))).build();
    assertSplitAndSame(p, Map.of("x", ramp(64)));
  }

  /** Thousands of live variables cannot be split into methods: a compiler bug naming the kernel. */
  @Test
  void unsplittableKernelFailsNamingIt() {
    List<Stmt> body = new ArrayList<>();
    for (int k = 0; k < 3000; k++) body.add(new Declare("v" + k, F32, f(k)));
    Expr sum = f(0);
    for (int k = 2999; k >= 0; k -= 7) sum = add(new Var("v" + k, F32), sum);
    body.add(new Store("y", i(0), sum));
    LoopProgram p = Programs.named("live").output("y", F32, 1).kernel("too_many_locals", new Block(body)).build();
    CompilerBug e = assertThrows(CompilerBug.class, () -> JvmBackend.classBytes(p, "T", new JvmBackend.Options(1, false)));
    assertTrue(e.getMessage().contains("kernel too_many_locals") && e.getMessage().contains("HugeMethodLimit"), e.getMessage());
  }
}
