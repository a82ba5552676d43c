package dev.tnet.codegen.jvm;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.Expr.*;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.loop.Stmt.*;
import dev.tnet.runtime.CompilerBug;
import java.util.HashMap;
import java.util.Map;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Emits the body of one {@link MethodPlan} as scalar bytecode, doing what {@code LoopInterpreter}
 * does operation for operation, so results are bit-identical: loops are counted {@code int}
 * loops, {@code let}/{@code var} are local slots (reused once out of scope), {@code select} and
 * {@code if} are branches, {@code and}/{@code or} evaluate both sides (as the interpreter does),
 * {@code check} throws {@code UserException}, calls go to {@code MathFns}. A node the plan moved
 * to another method becomes a call; a parallel loop becomes a dispatch to the worker pool.
 */
final class MethodEmitter implements Opcodes {
  /** A variable's slot and type. */
  record Local(int slot, ScalarType type) {}

  private final ClassPlan plan;
  private final MethodPlan method;
  final MethodVisitor mv;
  private final Map<String, Integer> bufferSlots = new HashMap<>();
  private final Map<String, Local> scope = new HashMap<>();
  private int poolSlot = -1;
  private int nextSlot;
  /** Whether this method uses the class's vector species. */
  boolean usedVectors;

  MethodEmitter(ClassPlan plan, MethodPlan method, MethodVisitor mv) {
    this.plan = plan;
    this.method = method;
    this.mv = mv;
  }

  /** Emits the whole method body (between {@code visitCode} and {@code visitMaxs}). */
  void emit() {
    if (method.takesPool()) poolSlot = nextSlot++;
    for (String b : method.buffers()) bufferSlots.put(b, nextSlot++);
    for (MethodPlan.Param v : method.vars()) {
      scope.put(v.name(), new Local(nextSlot, v.type()));
      nextSlot += Jvm.width(v.type());
    }
    switch (method.body()) {
      case MethodPlan.Body.Kernel k -> stmt(k.stmt());
      case MethodPlan.Body.Part p -> {
        stmt(p.stmt());
        if (p.result() != null) mv.visitVarInsn(Jvm.load(p.result().type()), local(p.result().name()).slot());
      }
      case MethodPlan.Body.Value v -> expr(v.expr());
      case MethodPlan.Body.Chunk c -> {
        int lo = nextSlot++, hi = nextSlot++;
        loop(c.loop(), () -> mv.visitVarInsn(ILOAD, lo), () -> mv.visitVarInsn(ILOAD, hi));
      }
    }
    mv.visitInsn(Jvm.ret(method.returns()));
  }

  int bufferSlot(String name) {
    Integer s = bufferSlots.get(name);
    if (s == null) throw new CompilerBug("method " + method.name() + " has no parameter for buffer " + name);
    return s;
  }

  ClassPlan plan() {
    return plan;
  }

  /** Binds {@code name} in the current scope. */
  void bind(String name, Local l) {
    scope.put(name, l);
  }

  Local local(String name) {
    Local l = scope.get(name);
    if (l == null) throw new CompilerBug("variable " + name + " has no slot in method " + method.name());
    return l;
  }

  /** A fresh slot for a value of {@code t}, free again when the enclosing scope closes. */
  int newSlot(ScalarType t) {
    int s = nextSlot;
    nextSlot += Jvm.width(t);
    return s;
  }

  // ---- statements ----

