package dev.tnet.codegen.jvm;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.Expr.*;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.loop.Stmt.*;
import dev.tnet.runtime.CompilerBug;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Keeps every generated method within HotSpot's {@code HugeMethodLimit} (8000 bytes of bytecode;
 * the JIT never compiles a larger method). A method is emitted to measure it; while it is too big,
 * the largest piece that fits in a method of its own moves out: a statement (taking the variables
 * it reads and returning the one outer variable it assigns, if any) or an expression. Blocks too
 * long for one method are first cut into sub-blocks where no {@code var} declaration is cut off
 * from its uses. If nothing can move, the kernel fails with a {@link CompilerBug} naming it.
 */
final class MethodSplitter {
  static final int HUGE_METHOD_LIMIT = 8000;
  /** The largest estimated size of a piece moved out, leaving room for misestimates. */
  private static final int TARGET = 5000;

  /** The JVM allows 255 parameter slots; a chunk also takes lo and hi. */
  private static final int MAX_PARAMETER_SLOTS = 250;

  /** Pieces smaller than this are not worth a call. */
  private static final int MIN_PART = 12;

  private final ClassPlan plan;
  private final String kernel;
  private final String prefix;
  private int parts;

  MethodSplitter(ClassPlan plan, String kernel, String prefix) {
    this.plan = plan;
    this.kernel = kernel;
    this.prefix = prefix;
  }

  /**
   * Moves parts of {@code m} out until it (and every part) fits. Each round measures the method,
   * then moves out the pieces that save the most, as many (and never nested) as the excess needs.
   */
  void fit(MethodPlan m) {
    for (int round = 0; ; round++) {
      int size = codeSize(plan, m);
      if (size <= HUGE_METHOD_LIMIT) return;
      Search search = new Search();
      switch (m.root()) {
        case Stmt s -> search.stmt(s, s, scopeOf(m));
        case Expr e -> search.expr(e, e, scopeOf(m));
        default -> throw new CompilerBug("method " + m.name() + " has no IR root");
      }
      List<MethodPlan> moved = search.choose(size - HUGE_METHOD_LIMIT + HUGE_METHOD_LIMIT / 10);
      if (moved.isEmpty() || round > 1000) {
        throw new CompilerBug("kernel " + kernel + ": method " + m.name() + " has " + size
            + " bytes of bytecode, more than HotSpot's HugeMethodLimit of " + HUGE_METHOD_LIMIT + ", and no part of it can be split off");
      }
      moved.forEach(this::fit);
    }
  }

  private static Map<String, ScalarType> scopeOf(MethodPlan m) {
    Map<String, ScalarType> scope = new HashMap<>();
    m.vars().forEach(v -> scope.put(v.name(), v.type()));
    if (m.body() instanceof MethodPlan.Body.Chunk c) scope.put(c.loop().var(), ScalarType.I32);
    return scope;
  }

  /** A piece that could move out: what it saves, and the variables it would take. */
  private record Candidate(Object node, int gain, Map<String, ScalarType> vars, Scan scan) {
    MethodPlan plan(ClassPlan plan, String name) {
      List<MethodPlan.Param> params = vars.entrySet().stream().map(e -> new MethodPlan.Param(e.getKey(), e.getValue())).toList();
      MethodPlan.Body body = switch (node) {
        case Stmt s -> new MethodPlan.Body.Part(s, scan.assigns.isEmpty() ? null
            : new MethodPlan.Param(scan.assigns.iterator().next(), vars.get(scan.assigns.iterator().next())));
        case Expr e -> new MethodPlan.Body.Value(e);
        default -> throw new CompilerBug("not an IR node: " + node);
      };
      return new MethodPlan(name, false, plan.ordered(scan.buffers), params, body);
    }
  }

  /** One round's walk over a method: the parent and the candidacy of every node. */
  private final class Search {
    final Map<Object, Object> parents = new IdentityHashMap<>();
    final List<Candidate> candidates = new ArrayList<>();

    /** Moves out the best non-nested candidates until they save {@code need} bytes. */
    List<MethodPlan> choose(int need) {
      candidates.sort(Comparator.comparingInt(Candidate::gain).reversed());
      Set<Object> taken = Collections.newSetFromMap(new IdentityHashMap<>()), blocked = Collections.newSetFromMap(new IdentityHashMap<>());
      List<MethodPlan> moved = new ArrayList<>();
      for (Candidate c : candidates) {
        if (need <= 0) break;
        if (blocked.contains(c.node()) || ancestors(c.node()).anyMatch(taken::contains)) continue;
        taken.add(c.node());
        ancestors(c.node()).forEach(blocked::add);
        MethodPlan part = c.plan(plan, prefix + "$" + ++parts);
        plan.addOutlined(c.node(), part);
        moved.add(part);
        need -= c.gain();
      }
      return moved;
    }

