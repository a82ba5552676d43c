package dev.tnet.codegen.jvm;

import dev.tnet.ir.loop.Buffer;
import dev.tnet.ir.loop.LoopProgram;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.runtime.CompilerBug;
import dev.tnet.runtime.DType;
import dev.tnet.runtime.model.IoSpec;
import dev.tnet.runtime.model.ModelSignature;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Emits the class of a {@link ClassPlan}: a final subclass of {@code GeneratedModel} with one
 * {@code private final} field per weight, a constructor {@code (Map weights, WorkerPool pool)},
 * an {@code execute} that allocates the program's buffers and calls the kernels in order, the
 * planned static methods, and (if a loop was vectorized) the {@code SPECIES} field.
 */
final class ClassEmitter implements Opcodes {
  /** A constant string's longest piece: at most 3 bytes a char in a 65535-byte constant. */
  private static final int CONSTANT_CHARS = 20_000;

  private ClassEmitter() {}

  static ModelSignature signature(LoopProgram p) {
    return new ModelSignature(p.name(), specs(p, p.inputs()), specs(p, p.outputs()), specs(p, p.weights()));
  }

  private static List<IoSpec> specs(LoopProgram p, Map<String, String> names) {
    List<IoSpec> out = new ArrayList<>();
    names.forEach((name, buf) -> {
      Buffer b = p.buffer(buf);
      out.add(new IoSpec(name, b.type() == ScalarType.I64 ? DType.I64 : DType.F32, b.shape()));
    });
    return out;
  }

