package dev.tnet.codegen.jvm;

import dev.tnet.ir.loop.Stmt.Loop;
import org.objectweb.asm.ClassVisitor;

/** Vector API code for VECTOR loops (not yet: every loop runs scalar). */
final class VectorEmitter {
  private VectorEmitter() {}

  static void emitFields(ClassPlan plan, ClassVisitor cv) {}

  static boolean tryEmit(MethodEmitter e, Loop l) {
    return false;
  }
}