    private java.util.stream.Stream<Object> ancestors(Object n) {
      return java.util.stream.Stream.iterate(parents.get(n), java.util.Objects::nonNull, parents::get);
    }

    void offer(Object n, Object parent, int size, Scan s, Map<String, ScalarType> scope) {
      parents.put(n, parent);
      if (size > TARGET || s == null) return;
      Map<String, ScalarType> v = new java.util.LinkedHashMap<>(s.reads);
      for (String a : s.assigns) {
        if (!scope.containsKey(a)) return;
        v.putIfAbsent(a, scope.get(a));
      }
      int slots = s.buffers.size() + v.values().stream().mapToInt(Jvm::width).sum();
      int gain = size - (4 + 2 * (s.buffers.size() + v.size()));
      if (slots <= MAX_PARAMETER_SLOTS && gain > 0) candidates.add(new Candidate(n, gain, v, s));
    }

    /** Walks {@code s}, offering it (unless it is the root) and everything under it; returns its size. */
    int stmt(Stmt s, Object parent, Map<String, ScalarType> scope) {
      MethodPlan call = plan.outlined(s);
      if (s != parent && (call != null || s instanceof Loop l && plan.chunk(l) != null)) return callSize(call);
      int size = switch (s) {
        case Loop l -> {
          ScalarType old = scope.put(l.var(), ScalarType.I32);
          int b = stmt(l.body(), s, scope);
          restore(scope, l.var(), old);
          yield 14 + b;
        }
        case Block b -> {
          Map<String, ScalarType> inner = new HashMap<>(scope);
          int sum = 0;
          for (Stmt x : b.stmts()) {
            sum += stmt(x, s, inner);
            if (x instanceof Declare d) inner.put(d.var(), d.type());
          }
          yield sum;
        }
        case Let l -> {
          int v = expr(l.value(), s, scope);
          ScalarType old = scope.put(l.var(), l.value().type());
          int b = stmt(l.body(), s, scope);
          restore(scope, l.var(), old);
          yield 2 + v + b;
        }
        case Declare d -> 2 + expr(d.init(), s, scope);
        case Assign a -> 2 + expr(a.value(), s, scope);
        case Store st -> 3 + expr(st.index(), s, scope) + expr(st.value(), s, scope);
        case If i -> 6 + expr(i.condition(), s, scope) + stmt(i.then(), s, scope) + stmt(i.otherwise(), s, scope);
        case Check c -> 16 + expr(c.condition(), s, scope) + expr(c.value(), s, scope);
        case Library l -> estimate(l);
      };
      if (s != parent) {
        // A library call stays in its kernel method, which holds the worker pool it needs.
        Scan sc = size > TARGET || size < MIN_PART || s instanceof Declare || s instanceof Library ? null : Scan.of(s);
        offer(s, parent, size, sc != null && sc.assigns.size() <= 1 ? sc : null, scope);
      }
      return size;
    }

    int expr(Expr e, Object parent, Map<String, ScalarType> scope) {
      if (e instanceof IntConst || e instanceof LongConst || e instanceof FloatConst || e instanceof Var) return 2;
      MethodPlan call = plan.outlined(e);
      if (e != parent && call != null) return callSize(call);
      int size = switch (e) {
        case Load l -> 3 + expr(l.index(), e, scope);
        case Unary u -> 3 + expr(u.operand(), e, scope);
        case Binary b -> (b.op().isComparison() ? 10 : b.op() == BinOp.MOD && b.left().type() == ScalarType.F32 ? 16 : 3)
            + expr(b.left(), e, scope) + expr(b.right(), e, scope);
        case Select s -> 8 + expr(s.condition(), e, scope) + expr(s.then(), e, scope) + expr(s.otherwise(), e, scope);
        case Cast c -> 3 + expr(c.operand(), e, scope);
        case Call c -> 3 + c.args().stream().mapToInt(a -> expr(a, e, scope)).sum();
        default -> 2;
      };
      if (e != parent) offer(e, parent, size, size > TARGET || size < MIN_PART ? null : Scan.of(e), scope);
      return size;
    }

