package dev.tnet.ir.pass;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.LoopProgram;
import dev.tnet.ir.loop.LoopVerifier;
import dev.tnet.ir.loop.LoopVerifier.Range;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.loop.Stmt.Loop;
import java.util.HashMap;
import java.util.Map;

/**
 * Marks a kernel's top-level loops PARALLEL when their iterations provably write disjoint
 * elements, so backends may split them over threads.
 *
 * <p>Contract: a top-level loop over {@code v} is marked when every store in its body writes
 * {@code buf[v * S + r]} (or {@code buf[v]} with S = 1) where {@code r} does not mention {@code v}
 * and lies in {@code [0, S)} by interval analysis, every load of a buffer the loop stores to reads
 * the same slice the same way, and no mutable local declared outside the loop is assigned in it.
 * Only loop kinds change, so results are unchanged.
 */
public final class Parallelize {
  private Parallelize() {}

  public static LoopProgram run(LoopProgram p) {
    return p.mapKernels(k -> k.withBody(topLevel(k.body())));
  }

  private static Stmt topLevel(Stmt s) {
    return switch (s) {
      case Loop l when l.extent() > 1 && independent(l) -> l.withKind(Loop.Kind.PARALLEL);
      case Stmt.Block b -> new Stmt.Block(b.stmts().stream().map(Parallelize::topLevel).toList());
      default -> s;
    };
  }

  /** Whether the iterations of {@code l} touch disjoint slices of every buffer they write. */
  static boolean independent(Loop l) {
    java.util.Set<String> stored = new java.util.HashSet<>();
    Walk.stores(l.body(), st -> stored.add(st.buffer()));
    Map<String, Range> ranges = new HashMap<>();
    return Walk.allAccesses(l.body(), ranges, (buffer, index, r) ->
        !stored.contains(buffer) || sliced(index, l.var(), r)) && !Walk.assignsOuterLocal(l.body());
  }

  /** {@code index == var * S + r} with {@code r} free of var and in [0, S). */
  static boolean sliced(Expr index, String var, Map<String, Range> ranges) {
    if (index instanceof Expr.Var v && v.name().equals(var)) return true;
    if (index instanceof Expr.Binary b && b.op() == Expr.BinOp.ADD && b.left() instanceof Expr.Binary m
        && m.op() == Expr.BinOp.MUL && m.left() instanceof Expr.Var v && v.name().equals(var)
        && m.right() instanceof Expr.IntConst stride && !Walk.mentions(b.right(), var)) {
      Range r = LoopVerifier.range(b.right(), ranges);
      return r.bounded() && r.lo() >= 0 && r.hi() < stride.value();
    }
    if (index instanceof Expr.Binary m && m.op() == Expr.BinOp.MUL && m.left() instanceof Expr.Var v
        && v.name().equals(var) && m.right() instanceof Expr.IntConst) {
      return true;
    }
    return false;
  }
}