  static byte[] emit(ClassPlan plan) {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
      @Override
      protected String getCommonSuperClass(String a, String b) {
        return "java/lang/Object"; // frames only ever merge identical array types
      }
    };
    try {
      emit(plan, cw);
      return cw.toByteArray();
    } catch (MethodTooLargeException e) {
      throw new CompilerBug("method " + e.getMethodName() + " of model " + plan.program().name() + " is larger than 64 KB", e);
    }
  }

  static void emit(ClassPlan plan, ClassVisitor cv) {
    LoopProgram p = plan.program();
    cv.visit(V25, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, plan.className(), null, Jvm.BASE, null);
    cv.visitSource(p.name() + ".tnet", null);
    List<String> weightBuffers = new ArrayList<>(p.weights().values());
    for (int i = 0; i < weightBuffers.size(); i++) {
      cv.visitField(ACC_PRIVATE | ACC_FINAL, weightField(i, weightBuffers.get(i)), Jvm.arrayDesc(p.buffer(weightBuffers.get(i))), null, null).visitEnd();
    }
    for (MethodPlan k : plan.prepare()) {
      String b = ((dev.tnet.ir.loop.Stmt.Library) ((MethodPlan.Body.Kernel) k.body()).stmt()).writes();
      cv.visitField(ACC_PRIVATE | ACC_FINAL, preparedField(b), "[F", null, null).visitEnd();
    }
    constructor(plan, cv, weightBuffers);
    execute(plan, cv, weightBuffers);
    boolean vectors = false;
    for (MethodPlan m : plan.methods()) {
      MethodVisitor mv = cv.visitMethod(ACC_PRIVATE | ACC_STATIC, m.name(), Jvm.desc(m, p), null, null);
      mv.visitCode();
      MethodEmitter e = new MethodEmitter(plan, m, mv);
      e.emit();
      vectors |= e.usedVectors;
      mv.visitMaxs(0, 0);
      mv.visitEnd();
    }
    if (vectors) VectorEmitter.emitSpecies(plan.className(), cv);
    cv.visitEnd();
  }

  private static String weightField(int i, String buffer) {
    return "w" + i + "_" + Jvm.identifier(buffer);
  }

  private static String preparedField(String buffer) {
    return "p_" + Jvm.identifier(buffer);
  }

  /** Pushes the array of a weight or prepared buffer from its field. */
  private static void pushField(ClassPlan plan, MethodVisitor mv, List<String> weightBuffers, String buffer) {
    mv.visitVarInsn(ALOAD, 0);
    int w = weightBuffers.indexOf(buffer);
    if (w >= 0) mv.visitFieldInsn(GETFIELD, plan.className(), weightField(w, buffer), Jvm.arrayDesc(plan.program().buffer(buffer)));
    else if (plan.prepared(buffer)) mv.visitFieldInsn(GETFIELD, plan.className(), preparedField(buffer), "[F");
    else throw new CompilerBug("buffer " + buffer + " is neither a weight nor prepared at load time");
  }

  private static void constructor(ClassPlan plan, ClassVisitor cv, List<String> weightBuffers) {
    LoopProgram p = plan.program();
    MethodVisitor mv = cv.visitMethod(ACC_PUBLIC, "<init>", "(Ljava/util/Map;L" + Jvm.POOL + ";)V", null, null);
    mv.visitCode();
    mv.visitVarInsn(ALOAD, 0);
    pushString(mv, signature(p).toJson());
    mv.visitVarInsn(ALOAD, 1);
    mv.visitVarInsn(ALOAD, 2);
    mv.visitMethodInsn(INVOKESPECIAL, Jvm.BASE, "<init>", "(Ljava/lang/String;Ljava/util/Map;L" + Jvm.POOL + ";)V", false);
    for (int i = 0; i < weightBuffers.size(); i++) {
      Buffer b = p.buffer(weightBuffers.get(i));
      mv.visitVarInsn(ALOAD, 0);
      mv.visitVarInsn(ALOAD, 0);
      Jvm.pushInt(mv, i);
      boolean longs = b.type() == ScalarType.I64;
      mv.visitMethodInsn(INVOKEVIRTUAL, Jvm.BASE, longs ? "longWeight" : "floatWeight", longs ? "(I)[J" : "(I)[F", false);
      mv.visitFieldInsn(PUTFIELD, plan.className(), weightField(i, b.name()), Jvm.arrayDesc(b));
    }
    // Weight packing runs once, here: each packed buffer is allocated, filled and kept in a field.
    for (MethodPlan k : plan.prepare()) {
      String out = ((dev.tnet.ir.loop.Stmt.Library) ((MethodPlan.Body.Kernel) k.body()).stmt()).writes();
      mv.visitVarInsn(ALOAD, 0);
      Jvm.pushInt(mv, p.buffer(out).size());
      mv.visitIntInsn(NEWARRAY, T_FLOAT);
      mv.visitFieldInsn(PUTFIELD, plan.className(), preparedField(out), "[F");
      if (k.takesPool()) {
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, Jvm.BASE, "pool", "L" + Jvm.POOL + ";");
      }
      for (String b : k.buffers()) pushField(plan, mv, weightBuffers, b);
      mv.visitMethodInsn(INVOKESTATIC, plan.className(), k.name(), Jvm.desc(k, p), false);
    }
    mv.visitInsn(RETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  /** A string constant, concatenated from pieces when longer than one constant holds. */
  private static void pushString(MethodVisitor mv, String s) {
    mv.visitLdcInsn(s.substring(0, Math.min(s.length(), CONSTANT_CHARS)));
    for (int i = CONSTANT_CHARS; i < s.length(); i += CONSTANT_CHARS) {
      mv.visitLdcInsn(s.substring(i, Math.min(s.length(), i + CONSTANT_CHARS)));
      mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/String", "concat", "(Ljava/lang/String;)Ljava/lang/String;", false);
    }
  }

  /**
   * {@code Object[] execute(Object[] in)}: binds inputs and weights to locals, allocates the other
   * buffers (fresh each call), calls the kernels, and returns the outputs (copies of any output
   * that is an input or a weight, which the caller must not be able to change).
   */
  private static void execute(ClassPlan plan, ClassVisitor cv, List<String> weightBuffers) {
    LoopProgram p = plan.program();
    MethodVisitor mv = cv.visitMethod(ACC_PROTECTED, "execute", "([Ljava/lang/Object;)[Ljava/lang/Object;", null, null);
    mv.visitCode();
    Map<String, Integer> slots = new HashMap<>();
    int next = 2;
    for (Buffer b : plan.usedBuffers()) slots.put(b.name(), next++);
    List<String> inputs = new ArrayList<>(p.inputs().values());
    for (int i = 0; i < inputs.size(); i++) {
      Integer slot = slots.get(inputs.get(i));
      if (slot == null) continue;
      mv.visitVarInsn(ALOAD, 1);
      Jvm.pushInt(mv, i);
      mv.visitInsn(AALOAD);
      mv.visitTypeInsn(CHECKCAST, Jvm.arrayDesc(p.buffer(inputs.get(i))));
      mv.visitVarInsn(ASTORE, slot);
    }
    for (int i = 0; i < weightBuffers.size(); i++) {
      Integer slot = slots.get(weightBuffers.get(i));
      if (slot == null) continue;
      Buffer b = p.buffer(weightBuffers.get(i));
      mv.visitVarInsn(ALOAD, 0);
      mv.visitFieldInsn(GETFIELD, plan.className(), weightField(i, b.name()), Jvm.arrayDesc(b));
      mv.visitVarInsn(ASTORE, slot);
    }
    for (Buffer b : plan.usedBuffers()) {
      if (plan.prepared(b.name())) {
        pushField(plan, mv, weightBuffers, b.name());
        mv.visitVarInsn(ASTORE, slots.get(b.name()));
        continue;
      }
      if (b.role() != Buffer.Role.TEMP && b.role() != Buffer.Role.OUTPUT) continue;
      Jvm.pushInt(mv, b.size());
      mv.visitIntInsn(NEWARRAY, b.type() == ScalarType.I64 ? T_LONG : T_FLOAT);
      mv.visitVarInsn(ASTORE, slots.get(b.name()));
    }
    for (MethodPlan k : plan.kernels()) {
      if (k.takesPool()) {
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, Jvm.BASE, "pool", "L" + Jvm.POOL + ";");
      }
      for (String b : k.buffers()) mv.visitVarInsn(ALOAD, slots.get(b));
      mv.visitMethodInsn(INVOKESTATIC, plan.className(), k.name(), Jvm.desc(k, p), false);
    }
    List<String> outputs = new ArrayList<>(p.outputs().values());
    Jvm.pushInt(mv, outputs.size());
    mv.visitTypeInsn(ANEWARRAY, "java/lang/Object");
    for (int i = 0; i < outputs.size(); i++) {
      Buffer b = p.buffer(outputs.get(i));
      mv.visitInsn(DUP);
      Jvm.pushInt(mv, i);
      mv.visitVarInsn(ALOAD, slots.get(b.name()));
      if (b.role() == Buffer.Role.INPUT || b.role() == Buffer.Role.WEIGHT) {
        mv.visitMethodInsn(INVOKEVIRTUAL, Jvm.arrayDesc(b), "clone", "()Ljava/lang/Object;", false);
      }
      mv.visitInsn(AASTORE);
    }
    mv.visitInsn(ARETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }
}