  void stmt(Stmt s) {
    MethodPlan call = plan.outlined(s);
    if (call != null && s != method.root()) {
      callOut(call);
      return;
    }
    switch (s) {
      case Loop l -> {
        MethodPlan chunk = plan.chunk(l);
        if (chunk != null) dispatch(l, chunk);
        else if (l.extent() > 0 && !(l.kind() == Loop.Kind.VECTOR && plan.vectorize() && VectorEmitter.tryEmit(this, l))) {
          loop(l, () -> mv.visitInsn(ICONST_0), () -> Jvm.pushInt(mv, l.extent()));
        }
      }
      case Block b -> scoped(() -> b.stmts().forEach(this::stmt));
      case Let l -> {
        ScalarType t = expr(l.value());
        scoped(() -> {
          int slot = newSlot(t);
          mv.visitVarInsn(Jvm.store(t), slot);
          scope.put(l.var(), new Local(slot, t));
          stmt(l.body());
        });
      }
      case Declare d -> {
        expr(d.init());
        int slot = newSlot(d.type());
        mv.visitVarInsn(Jvm.store(d.type()), slot);
        scope.put(d.var(), new Local(slot, d.type()));
      }
      case Assign a -> {
        Local l = local(a.var());
        expr(a.value());
        mv.visitVarInsn(Jvm.store(l.type()), l.slot());
      }
      case Store st -> {
        mv.visitVarInsn(ALOAD, bufferSlot(st.buffer()));
        expr(st.index());
        ScalarType t = expr(st.value());
        mv.visitInsn(t == ScalarType.I64 ? LASTORE : FASTORE);
      }
      case If i -> {
        Label otherwise = new Label(), end = new Label();
        jumpUnless(i.condition(), otherwise);
        scoped(() -> stmt(i.then()));
        boolean hasElse = !(i.otherwise() instanceof Block b && b.stmts().isEmpty());
        if (hasElse) mv.visitJumpInsn(GOTO, end);
        mv.visitLabel(otherwise);
        if (hasElse) {
          scoped(() -> stmt(i.otherwise()));
          mv.visitLabel(end);
        }
      }
      case Library l -> library(l);
      case Check c -> {
        Label ok = new Label();
        expr(c.condition());
        mv.visitJumpInsn(IFNE, ok);
        mv.visitLdcInsn(c.message());
        ScalarType t = expr(c.value());
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/String", "valueOf", "(" + Jvm.desc(t) + ")Ljava/lang/String;", false);
        mv.visitMethodInsn(INVOKESTATIC, Jvm.BASE, "checkFailed", "(Ljava/lang/String;Ljava/lang/String;)Ldev/tnet/runtime/UserException;", false);
        mv.visitInsn(ATHROW);
        mv.visitLabel(ok);
      }
    }
  }

  /**
   * {@code Library.call(kernel, pool, new float[][] {reads}, writes, new int[] {ints}, new
   * float[] {floats})}, as the loop interpreter calls it (with the kernel method's pool, or null).
   */
  private void library(Library l) {
    mv.visitLdcInsn(l.kernel());
    if (poolSlot >= 0) mv.visitVarInsn(ALOAD, poolSlot);
    else mv.visitInsn(ACONST_NULL);
    Jvm.pushInt(mv, l.reads().size());
    mv.visitTypeInsn(ANEWARRAY, "[F");
    for (int i = 0; i < l.reads().size(); i++) {
      mv.visitInsn(DUP);
      Jvm.pushInt(mv, i);
      mv.visitVarInsn(ALOAD, bufferSlot(l.reads().get(i)));
      mv.visitInsn(AASTORE);
    }
    mv.visitVarInsn(ALOAD, bufferSlot(l.writes()));
    Jvm.pushInt(mv, l.ints().size());
    mv.visitIntInsn(NEWARRAY, T_INT);
    for (int i = 0; i < l.ints().size(); i++) {
      mv.visitInsn(DUP);
      Jvm.pushInt(mv, i);
      Jvm.pushInt(mv, l.ints().get(i));
      mv.visitInsn(IASTORE);
    }
    Jvm.pushInt(mv, l.floats().size());
    mv.visitIntInsn(NEWARRAY, T_FLOAT);
    for (int i = 0; i < l.floats().size(); i++) {
      mv.visitInsn(DUP);
      Jvm.pushInt(mv, i);
      mv.visitLdcInsn(l.floats().get(i));
      mv.visitInsn(FASTORE);
    }
    mv.visitMethodInsn(INVOKESTATIC, "dev/tnet/runtime/kernel/Library", "call",
        "(Ljava/lang/String;L" + Jvm.POOL + ";[[F[F[I[F)V", false);
  }

