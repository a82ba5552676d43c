package dev.tnet.codegen.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tnet.ir.loop.LoopInterpreter;
import dev.tnet.ir.loop.LoopProgram;
import dev.tnet.runtime.DType;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.UserException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

/** Runs a program through the interpreter and the JVM backend and checks they agree exactly. */
final class Engines {
  /**
   * Serial scalar, parallel scalar, serial vector, parallel vector. The parallel variants split
   * every parallel loop however small ({@link JvmBackend.Options#splitAll}), as test programs are
   * below the default work threshold.
   */
  static final List<JvmBackend.Options> VARIANTS = List.of(new JvmBackend.Options(1, false),
      new JvmBackend.Options(3, false).splitAll(), new JvmBackend.Options(1, true), new JvmBackend.Options(3, true).splitAll());

  private Engines() {}

  /** The class file for {@code p}, after ASM's CheckClassAdapter found nothing wrong with it. */
  static byte[] checkedClass(LoopProgram p, JvmBackend.Options o) {
    byte[] bytes = JvmBackend.classBytes(p, JvmBackend.JIT_PACKAGE + JvmBackend.className(p), o);
    check(bytes);
    return bytes;
  }

  static void check(byte[] classFile) {
    StringWriter problems = new StringWriter();
    CheckClassAdapter.verify(new ClassReader(classFile), Engines.class.getClassLoader(), false, new PrintWriter(problems));
    if (!problems.toString().isEmpty()) fail("CheckClassAdapter: " + problems + "\n" + JvmBackend.textify(classFile));
  }

  /**
   * Asserts that every backend variant gives the interpreter's outputs bit for bit, or the same
   * user error; returns the interpreter's outputs (null if it failed).
   */
  static Map<String, Tensor> assertSame(LoopProgram p, Map<String, Tensor> inputs, Map<String, Tensor> weights) {
    Map<String, Tensor> want;
    try {
      want = LoopInterpreter.run(p, inputs, weights);
    } catch (UserException e) {
      for (JvmBackend.Options o : VARIANTS) {
        checkedClass(p, o);
        UserException got = assertThrows(UserException.class, () -> JvmBackend.compile(p, weights, o).run(inputs), o.toString());
        assertEquals(e.getMessage(), got.getMessage(), o.toString());
      }
      return null;
    }
    for (JvmBackend.Options o : VARIANTS) {
      checkedClass(p, o);
      assertBitIdentical(want, JvmBackend.compile(p, weights, o).run(inputs), o + "\n" + p);
    }
    return want;
  }

  /** Same names, dtypes, shapes and element bits (all NaNs count as one). */
  static void assertBitIdentical(Map<String, Tensor> want, Map<String, Tensor> got, String context) {
    assertEquals(List.copyOf(want.keySet()), List.copyOf(got.keySet()), "output names: " + context);
    want.forEach((name, w) -> {
      Tensor g = got.get(name);
      assertEquals(w.dtype(), g.dtype(), name);
      assertEquals(w.shape(), g.shape(), name);
      for (int i = 0; i < w.size(); i++) {
        if (w.dtype() == DType.I64) {
          if (w.longs()[i] != g.longs()[i]) fail(name + "[" + i + "]: want " + w.longs()[i] + ", got " + g.longs()[i] + "\n" + context);
        } else if (Float.floatToIntBits(w.floats()[i]) != Float.floatToIntBits(g.floats()[i])) {
          fail(name + "[" + i + "]: want " + w.floats()[i] + ", got " + g.floats()[i] + "\n" + context);
        }
      }
    });
  }
}
