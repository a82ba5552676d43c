package dev.tnet.codegen.jvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnet.ir.graph.GraphBuilder;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.loop.LoopProgram;
import dev.tnet.ir.loop.Stmt.Loop;
import dev.tnet.ir.lower.Lowering;
import dev.tnet.runtime.DType;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.UserException;
import dev.tnet.runtime.kernel.Library;
import dev.tnet.runtime.model.CompiledModel;
import dev.tnet.runtime.model.IoSpec;
import dev.tnet.runtime.model.ModelClassLoader;
import dev.tnet.runtime.model.TnetVersion;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@link CompiledModel} contract of generated classes: signature, input checks, fresh outputs. */
class CompiledModelTest {
  static final LoopProgram AFFINE = DumpTest.affineRelu(Loop.Kind.PARALLEL);
  static final Map<String, Tensor> WEIGHTS = Map.of("w", Tensor.of(Shape.of(8), new float[] {1, 2, 3, 4, 5, 6, 7, 8}),
      "b", Tensor.of(Shape.of(8), new float[] {0, -1, 0, -1, 0, -1, 0, -1}));

  static Tensor x() {
    float[] v = new float[32];
    for (int k = 0; k < 32; k++) v[k] = k - 10;
    return Tensor.of(Shape.of(4, 8), v);
  }

  /** Each compiled model loads in a loader of its own, with its own copy of the kernel library. */
  @Test
  void eachModelHasItsOwnKernelLibrary() throws Exception {
    GraphBuilder b = new GraphBuilder("pool");
    String x = b.input("x", TensorType.f32(1, 1, 2, 4));
    b.output("y", b.call("max_pool2d", Map.of("kernel_size", 2, "stride", 2), x));
    LoopProgram p = Lowering.lower(b.build(), Map.of("x", Shape.of(1, 1, 2, 4)));
    assertTrue(p.toString().contains("library max_pool2d("), p.toString());
    Tensor in = Tensor.of(Shape.of(1, 1, 2, 4), new float[] {1, 5, -2, 0, 3, 4, -1, -3});
    CompiledModel one = JvmBackend.compile(p, Map.of()), two = JvmBackend.compile(p, Map.of());
    for (CompiledModel m : List.of(one, two)) {
      assertArrayEquals(new float[] {5, 0}, m.run(Map.of("x", in)).get("y").floats());
    }
    ClassLoader a = one.getClass().getClassLoader(), c = two.getClass().getClassLoader();
    assertInstanceOf(ModelClassLoader.class, a);
    assertNotSame(a, c);
    Class<?> libraryA = a.loadClass(Library.class.getName());
    assertNotSame(Library.class, libraryA);
    assertNotSame(libraryA, c.loadClass(Library.class.getName()));
  }