  /** Runs {@code body} in a nested scope: variables and slots it adds are dropped after. */
  void scoped(Runnable body) {
    Map<String, Local> saved = new HashMap<>(scope);
    int savedSlot = nextSlot;
    body.run();
    scope.clear();
    scope.putAll(saved);
    nextSlot = savedSlot;
  }

  /**
   * {@code for (var = lo; var < hi; var++) body}; {@code hi} pushes the limit (a constant or a
   * parameter). If the body assigns the loop variable, the count lives in a hidden slot and is
   * copied to the variable each iteration (as the interpreter does).
   */
  void loop(Loop l, Runnable lo, Runnable hi) {
    scoped(() -> {
      boolean assigned = Scan.assigns(l.body(), l.var());
      int counter = newSlot(ScalarType.I32);
      int var = assigned ? newSlot(ScalarType.I32) : counter;
      lo.run();
      mv.visitVarInsn(ISTORE, counter);
      Label test = new Label(), top = new Label();
      mv.visitJumpInsn(GOTO, test);
      mv.visitLabel(top);
      if (assigned) {
        mv.visitVarInsn(ILOAD, counter);
        mv.visitVarInsn(ISTORE, var);
      }
      scope.put(l.var(), new Local(var, ScalarType.I32));
      scoped(() -> stmt(l.body()));
      mv.visitIincInsn(counter, 1);
      mv.visitLabel(test);
      mv.visitVarInsn(ILOAD, counter);
      hi.run();
      mv.visitJumpInsn(IF_ICMPLT, top);
    });
  }

  /** {@code pool.forRange(extent, (lo, hi) -> chunk(buffers..., vars..., lo, hi))}. */
  private void dispatch(Loop l, MethodPlan chunk) {
    if (l.extent() == 0) return;
    mv.visitVarInsn(ALOAD, poolSlot);
    Jvm.pushInt(mv, l.extent());
    pushArguments(chunk);
    Handle impl = new Handle(H_INVOKESTATIC, plan.className(), chunk.name(), Jvm.desc(chunk, plan.program()), false);
    Handle metafactory = new Handle(H_INVOKESTATIC, "java/lang/invoke/LambdaMetafactory", "metafactory",
        "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;Ljava/lang/invoke/MethodType;"
            + "Ljava/lang/invoke/MethodHandle;Ljava/lang/invoke/MethodType;)Ljava/lang/invoke/CallSite;", false);
    mv.visitInvokeDynamicInsn("run", "(" + Jvm.params(chunk, plan.program()) + ")L" + Jvm.RANGE + ";", metafactory,
        Type.getType("(II)V"), impl, Type.getType("(II)V"));
    mv.visitMethodInsn(INVOKEVIRTUAL, Jvm.POOL, "forRange", "(IL" + Jvm.RANGE + ";)V", false);
  }

  private void pushArguments(MethodPlan callee) {
    if (callee.takesPool()) mv.visitVarInsn(ALOAD, poolSlot);
    for (String b : callee.buffers()) mv.visitVarInsn(ALOAD, bufferSlot(b));
    for (MethodPlan.Param v : callee.vars()) {
      Local l = local(v.name());
      mv.visitVarInsn(Jvm.load(l.type()), l.slot());
    }
  }

  /** Calls an outlined method; a part's result is stored back into its variable. */
  private void callOut(MethodPlan callee) {
    pushArguments(callee);
    mv.visitMethodInsn(INVOKESTATIC, plan.className(), callee.name(), Jvm.desc(callee, plan.program()), false);
    if (callee.body() instanceof MethodPlan.Body.Part p && p.result() != null) {
      mv.visitVarInsn(Jvm.store(p.result().type()), local(p.result().name()).slot());
    }
  }