    private int callSize(MethodPlan call) {
      return call == null ? 16 : 4 + 2 * (call.buffers().size() + call.vars().size());
    }
  }

  private static void restore(Map<String, ScalarType> scope, String var, ScalarType old) {
    if (old == null) scope.remove(var);
    else scope.put(var, old);
  }

  /** The size in bytes of {@code m}'s code, emitted into a scratch class. */
  static int codeSize(ClassPlan plan, MethodPlan m) {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    cw.visit(Opcodes.V25, Opcodes.ACC_PUBLIC, plan.className(), null, "java/lang/Object", null);
    MethodVisitor mv = cw.visitMethod(Opcodes.ACC_STATIC, m.name(), Jvm.desc(m, plan.program()), null, null);
    mv.visitCode();
    new MethodEmitter(plan, m, mv).emit();
    Label end = new Label();
    mv.visitLabel(end);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
    return end.getOffset();
  }

  /** A rough size in bytes of the bytecode of a node, to choose what to move out. */
  static int estimate(Stmt s) {
    return switch (s) {
      case Loop l -> 18 + estimate(l.body());
      case Block b -> b.stmts().stream().mapToInt(MethodSplitter::estimate).sum();
      case Let l -> 2 + estimate(l.value()) + estimate(l.body());
      case Declare d -> 2 + estimate(d.init());
      case Assign a -> 2 + estimate(a.value());
      case Store st -> 3 + estimate(st.index()) + estimate(st.value());
      case If i -> 6 + estimate(i.condition()) + estimate(i.then()) + estimate(i.otherwise());
      case Check c -> 16 + estimate(c.condition()) + estimate(c.value());
      case Library l -> 24 + 7 * (l.reads().size() + l.ints().size() + l.floats().size());
    };
  }

  static int estimate(Expr e) {
    return switch (e) {
      case IntConst c -> 2;
      case LongConst c -> 3;
      case FloatConst c -> 2;
      case Var v -> 2;
      case Load l -> 3 + estimate(l.index());
      case Unary u -> 3 + estimate(u.operand());
      case Binary b -> (b.op().isComparison() ? 10 : b.op() == BinOp.MOD && b.left().type() == ScalarType.F32 ? 16 : 3)
          + estimate(b.left()) + estimate(b.right());
      case Select s -> 8 + estimate(s.condition()) + estimate(s.then()) + estimate(s.otherwise());
      case Cast c -> 3 + estimate(c.operand());
      case Call c -> 3 + c.args().stream().mapToInt(MethodSplitter::estimate).sum();
    };
  }

  /**
   * Cuts blocks too long for one method into sub-blocks of statements that declare nothing, so a
   * sub-block can move out whole. Returns {@code s} itself when nothing is too long.
   */
  static Stmt chunkBlocks(Stmt s) {
    return switch (s) {
      case Loop l -> {
        Stmt b = chunkBlocks(l.body());
        yield b == l.body() ? l : l.withBody(b);
      }
      case Let l -> {
        Stmt b = chunkBlocks(l.body());
        yield b == l.body() ? l : new Let(l.var(), l.value(), b);
      }
      case If i -> {
        Stmt t = chunkBlocks(i.then()), o = chunkBlocks(i.otherwise());
        yield t == i.then() && o == i.otherwise() ? i : new If(i.condition(), t, o);
      }
      case Block b -> chunkBlock(b);
      default -> s;
    };
  }

  private static Stmt chunkBlock(Block b) {
    List<Stmt> stmts = new ArrayList<>();
    boolean changed = false;
    for (Stmt x : b.stmts()) {
      Stmt y = chunkBlocks(x);
      changed |= y != x;
      stmts.add(y);
    }
    if (estimate(b) <= TARGET) return changed ? new Block(stmts) : b;
    List<Stmt> out = new ArrayList<>(), run = new ArrayList<>();
    int runSize = 0;
    for (Stmt x : stmts) {
      int size = estimate(x);
      if (x instanceof Declare || runSize + size > TARGET / 2) {
        flush(run, out);
        runSize = 0;
      }
      if (x instanceof Declare) out.add(x);
      else {
        run.add(x);
        runSize += size;
      }
    }
    flush(run, out);
    return new Block(out);
  }

  private static void flush(List<Stmt> run, List<Stmt> out) {
    if (run.size() == 1) out.add(run.getFirst());
    else if (!run.isEmpty()) out.add(new Block(run));
    run.clear();
  }
}
