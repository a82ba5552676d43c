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
 * {@code buf[index]} with the index linear in {@code v}, {@code index = v * S + r}, {@code S > 0}
 * and {@code r} (the index at {@code v = 0}) in {@code [0, S)} by interval analysis, every load of a buffer the loop stores to reads
 * the same slice the same way, and no mutable local declared outside the loop is assigned in it.
 * Only loop kinds change (and one-iteration loops become lets), so results are unchanged.
 */
public final class Parallelize {
  private Parallelize() {}

  public static LoopProgram run(LoopProgram p) {
    return p.mapKernels(k -> k.withBody(topLevel(k.body(), new HashMap<>())));
  }

  /**
   * Marks the outermost independent loop of each top-level nest. A loop of one iteration (a batch
   * of 1) whose body is a single loop becomes {@code let v = 0}, so the parallel loop is the first
   * one with work to split.
   */
  private static Stmt topLevel(Stmt s, Map<String, Range> outer) {
    return switch (s) {
      case Loop l when l.extent() > 1 && independent(l, outer) -> l.withKind(Loop.Kind.PARALLEL);
      case Loop l when l.extent() == 1 && l.body() instanceof Loop inner -> {
        Map<String, Range> r = new HashMap<>(outer);
        r.put(l.var(), new Range(0, 0));
        yield new Stmt.Let(l.var(), new Expr.IntConst(0), topLevel(inner, r));
      }
      case Stmt.Let l -> {
        Map<String, Range> r = new HashMap<>(outer);
        r.put(l.var(), LoopVerifier.range(l.value(), outer));
        yield new Stmt.Let(l.var(), l.value(), topLevel(l.body(), r));
      }
      case Stmt.Block b -> new Stmt.Block(b.stmts().stream().map(x -> topLevel(x, outer)).toList());
      default -> s;
    };
  }

  /** Whether the iterations of {@code l} touch disjoint slices of every buffer they write. */
  static boolean independent(Loop l, Map<String, Range> outer) {
    java.util.Set<String> stored = new java.util.HashSet<>();
    Walk.stores(l.body(), st -> stored.add(st.buffer()));
    return Walk.allAccesses(l.body(), new HashMap<>(outer), (buffer, index, r) ->
        !stored.contains(buffer) || sliced(index, l.var(), r)) && !Walk.assignsOuterLocal(l.body());
  }

  /**
   * {@code index == var * S + r} for a constant {@code S > 0} and {@code r} free of var in
   * {@code [0, S)}: the index is linear in var (nested row-major forms such as
   * {@code ((var * d1 + i1) * d2 + i2)} included), {@code S} its coefficient, {@code r} the index
   * with var set to 0.
   */
  static boolean sliced(Expr index, String var, Map<String, Range> ranges) {
    Long stride = coefficient(index, var);
    if (stride == null || stride <= 0) return false;
    Range r = LoopVerifier.range(substituteZero(index, var), ranges);
    return r.bounded() && r.lo() >= 0 && r.hi() < stride;
  }

  /** The coefficient of {@code var} in {@code e} if {@code e} is linear in it (0 if absent), else null. */
  static Long coefficient(Expr e, String var) {
    if (!Walk.mentions(e, var)) return 0L;
    return switch (e) {
      case Expr.Var v -> 1L;
      case Expr.Binary b when b.op() == Expr.BinOp.ADD || b.op() == Expr.BinOp.SUB -> {
        Long x = coefficient(b.left(), var), y = coefficient(b.right(), var);
        yield x == null || y == null ? null : b.op() == Expr.BinOp.ADD ? x + y : x - y;
      }
      case Expr.Binary b when b.op() == Expr.BinOp.MUL && b.right() instanceof Expr.IntConst c -> times(coefficient(b.left(), var), c.value());
      case Expr.Binary b when b.op() == Expr.BinOp.MUL && b.left() instanceof Expr.IntConst c -> times(coefficient(b.right(), var), c.value());
      default -> null;
    };
  }

  private static Long times(Long x, long c) {
    return x == null ? null : x * c;
  }

  /** {@code e} with {@code var} replaced by 0 (only used on expressions linear in var). */
  static Expr substituteZero(Expr e, String var) {
    return switch (e) {
      case Expr.Var v when v.name().equals(var) -> new Expr.IntConst(0);
      case Expr.Binary b -> new Expr.Binary(b.op(), substituteZero(b.left(), var), substituteZero(b.right(), var));
      default -> e;
    };
  }
}