  // ---- expressions ----

  /** Pushes the value of {@code e} (a BOOL as int 0 or 1) and returns its type. */
  ScalarType expr(Expr e) {
    MethodPlan call = plan.outlined(e);
    if (call != null && e != method.root()) {
      callOut(call);
      return e.type();
    }
    switch (e) {
      case IntConst c -> Jvm.pushInt(mv, c.value());
      case LongConst c -> Jvm.pushLong(mv, c.value());
      case FloatConst c -> Jvm.pushFloat(mv, c.value());
      case Var v -> {
        Local l = local(v.name());
        mv.visitVarInsn(Jvm.load(l.type()), l.slot());
      }
      case Load l -> {
        mv.visitVarInsn(ALOAD, bufferSlot(l.buffer()));
        expr(l.index());
        mv.visitInsn(l.type() == ScalarType.I64 ? LALOAD : FALOAD);
      }
      case Unary u -> unary(u);
      case Binary b -> binary(b);
      case Select s -> {
        Label otherwise = new Label(), end = new Label();
        jumpUnless(s.condition(), otherwise);
        expr(s.then());
        mv.visitJumpInsn(GOTO, end);
        mv.visitLabel(otherwise);
        expr(s.otherwise());
        mv.visitLabel(end);
      }
      case Cast c -> cast(c.type(), expr(c.operand()));
      case Call c -> {
        for (Expr a : c.args()) expr(a);
        mv.visitMethodInsn(INVOKESTATIC, Jvm.MATH_FNS, c.function(), "(" + "F".repeat(c.args().size()) + ")F", false);
      }
    }
    return e.type();
  }

