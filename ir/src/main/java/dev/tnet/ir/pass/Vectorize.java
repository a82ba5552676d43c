package dev.tnet.ir.pass;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.LoopProgram;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.loop.Stmt.Loop;
import java.util.HashMap;

/**
 * Marks innermost loops VECTOR when their iterations are independent and every access is
 * unit-stride or invariant in the loop variable, so backends may run them as SIMD lanes.
 *
 * <p>Contract: a SERIAL loop with no loop inside is marked when it has at least 4 iterations, no
 * store or assignment escapes an iteration except stores whose index is {@code v} plus terms free
 * of {@code v} (so lanes write consecutive elements), and every load's index is such a
 * unit-stride expression or does not mention {@code v}; a buffer the loop writes is read only at
 * the element the same iteration writes. Only loop kinds change.
 */
public final class Vectorize {
  private Vectorize() {}

  public static LoopProgram run(LoopProgram p) {
    return p.mapKernels(k -> k.withBody(visit(k.body())));
  }

  private static Stmt visit(Stmt s) {
    return switch (s) {
      case Loop l when l.kind() == Loop.Kind.SERIAL && innermost(l.body()) && l.extent() >= 4 && vectorizable(l) -> l.withKind(Loop.Kind.VECTOR);
      case Loop l -> l.withBody(visit(l.body()));
      case Stmt.Block b -> new Stmt.Block(b.stmts().stream().map(Vectorize::visit).toList());
      case Stmt.Let l -> new Stmt.Let(l.var(), l.value(), visit(l.body()));
      case Stmt.If i -> new Stmt.If(i.condition(), visit(i.then()), visit(i.otherwise()));
      default -> s;
    };
  }

  private static boolean innermost(Stmt s) {
    return switch (s) {
      case Loop l -> false;
      case Stmt.Block b -> b.stmts().stream().allMatch(Vectorize::innermost);
      case Stmt.Let l -> innermost(l.body());
      case Stmt.If i -> innermost(i.then()) && innermost(i.otherwise());
      default -> true;
    };
  }

  private static boolean vectorizable(Loop l) {
    if (Walk.assignsOuterLocal(l.body())) return false;
    boolean[] storesUnitStride = {true};
    java.util.Map<String, Expr> storeIndex = new HashMap<>();
    Walk.stores(l.body(), st -> {
      storesUnitStride[0] &= unitStride(st.index(), l.var());
      Expr prev = storeIndex.putIfAbsent(st.buffer(), st.index());
      storesUnitStride[0] &= prev == null || prev.equals(st.index());
    });
    // A buffer the loop writes may only be read at the element the same iteration writes.
    return storesUnitStride[0] && Walk.allAccesses(l.body(), new HashMap<>(), (buffer, index, ranges) ->
        storeIndex.containsKey(buffer) ? storeIndex.get(buffer).equals(index)
            : unitStride(index, l.var()) || !Walk.mentions(index, l.var()));
  }

  /** {@code index} is {@code v} or {@code rest + v} / {@code v + rest} with rest free of {@code v}. */
  static boolean unitStride(Expr index, String v) {
    if (index instanceof Expr.Var x) return x.name().equals(v);
    if (index instanceof Expr.Binary b && b.op() == Expr.BinOp.ADD) {
      return unitStride(b.right(), v) && !Walk.mentions(b.left(), v) || unitStride(b.left(), v) && !Walk.mentions(b.right(), v);
    }
    return false;
  }
}