  /**
   * A dropped model can be unloaded with its kernel copy after running them: no thread that ran it
   * keeps its loader (a per-model copy of the kernels' thread-local scratch arrays would).
   */
  @Test
  void aDroppedModelIsUnloaded() throws InterruptedException {
    WeakReference<ClassLoader> loader = runOnceAndDrop();
    for (int i = 0; i < 50 && loader.get() != null; i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertNull(loader.get(), "the dropped model's class loader is still reachable");
  }

  private static WeakReference<ClassLoader> runOnceAndDrop() {
    GraphBuilder b = new GraphBuilder("pool");
    String x = b.input("x", TensorType.f32(1, 2, 4, 24));
    b.output("y", b.call("max_pool2d", Map.of("kernel_size", 3, "stride", 2), x));
    CompiledModel m = JvmBackend.compile(Lowering.lower(b.build(), Map.of("x", Shape.of(1, 2, 4, 24))), Map.of());
    m.run(Map.of("x", Tensor.zeros(Shape.of(1, 2, 4, 24))));
    return new WeakReference<>(m.getClass().getClassLoader());
  }

  @Test
  void signature() {
    CompiledModel m = JvmBackend.compile(AFFINE, WEIGHTS);
    assertEquals(List.of(new IoSpec("x", DType.F32, Shape.of(4, 8))), m.inputs());
    assertEquals(List.of(new IoSpec("y", DType.F32, Shape.of(4, 8))), m.outputs());
  }

  @Test
  void inputsAreCheckedByName() {
    CompiledModel m = JvmBackend.compile(AFFINE, WEIGHTS);
    assertEquals("inputs do not match model affine: missing input 'x' f32[4, 8]",
        assertThrows(UserException.class, () -> m.run(Map.of())).getMessage());
    assertEquals("inputs do not match model affine: input 'x' must be f32[4, 8], got f32[8, 4]",
        assertThrows(UserException.class, () -> m.run(Map.of("x", Tensor.zeros(Shape.of(8, 4))))).getMessage());
    assertEquals("inputs do not match model affine: input 'x' must be f32[4, 8], got i64[4, 8]",
        assertThrows(UserException.class, () -> m.run(Map.of("x", Tensor.zeros(DType.I64, Shape.of(4, 8))))).getMessage());
    assertEquals("inputs do not match model affine:\n  missing input 'x' f32[4, 8]\n  unexpected input 'z'",
        assertThrows(UserException.class, () -> m.run(Map.of("z", x()))).getMessage());
  }

  @Test
  void weightsAreCheckedWhenCompiling() {
    UserException e = assertThrows(UserException.class, () -> JvmBackend.compile(AFFINE,
        Map.of("w", Tensor.zeros(Shape.of(9)), "bias", Tensor.zeros(Shape.of(8)))));
    assertEquals("weights do not match model affine:\n  weight 'w' must be f32[8], got f32[9]\n  missing weight 'b' f32[8]\n"
        + "  unexpected weight 'bias'", e.getMessage());
  }

  @Test
  void everyRunReturnsFreshOutputsAndLeavesInputsAlone() {
    CompiledModel m = JvmBackend.compile(AFFINE, WEIGHTS);
    Tensor x = x();
    float[] before = x.floats().clone();
    Tensor y1 = m.run(Map.of("x", x)).get("y"), y2 = m.run(Map.of("x", x)).get("y");
    assertNotSame(y1.floats(), y2.floats());
    assertArrayEquals(y1.floats(), y2.floats());
    assertArrayEquals(before, x.floats());
    assertEquals(0, y1.floats()[0]); // relu(-10 * 1 + 0)
    assertEquals(167, y1.floats()[31]); // 21 * 8 - 1
  }

  /** Model jars record {@link TnetVersion#CURRENT}: it must follow the build's version. */
  @Test
  void runtimeVersionIsTheProjectVersion() {
    assertEquals(System.getProperty("tnet.version"), TnetVersion.CURRENT);
  }

  @Test
  void aProfiledModelCountsEveryKernelCallAndAnUnprofiledOneHasNoProfile() {
    assertEquals(List.of(), JvmBackend.compile(AFFINE, WEIGHTS).profile());
    CompiledModel m = JvmBackend.compile(AFFINE, WEIGHTS, new JvmBackend.Options(2, true).profiled());
    List<String> kernels = AFFINE.kernels().stream().map(dev.tnet.ir.loop.Kernel::name).toList();
    assertEquals(kernels, m.profile().stream().map(dev.tnet.runtime.model.KernelTime::kernel).toList());
    m.profile().forEach(k -> assertEquals(0, k.calls() + k.nanos(), k.toString()));
    Tensor plain = JvmBackend.compile(AFFINE, WEIGHTS).run(Map.of("x", x())).get("y");
    for (int run = 0; run < 3; run++) assertArrayEquals(plain.floats(), m.run(Map.of("x", x())).get("y").floats());
    for (var k : m.profile()) {
      assertEquals(3, k.calls(), k.toString());
      org.junit.jupiter.api.Assertions.assertTrue(k.nanos() > 0, k.toString());
    }
  }
}
