package dev.tnet.ir.pass;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.LoopVerifier;
import dev.tnet.ir.loop.LoopVerifier.Range;
import dev.tnet.ir.loop.Stmt;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** Read-only traversals of loop IR that passes share. */
final class Walk {
  private Walk() {}

  /** Decides about one buffer access, given the ranges of the variables in scope. */
  interface AccessTest {
    boolean test(String buffer, Expr index, Map<String, Range> ranges);
  }

  static void stores(Stmt s, Consumer<Stmt.Store> f) {
    switch (s) {
      case Stmt.Loop l -> stores(l.body(), f);
      case Stmt.Block b -> b.stmts().forEach(x -> stores(x, f));
      case Stmt.Let l -> stores(l.body(), f);
      case Stmt.If i -> {
        stores(i.then(), f);
        stores(i.otherwise(), f);
      }
      case Stmt.Store st -> f.accept(st);
      case Stmt.Declare d -> {}
      case Stmt.Assign a -> {}
      case Stmt.Check c -> {}
      case Stmt.Library l -> {}
    }
  }

  /** Whether {@code test} holds for every load and store in {@code s}. */
  static boolean allAccesses(Stmt s, Map<String, Range> ranges, AccessTest test) {
    return switch (s) {
      case Stmt.Loop l -> {
        Map<String, Range> r = new HashMap<>(ranges);
        r.put(l.var(), new Range(0, Math.max(0, l.extent() - 1L)));
        yield allAccesses(l.body(), r, test);
      }
      case Stmt.Block b -> b.stmts().stream().allMatch(x -> allAccesses(x, ranges, test));
      case Stmt.Let l -> {
        if (!loads(l.value(), ranges, test)) yield false;
        Map<String, Range> r = new HashMap<>(ranges);
        r.put(l.var(), LoopVerifier.range(l.value(), ranges));
        yield allAccesses(l.body(), r, test);
      }
      case Stmt.If i -> loads(i.condition(), ranges, test) && allAccesses(i.then(), ranges, test) && allAccesses(i.otherwise(), ranges, test);
      case Stmt.Store st -> test.test(st.buffer(), st.index(), ranges) && loads(st.index(), ranges, test) && loads(st.value(), ranges, test);
      case Stmt.Declare d -> loads(d.init(), ranges, test);
      case Stmt.Assign a -> loads(a.value(), ranges, test);
      case Stmt.Check c -> loads(c.condition(), ranges, test) && loads(c.value(), ranges, test);
      case Stmt.Library l -> false; // whole-buffer accesses: never part of a loop a pass rewrites
    };
  }

  private static boolean loads(Expr e, Map<String, Range> ranges, AccessTest test) {
    return switch (e) {
      case Expr.Load l -> test.test(l.buffer(), l.index(), ranges) && loads(l.index(), ranges, test);
      case Expr.Unary u -> loads(u.operand(), ranges, test);
      case Expr.Binary b -> loads(b.left(), ranges, test) && loads(b.right(), ranges, test);
      case Expr.Select s -> loads(s.condition(), ranges, test) && loads(s.then(), ranges, test) && loads(s.otherwise(), ranges, test);
      case Expr.Cast c -> loads(c.operand(), ranges, test);
      case Expr.Call c -> c.args().stream().allMatch(a -> loads(a, ranges, test));
      default -> true;
    };
  }

  /** Whether {@code s} assigns a local it did not declare itself (state shared across iterations). */
  static boolean assignsOuterLocal(Stmt s) {
    return assignsOuter(s, new HashSet<>());
  }

  private static boolean assignsOuter(Stmt s, Set<String> declared) {
    return switch (s) {
      case Stmt.Loop l -> assignsOuter(l.body(), declared);
      case Stmt.Block b -> {
        Set<String> d = new HashSet<>(declared);
        boolean any = false;
        for (Stmt x : b.stmts()) {
          if (x instanceof Stmt.Declare dec) d.add(dec.var());
          any |= assignsOuter(x, d);
        }
        yield any;
      }
      case Stmt.Let l -> assignsOuter(l.body(), declared);
      case Stmt.If i -> assignsOuter(i.then(), declared) || assignsOuter(i.otherwise(), declared);
      case Stmt.Assign a -> !declared.contains(a.var());
      case Stmt.Store st -> false;
      case Stmt.Declare d -> false;
      case Stmt.Check c -> false;
      case Stmt.Library l -> false;
    };
  }

  static boolean mentions(Expr e, String var) {
    return switch (e) {
      case Expr.Var v -> v.name().equals(var);
      case Expr.Load l -> mentions(l.index(), var);
      case Expr.Unary u -> mentions(u.operand(), var);
      case Expr.Binary b -> mentions(b.left(), var) || mentions(b.right(), var);
      case Expr.Select s -> mentions(s.condition(), var) || mentions(s.then(), var) || mentions(s.otherwise(), var);
      case Expr.Cast c -> mentions(c.operand(), var);
      case Expr.Call c -> c.args().stream().anyMatch(a -> mentions(a, var));
      default -> false;
    };
  }
}
