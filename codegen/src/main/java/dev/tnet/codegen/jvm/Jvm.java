package dev.tnet.codegen.jvm;

import dev.tnet.ir.loop.Buffer;
import dev.tnet.ir.loop.LoopProgram;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.runtime.CompilerBug;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** JVM names, descriptors and small instruction helpers shared by the emitters. */
final class Jvm implements Opcodes {
  static final String BASE = "dev/tnet/runtime/model/GeneratedModel";
  static final String POOL = "dev/tnet/runtime/model/WorkerPool";
  static final String RANGE = "dev/tnet/runtime/model/WorkerPool$Range";
  static final String MATH_FNS = "dev/tnet/runtime/MathFns";

  private Jvm() {}

  static String desc(ScalarType t) {
    return switch (t) {
      case I32 -> "I";
      case I64 -> "J";
      case F32 -> "F";
      case BOOL -> "Z";
    };
  }

  static String arrayDesc(Buffer b) {
    return switch (b.type()) {
      case F32 -> "[F";
      case I64 -> "[J";
      default -> throw new CompilerBug("buffer " + b.name() + " has element type " + b.type() + "; only f32 and i64 buffers exist");
    };
  }

  /** The descriptor of a planned method. */
  static String desc(MethodPlan m, LoopProgram p) {
    return "(" + params(m, p) + (m.body() instanceof MethodPlan.Body.Chunk ? "II" : "") + ")"
        + (m.returns() == null ? "V" : desc(m.returns()));
  }

  /** The parameters a caller pushes (everything but a chunk's range). */
  static String params(MethodPlan m, LoopProgram p) {
    StringBuilder sb = new StringBuilder();
    if (m.takesPool()) sb.append('L').append(POOL).append(';');
    for (String b : m.buffers()) sb.append(arrayDesc(p.buffer(b)));
    for (MethodPlan.Param v : m.vars()) sb.append(desc(v.type()));
    return sb.toString();
  }

  /** The number of local slots a value of {@code t} takes. */
  static int width(ScalarType t) {
    return t == ScalarType.I64 ? 2 : 1;
  }

  static int load(ScalarType t) {
    return switch (t) {
      case I64 -> LLOAD;
      case F32 -> FLOAD;
      default -> ILOAD;
    };
  }

  static int store(ScalarType t) {
    return switch (t) {
      case I64 -> LSTORE;
      case F32 -> FSTORE;
      default -> ISTORE;
    };
  }

  static int ret(ScalarType t) {
    return t == null ? RETURN : switch (t) {
      case I64 -> LRETURN;
      case F32 -> FRETURN;
      default -> IRETURN;
    };
  }

  static void pushInt(MethodVisitor mv, int v) {
    if (v >= -1 && v <= 5) mv.visitInsn(ICONST_0 + v);
    else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) mv.visitIntInsn(BIPUSH, v);
    else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) mv.visitIntInsn(SIPUSH, v);
    else mv.visitLdcInsn(v);
  }

  static void pushLong(MethodVisitor mv, long v) {
    if (v == 0 || v == 1) mv.visitInsn(LCONST_0 + (int) v);
    else mv.visitLdcInsn(v);
  }

  static void pushFloat(MethodVisitor mv, float v) {
    if (Float.floatToRawIntBits(v) == 0 || v == 1 || v == 2) mv.visitInsn(FCONST_0 + (int) v);
    else mv.visitLdcInsn(v);
  }

  /** A Java identifier made of {@code s}'s letters and digits. */
  static String identifier(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) sb.append(Character.isLetterOrDigit(c) && c < 128 || c == '_' ? c : '_');
    return sb.toString();
  }
}
