package dev.tnet.codegen.jvm;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.Expr.*;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.loop.Stmt.*;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Vector API code for a VECTOR loop whose lanes compute exactly what scalar iterations would:
 * {@code for v: [let ...] store buf[... + v] = e}, where {@code e} is f32 arithmetic (+ - * /,
 * min, max, neg, abs, select on comparisons) over unit-stride loads, lets of such values, and
 * values invariant in {@code v} (computed once per step and broadcast). Each of these Vector API
 * operations is the IEEE operation the scalar code does, lane by lane, so results stay
 * bit-identical. The loop runs {@code SPECIES.loopBound(n)} iterations as vectors of
 * {@code SPECIES_PREFERRED} (a {@code static final} field) and the rest as a scalar tail.
 *
 * <p>Anything else (calls to {@code MathFns}, which compute in double; integer lanes; lets of
 * varying indices; {@code if}; loads a {@code select} guards) keeps the scalar loop.
 */
final class VectorEmitter implements Opcodes {
  static final String SPECIES = "SPECIES";
  private static final String V = "jdk/incubator/vector/";
  private static final String SPECIES_DESC = "L" + V + "VectorSpecies;";
  private static final String VEC = V + "FloatVector", VEC_DESC = "L" + VEC + ";", MASK = V + "VectorMask";

  private final MethodEmitter e;
  private final MethodVisitor mv;
  private final String loopVar;
  /** Lets whose values differ by lane, held as FloatVectors in these slots. */
  private final Map<String, Integer> vectorLets = new HashMap<>();
  /** Loads every lane performs whatever the selects decide. */
  private final Set<Load> unconditional = new HashSet<>();

  private VectorEmitter(MethodEmitter e, String loopVar) {
    this.e = e;
    this.mv = e.mv;
    this.loopVar = loopVar;
  }

