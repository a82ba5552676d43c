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
 * a {@code temps} that allocates the intermediate buffers, an {@code execute} that takes them,
 * allocates the outputs and calls the kernels in order, the
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
    temps(plan, cv);
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
    if (plan.options().profile()) {
      mv.visitVarInsn(ALOAD, 0);
      pushString(mv, String.join("\n", plan.kernelNames()));
      mv.visitMethodInsn(INVOKEVIRTUAL, Jvm.BASE, "profileKernels", "(Ljava/lang/String;)V", false);
    }
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
   * {@code Object[] temps()}: a fresh arena, the arrays of {@link ClassPlan#arena} (intermediate
   * buffers with disjoint lifetimes share one). {@code GeneratedModel} keeps a few arenas and
   * hands one to each {@code execute}, so a call allocates only its outputs.
   */
  private static void temps(ClassPlan plan, ClassVisitor cv) {
    MethodVisitor mv = cv.visitMethod(ACC_PROTECTED, "temps", "()[Ljava/lang/Object;", null, null);
    mv.visitCode();
    List<ClassPlan.ArenaArray> arena = plan.arena();
    Jvm.pushInt(mv, arena.size());
    mv.visitTypeInsn(ANEWARRAY, "java/lang/Object");
    for (int i = 0; i < arena.size(); i++) {
      mv.visitInsn(DUP);
      Jvm.pushInt(mv, i);
      Jvm.pushInt(mv, arena.get(i).size());
      mv.visitIntInsn(NEWARRAY, arena.get(i).type() == ScalarType.I64 ? T_LONG : T_FLOAT);
      mv.visitInsn(AASTORE);
    }
    mv.visitInsn(ARETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  /**
   * {@code Object[] execute(Object[] in, Object[] temps)}: binds inputs and weights to locals,
   * takes the intermediate buffers from the arena {@code temps} (zeroing, before its first
   * kernel, each one a kernel may read before it writes it all, see {@link ClassPlan#needsZero}),
   * allocates the outputs (fresh each call),
   * calls the kernels, and returns the outputs (copies of any output that is an input or a
   * weight, which the caller must not be able to change).
   */
  private static void execute(ClassPlan plan, ClassVisitor cv, List<String> weightBuffers) {
    LoopProgram p = plan.program();
    MethodVisitor mv = cv.visitMethod(ACC_PROTECTED, "execute", "([Ljava/lang/Object;[Ljava/lang/Object;)[Ljava/lang/Object;", null, null);
    mv.visitCode();
    Map<String, Integer> slots = new HashMap<>();
    int next = 3;
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
    List<Buffer> temps = plan.temps();
    int clock = next; // a long: when profiled, the start time of the running kernel
    for (Buffer b : plan.usedBuffers()) {
      if (plan.prepared(b.name())) {
        pushField(plan, mv, weightBuffers, b.name());
        mv.visitVarInsn(ASTORE, slots.get(b.name()));
        continue;
      }
      boolean longs = b.type() == ScalarType.I64;
      if (temps.contains(b)) {
        mv.visitVarInsn(ALOAD, 2);
        Jvm.pushInt(mv, plan.arenaIndex(b.name()));
        mv.visitInsn(AALOAD);
        mv.visitTypeInsn(CHECKCAST, Jvm.arrayDesc(b));
        mv.visitVarInsn(ASTORE, slots.get(b.name()));
        continue;
      }
      if (b.role() != Buffer.Role.OUTPUT) continue;
      Jvm.pushInt(mv, b.size());
      mv.visitIntInsn(NEWARRAY, longs ? T_LONG : T_FLOAT);
      mv.visitVarInsn(ASTORE, slots.get(b.name()));
    }
    for (int i = 0; i < plan.kernels().size(); i++) {
      MethodPlan k = plan.kernels().get(i);
      // An arena array holds what the last call or an earlier buffer of this call left: zero the
      // prefix a buffer uses right before its first kernel, unless that kernel writes all of it first.
      for (Buffer b : temps) {
        if (plan.firstUse(b.name()) != i || !plan.needsZero(b.name())) continue;
        boolean longs = b.type() == ScalarType.I64;
        mv.visitVarInsn(ALOAD, slots.get(b.name()));
        mv.visitInsn(ICONST_0);
        Jvm.pushInt(mv, b.size());
        mv.visitInsn(longs ? LCONST_0 : FCONST_0);
        mv.visitMethodInsn(INVOKESTATIC, "java/util/Arrays", "fill", longs ? "([JIIJ)V" : "([FIIF)V", false);
      }
      if (k.takesPool()) {
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, Jvm.BASE, "pool", "L" + Jvm.POOL + ";");
      }
      if (plan.options().profile()) {
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/System", "nanoTime", "()J", false);
        mv.visitVarInsn(LSTORE, clock);
      }
      for (String b : k.buffers()) mv.visitVarInsn(ALOAD, slots.get(b));
      mv.visitMethodInsn(INVOKESTATIC, plan.className(), k.name(), Jvm.desc(k, p), false);
      if (plan.options().profile()) {
        mv.visitVarInsn(ALOAD, 0);
        Jvm.pushInt(mv, i);
        mv.visitVarInsn(LLOAD, clock);
        mv.visitMethodInsn(INVOKEVIRTUAL, Jvm.BASE, "profiled", "(IJ)V", false);
      }
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
