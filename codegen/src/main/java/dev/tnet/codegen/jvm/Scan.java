package dev.tnet.codegen.jvm;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.Expr.*;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.loop.Stmt.*;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a piece of loop IR touches from outside itself: the variables it reads or assigns without
 * binding them, and the buffers it loads or stores. An outlined method takes exactly these.
 */
final class Scan {
  /** Free variables read (with their types), in first-use order. */
  final Map<String, ScalarType> reads = new LinkedHashMap<>();
  /** Free variables assigned. */
  final Set<String> assigns = new LinkedHashSet<>();
  final Set<String> buffers = new LinkedHashSet<>();

  private Scan() {}

  static Scan of(Stmt s) {
    Scan sc = new Scan();
    sc.stmt(s, new HashSet<>());
    return sc;
  }

  static Scan of(Expr e) {
    Scan sc = new Scan();
    sc.expr(e, new HashSet<>());
    return sc;
  }

  private void stmt(Stmt s, Set<String> bound) {
    switch (s) {
      case Loop l -> inScope(bound, l.var(), () -> stmt(l.body(), bound));
      case Block b -> {
        Set<String> inner = new HashSet<>(bound);
        for (Stmt x : b.stmts()) {
          stmt(x, inner);
          if (x instanceof Declare d) inner.add(d.var());
        }
      }
      case Let l -> {
        expr(l.value(), bound);
        inScope(bound, l.var(), () -> stmt(l.body(), bound));
      }
      case Declare d -> expr(d.init(), bound);
      case Assign a -> {
        expr(a.value(), bound);
        if (!bound.contains(a.var())) assigns.add(a.var());
      }
      case Store st -> {
        buffers.add(st.buffer());
        expr(st.index(), bound);
        expr(st.value(), bound);
      }
      case If i -> {
        expr(i.condition(), bound);
        stmt(i.then(), bound);
        stmt(i.otherwise(), bound);
      }
      case Check c -> {
        expr(c.condition(), bound);
        expr(c.value(), bound);
      }
      case Library l -> {
        buffers.addAll(l.reads());
        buffers.add(l.writes());
      }
    }
  }

  private static void inScope(Set<String> bound, String var, Runnable body) {
    boolean added = bound.add(var);
    body.run();
    if (added) bound.remove(var);
  }

  private void expr(Expr e, Set<String> bound) {
    switch (e) {
      case IntConst c -> {}
      case LongConst c -> {}
      case FloatConst c -> {}
      case Var v -> {
        if (!bound.contains(v.name())) reads.putIfAbsent(v.name(), v.type());
      }
      case Load l -> {
        buffers.add(l.buffer());
        expr(l.index(), bound);
      }
      case Unary u -> expr(u.operand(), bound);
      case Binary b -> {
        expr(b.left(), bound);
        expr(b.right(), bound);
      }
      case Select s -> {
        expr(s.condition(), bound);
        expr(s.then(), bound);
        expr(s.otherwise(), bound);
      }
      case Cast c -> expr(c.operand(), bound);
      case Call c -> c.args().forEach(a -> expr(a, bound));
    }
  }

  /** Whether {@code s} assigns the variable {@code var} anywhere (shadowed or not). */
  static boolean assigns(Stmt s, String var) {
    return switch (s) {
      case Loop l -> assigns(l.body(), var);
      case Block b -> b.stmts().stream().anyMatch(x -> assigns(x, var));
      case Let l -> assigns(l.body(), var);
      case Assign a -> a.var().equals(var);
      case If i -> assigns(i.then(), var) || assigns(i.otherwise(), var);
      case Declare d -> false;
      case Store st -> false;
      case Check c -> false;
      case Library l -> false;
    };
  }
}