  /** {@code static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED}. */
  static void emitSpecies(String className, ClassVisitor cv) {
    cv.visitField(ACC_PRIVATE | ACC_STATIC | ACC_FINAL, SPECIES, SPECIES_DESC, null, null).visitEnd();
    MethodVisitor mv = cv.visitMethod(ACC_STATIC, "<clinit>", "()V", null, null);
    mv.visitCode();
    mv.visitFieldInsn(GETSTATIC, VEC, "SPECIES_PREFERRED", SPECIES_DESC);
    mv.visitFieldInsn(PUTSTATIC, className, SPECIES, SPECIES_DESC);
    mv.visitInsn(RETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  /** Emits {@code l} as vector code and returns true, or emits nothing and returns false. */
  static boolean tryEmit(MethodEmitter e, Loop l) {
    VectorEmitter v = new VectorEmitter(e, l.var());
    if (!v.supported(l.body(), new HashSet<>(Set.of(l.var())))) return false;
    v.emitLoop(l);
    return true;
  }

  // ---- what can be vectorized ----

  /** {@code varying}: the loop variable and the lets that depend on it. */
  private boolean supported(Stmt s, Set<String> varying) {
    List<Store> stores = new ArrayList<>();
    List<Load> loads = new ArrayList<>();
    if (!statements(s, varying, stores, loads)) return false;
    for (Load l : loads) { // a buffer the loop writes is read only at the element this lane writes
      for (Store st : stores) if (st.buffer().equals(l.buffer()) && !st.index().equals(l.index())) return false;
    }
    return true;
  }

  private boolean statements(Stmt s, Set<String> varying, List<Store> stores, List<Load> loads) {
    switch (s) {
      case Block b -> {
        for (Stmt x : b.stmts()) if (!statements(x, varying, stores, loads)) return false;
        return true;
      }
      case Let l -> {
        if (e.plan().outlined(l) != null || e.plan().outlined(l.value()) != null) return false;
        boolean varies = mentions(l.value(), varying), was = varying.contains(l.var());
        if (varies && (l.value().type() != ScalarType.F32 || !vector(l.value(), varying, loads, false))) return false;
        if (varies) varying.add(l.var());
        else varying.remove(l.var());
        boolean ok = statements(l.body(), varying, stores, loads);
        if (was) varying.add(l.var());
        else varying.remove(l.var());
        return ok;
      }
      case Store st -> {
        if (e.plan().outlined(st) != null || st.value().type() != ScalarType.F32 || !unitStride(st.index(), varying)) return false;
        stores.add(st);
        return vector(st.value(), varying, loads, false);
      }
      default -> {
        return false;
      }
    }
  }

  /** Whether {@code x} can be a FloatVector; {@code guarded}: inside a select's branch. */
  private boolean vector(Expr x, Set<String> varying, List<Load> loads, boolean guarded) {
    if (e.plan().outlined(x) != null) return false;
    if (!mentions(x, varying)) return x.type() == ScalarType.F32 && (!guarded || !loadsAny(x) || constantLoadsOnly(x));
    return switch (x) {
      case Var v -> v.type() == ScalarType.F32;
      case Load l -> {
        if (l.type() != ScalarType.F32 || !unitStride(l.index(), varying)) yield false;
        if (guarded) yield unconditional.contains(l);
        unconditional.add(l);
        loads.add(l);
        yield true;
      }
      case Binary b -> switch (b.op()) {
        case ADD, SUB, MUL, DIV, MIN, MAX -> b.left().type() == ScalarType.F32
            && vector(b.left(), varying, loads, guarded) && vector(b.right(), varying, loads, guarded);
        default -> false;
      };
      case Unary u -> u.op() != UnOp.NOT && vector(u.operand(), varying, loads, guarded);
      case Select s -> mask(s.condition(), varying, loads, guarded)
          && vector(s.then(), varying, loads, true) && vector(s.otherwise(), varying, loads, true);
      default -> false;
    };
  }

  private boolean mask(Expr x, Set<String> varying, List<Load> loads, boolean guarded) {
    if (e.plan().outlined(x) != null) return false;
    if (!mentions(x, varying)) return !guarded || !loadsAny(x) || constantLoadsOnly(x);
    return switch (x) {
      case Binary b when b.op().isComparison() -> b.left().type() == ScalarType.F32
          && vector(b.left(), varying, loads, guarded) && vector(b.right(), varying, loads, guarded);
      case Binary b when b.op() == BinOp.AND || b.op() == BinOp.OR -> mask(b.left(), varying, loads, guarded) && mask(b.right(), varying, loads, guarded);
      case Unary u when u.op() == UnOp.NOT -> mask(u.operand(), varying, loads, guarded);
      default -> false;
    };
  }

  /** {@code v}, {@code rest + v} or {@code v + rest} with {@code rest} invariant. */
  private boolean unitStride(Expr index, Set<String> varying) {
    if (index instanceof Var x) return x.name().equals(loopVar);
    return index instanceof Binary b && b.op() == BinOp.ADD
        && (unitStride(b.right(), varying) && !mentions(b.left(), varying) || unitStride(b.left(), varying) && !mentions(b.right(), varying));
  }

  static boolean mentions(Expr x, Set<String> vars) {
    return switch (x) {
      case Var v -> vars.contains(v.name());
      case Load l -> mentions(l.index(), vars);
      case Unary u -> mentions(u.operand(), vars);
      case Binary b -> mentions(b.left(), vars) || mentions(b.right(), vars);
      case Select s -> mentions(s.condition(), vars) || mentions(s.then(), vars) || mentions(s.otherwise(), vars);
      case Cast c -> mentions(c.operand(), vars);
      case Call c -> c.args().stream().anyMatch(a -> mentions(a, vars));
      default -> false;
    };
  }

  private static boolean loadsAny(Expr x) {
    return !Scan.of(x).buffers.isEmpty();
  }

  /** Every load in {@code x} has a constant index (in bounds whatever guards it). */
  private static boolean constantLoadsOnly(Expr x) {
    return switch (x) {
      case Load l -> l.index() instanceof IntConst;
      case Unary u -> constantLoadsOnly(u.operand());
      case Binary b -> constantLoadsOnly(b.left()) && constantLoadsOnly(b.right());
      case Select s -> constantLoadsOnly(s.condition()) && constantLoadsOnly(s.then()) && constantLoadsOnly(s.otherwise());
      case Cast c -> constantLoadsOnly(c.operand());
      case Call c -> c.args().stream().allMatch(VectorEmitter::constantLoadsOnly);
      default -> true;
    };
  }

  // ---- emission ----

  private void emitLoop(Loop l) {
    e.usedVectors = true;
    e.scoped(() -> {
      int i = e.newSlot(ScalarType.I32), upper = e.newSlot(ScalarType.I32);
      species();
      Jvm.pushInt(mv, l.extent());
      mv.visitMethodInsn(INVOKEINTERFACE, V + "VectorSpecies", "loopBound", "(I)I", true);
      mv.visitVarInsn(ISTORE, upper);
      mv.visitInsn(ICONST_0);
      mv.visitVarInsn(ISTORE, i);
      Label test = new Label(), top = new Label();
      mv.visitJumpInsn(GOTO, test);
      mv.visitLabel(top);
      e.scoped(() -> {
        e.bind(l.var(), new MethodEmitter.Local(i, ScalarType.I32));
        stmt(l.body(), new HashSet<>(Set.of(l.var())));
      });
      species();
      mv.visitMethodInsn(INVOKEINTERFACE, V + "VectorSpecies", "length", "()I", true);
      mv.visitVarInsn(ILOAD, i);
      mv.visitInsn(IADD);
      mv.visitVarInsn(ISTORE, i);
      mv.visitLabel(test);
      mv.visitVarInsn(ILOAD, i);
      mv.visitVarInsn(ILOAD, upper);
      mv.visitJumpInsn(IF_ICMPLT, top);
      e.loop(l, () -> mv.visitVarInsn(ILOAD, i), () -> Jvm.pushInt(mv, l.extent())); // the scalar tail
    });
  }

  private void species() {
    mv.visitFieldInsn(GETSTATIC, e.plan().className(), SPECIES, SPECIES_DESC);
  }

  private void stmt(Stmt s, Set<String> varying) {
    switch (s) {
      case Block b -> b.stmts().forEach(x -> stmt(x, varying));
      case Let l -> e.scoped(() -> {
        boolean was = varying.contains(l.var());
        Integer outer = vectorLets.get(l.var());
        if (mentions(l.value(), varying)) {
          vector(l.value(), varying);
          int slot = e.newSlot(ScalarType.F32);
          mv.visitVarInsn(ASTORE, slot);
          vectorLets.put(l.var(), slot);
          varying.add(l.var());
        } else {
          e.expr(l.value());
          int slot = e.newSlot(l.value().type());
          mv.visitVarInsn(Jvm.store(l.value().type()), slot);
          e.bind(l.var(), new MethodEmitter.Local(slot, l.value().type()));
          varying.remove(l.var());
        }
        stmt(l.body(), varying);
        if (was) varying.add(l.var());
        else varying.remove(l.var());
        if (outer != null) vectorLets.put(l.var(), outer);
      });
      case Store st -> {
        vector(st.value(), varying);
        mv.visitVarInsn(ALOAD, e.bufferSlot(st.buffer()));
        e.expr(st.index()); // lane 0's element: the index is unit-stride
        mv.visitMethodInsn(INVOKEVIRTUAL, VEC, "intoArray", "([FI)V", false);
      }
      default -> throw new dev.tnet.runtime.CompilerBug("vector loop statement " + s);
    }
  }

  /** Pushes the FloatVector of {@code x}. */
  private void vector(Expr x, Set<String> varying) {
    if (!mentions(x, varying)) {
      species();
      e.expr(x);
      mv.visitMethodInsn(INVOKESTATIC, VEC, "broadcast", "(" + SPECIES_DESC + "F)" + VEC_DESC, false);
      return;
    }
    switch (x) {
      case Var v -> mv.visitVarInsn(ALOAD, vectorLets.get(v.name()));
      case Load l -> {
        species();
        mv.visitVarInsn(ALOAD, e.bufferSlot(l.buffer()));
        e.expr(l.index());
        mv.visitMethodInsn(INVOKESTATIC, VEC, "fromArray", "(" + SPECIES_DESC + "[FI)" + VEC_DESC, false);
      }
      case Binary b -> {
        vector(b.left(), varying);
        vector(b.right(), varying);
        String name = switch (b.op()) {
          case ADD -> "add";
          case SUB -> "sub";
          case MUL -> "mul";
          case DIV -> "div";
          case MIN -> "min";
          default -> "max";
        };
        mv.visitMethodInsn(INVOKEVIRTUAL, VEC, name, "(L" + V + "Vector;)" + VEC_DESC, false);
      }
      case Unary u -> {
        vector(u.operand(), varying);
        mv.visitMethodInsn(INVOKEVIRTUAL, VEC, u.op() == UnOp.NEG ? "neg" : "abs", "()" + VEC_DESC, false);
      }
      case Select s -> { // otherwise.blend(then, condition)
        vector(s.otherwise(), varying);
        vector(s.then(), varying);
        mask(s.condition(), varying);
        mv.visitMethodInsn(INVOKEVIRTUAL, VEC, "blend", "(L" + V + "Vector;L" + MASK + ";)" + VEC_DESC, false);
      }
      default -> throw new dev.tnet.runtime.CompilerBug("vector expression " + x);
    }
  }

  /** Pushes the VectorMask of the BOOL {@code x}. */
  private void mask(Expr x, Set<String> varying) {
    if (!mentions(x, varying)) {
      species();
      e.expr(x);
      mv.visitMethodInsn(INVOKEINTERFACE, V + "VectorSpecies", "maskAll", "(Z)L" + MASK + ";", true);
      return;
    }
    switch (x) {
      case Binary b when b.op().isComparison() -> {
        vector(b.left(), varying);
        mv.visitFieldInsn(GETSTATIC, V + "VectorOperators", b.op().name(), "L" + V + "VectorOperators$Comparison;");
        vector(b.right(), varying);
        mv.visitMethodInsn(INVOKEVIRTUAL, VEC, "compare", "(L" + V + "VectorOperators$Comparison;L" + V + "Vector;)L" + MASK + ";", false);
      }
      case Binary b -> {
        mask(b.left(), varying);
        mask(b.right(), varying);
        mv.visitMethodInsn(INVOKEVIRTUAL, MASK, b.op() == BinOp.AND ? "and" : "or", "(L" + MASK + ";)L" + MASK + ";", false);
      }
      case Unary u -> {
        mask(u.operand(), varying);
        mv.visitMethodInsn(INVOKEVIRTUAL, MASK, "not", "()L" + MASK + ";", false);
      }
      default -> throw new dev.tnet.runtime.CompilerBug("vector condition " + x);
    }
  }
}