  private void unary(Unary u) {
    ScalarType t = expr(u.operand());
    switch (u.op()) {
      case NOT -> {
        mv.visitInsn(ICONST_1);
        mv.visitInsn(IXOR);
      }
      case NEG -> mv.visitInsn(switch (t) {
        case I64 -> LNEG;
        case F32 -> FNEG;
        default -> INEG;
      });
      case ABS -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "abs", "(" + Jvm.desc(t) + ")" + Jvm.desc(t), false);
    }
  }

  private void binary(Binary b) {
    if (b.op().isComparison()) {
      Label no = new Label(), end = new Label();
      jumpUnless(b, no);
      mv.visitInsn(ICONST_1);
      mv.visitJumpInsn(GOTO, end);
      mv.visitLabel(no);
      mv.visitInsn(ICONST_0);
      mv.visitLabel(end);
      return;
    }
    ScalarType t = b.left().type();
    if (t == ScalarType.F32 && b.op() == BinOp.MOD) {
      floatMod(b);
      return;
    }
    expr(b.left());
    expr(b.right());
    arithmetic(b.op(), t);
  }

  /** Applies {@code op} to the two values on the stack, as the interpreter's {@code binary}. */
  void arithmetic(BinOp op, ScalarType t) {
    String d = Jvm.desc(t), two = "(" + d + d + ")" + d;
    int base = switch (t) {
      case I64 -> 1;
      case F32 -> 2;
      default -> 0;
    };
    switch (op) {
      case ADD -> mv.visitInsn(IADD + base);
      case SUB -> mv.visitInsn(ISUB + base);
      case MUL -> mv.visitInsn(IMUL + base);
      case DIV -> mv.visitInsn(IDIV + base);
      case FLOOR_DIV -> {
        if (t == ScalarType.F32) {
          mv.visitInsn(FDIV);
          floorFloat();
        } else mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "floorDiv", two, false);
      }
      case MOD -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "floorMod", two, false);
      case MIN -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "min", two, false);
      case MAX -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "max", two, false);
      case AND -> mv.visitInsn(IAND);
      case OR -> mv.visitInsn(IOR);
      default -> throw new CompilerBug(op + " is not arithmetic");
    }
  }

  /** {@code (float) Math.floor(top)}. */
  private void floorFloat() {
    mv.visitInsn(F2D);
    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "floor", "(D)D", false);
    mv.visitInsn(D2F);
  }

  /** {@code x - (float) Math.floor(x / y) * y}, the interpreter's float MOD. */
  private void floatMod(Binary b) {
    scoped(() -> {
      int x = newSlot(ScalarType.F32), y = newSlot(ScalarType.F32);
      expr(b.left());
      mv.visitVarInsn(FSTORE, x);
      expr(b.right());
      mv.visitVarInsn(FSTORE, y);
      mv.visitVarInsn(FLOAD, x);
      mv.visitVarInsn(FLOAD, x);
      mv.visitVarInsn(FLOAD, y);
      mv.visitInsn(FDIV);
      floorFloat();
      mv.visitVarInsn(FLOAD, y);
      mv.visitInsn(FMUL);
      mv.visitInsn(FSUB);
    });
  }

  /** Jumps to {@code target} unless the BOOL {@code cond} holds. */
  void jumpUnless(Expr cond, Label target) {
    if (plan.outlined(cond) == null && cond instanceof Binary b && b.op().isComparison()) {
      ScalarType t = b.left().type();
      expr(b.left());
      expr(b.right());
      switch (t) {
        case F32 -> {
          boolean g = b.op() == BinOp.LT || b.op() == BinOp.LE; // NaN must fail every comparison but !=
          mv.visitInsn(g ? FCMPG : FCMPL);
          mv.visitJumpInsn(unlessZero(b.op()), target);
        }
        case I64 -> {
          mv.visitInsn(LCMP);
          mv.visitJumpInsn(unlessZero(b.op()), target);
        }
        default -> mv.visitJumpInsn(unlessZero(b.op()) + (IF_ICMPEQ - IFEQ), target);
      }
      return;
    }
    if (plan.outlined(cond) == null && cond instanceof Unary u && u.op() == UnOp.NOT) {
      expr(u.operand());
      mv.visitJumpInsn(IFNE, target);
      return;
    }
    expr(cond);
    mv.visitJumpInsn(IFEQ, target);
  }

  /** The IFxx opcode that jumps when {@code v op 0} is false. */
  private static int unlessZero(BinOp op) {
    return switch (op) {
      case LT -> IFGE;
      case LE -> IFGT;
      case GT -> IFLE;
      case GE -> IFLT;
      case EQ -> IFNE;
      case NE -> IFEQ;
      default -> throw new CompilerBug(op + " is not a comparison");
    };
  }

  /** Converts the value on the stack from {@code from} to {@code to}, as the interpreter's {@code cast}. */
  void cast(ScalarType to, ScalarType from) {
    if (to == from) return;
    switch (to) {
      case I32 -> {
        if (from == ScalarType.I64) mv.visitInsn(L2I);
        else if (from == ScalarType.F32) mv.visitInsn(F2I);
      }
      case I64 -> mv.visitInsn(from == ScalarType.F32 ? F2L : I2L);
      case F32 -> mv.visitInsn(from == ScalarType.I64 ? L2F : I2F);
      case BOOL -> {
        Label no = new Label(), end = new Label();
        switch (from) {
          case I64 -> {
            mv.visitInsn(LCONST_0);
            mv.visitInsn(LCMP);
          }
          case F32 -> { // (double) x != 0: true for NaN
            mv.visitInsn(FCONST_0);
            mv.visitInsn(FCMPL);
          }
          default -> {}
        }
        mv.visitJumpInsn(IFEQ, no);
        mv.visitInsn(ICONST_1);
        mv.visitJumpInsn(GOTO, end);
        mv.visitLabel(no);
        mv.visitInsn(ICONST_0);
        mv.visitLabel(end);
      }
    }
  }
}
