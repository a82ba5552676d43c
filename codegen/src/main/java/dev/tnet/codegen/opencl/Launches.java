package dev.tnet.codegen.opencl;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.Kernel;
import dev.tnet.ir.loop.LoopProgram;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.loop.Stmt.Loop;
import dev.tnet.ir.pass.Parallelize;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a loop-IR kernel into OpenCL launches and picks each launch's NDRange.
 *
 * <p>A kernel body that is a block of nests without locals shared between them (only lets around
 * it) becomes one launch per nest: launches on one in-order queue run one after the other, as the
 * block's statements do. A launch whose nest starts (under lets) with a PARALLEL loop maps that
 * loop to a global id; directly nested loops that {@link Parallelize} would also mark independent
 * (with the outer counters fixed) take the next ids, up to three. Any other launch is one
 * work-item running the nest serially.
 */
final class Launches {
  /** At most this many loops become NDRange dimensions (OpenCL's minimum maximum). */
  static final int MAX_DIMS = 3;

  /**
   * One launch: {@code dims} are the loops mapped to global ids, outermost first (the innermost is
   * dimension 0, so neighbouring work-items touch neighbouring elements); {@code body} is the
   * nest with those loops replaced by their bodies.
   */
  record Launch(List<Loop> dims, Stmt body) {}

  private Launches() {}

  static List<Launch> of(Kernel k, LoopProgram p) {
    List<Launch> out = new ArrayList<>();
    for (Stmt s : segments(k.body())) out.add(launch(s, p));
    return out;
  }

  /** The statements of {@code s} that may run as separate launches, in order. */
  static List<Stmt> segments(Stmt s) {
    return switch (s) {
      case Stmt.Block b when b.stmts().stream().noneMatch(x -> x instanceof Stmt.Declare || x instanceof Stmt.Assign) ->
          b.stmts().stream().flatMap(x -> segments(x).stream()).toList();
      case Stmt.Let l -> segments(l.body()).stream().map(x -> (Stmt) new Stmt.Let(l.var(), l.value(), x)).toList();
      default -> List.of(s);
    };
  }

  private static Launch launch(Stmt s, LoopProgram p) {
    List<Loop> dims = new ArrayList<>();
    Stmt body = strip(s, dims, p, List.of());
    return new Launch(List.copyOf(dims), body);
  }

  /**
   * {@code s} with its NDRange loops replaced by their bodies (added to {@code dims}); {@code outer}
   * are the lets and loops around {@code s}, innermost last, for the independence probe.
   */
  private static Stmt strip(Stmt s, List<Loop> dims, LoopProgram p, List<Stmt> outer) {
    return switch (s) {
      case Stmt.Let l -> new Stmt.Let(l.var(), l.value(), strip(l.body(), dims, p, append(outer, l)));
      case Loop l when dims.size() < MAX_DIMS && l.extent() > 1 && (dims.isEmpty() ? l.kind() == Loop.Kind.PARALLEL : independent(l, p, outer)) -> {
        dims.add(l);
        yield strip(l.body(), dims, p, append(outer, l));
      }
      default -> s;
    };
  }

  private static List<Stmt> append(List<Stmt> list, Stmt s) {
    List<Stmt> r = new ArrayList<>(list);
    r.add(s);
    return r;
  }

  /**
   * Whether {@link Parallelize} marks {@code l} PARALLEL as the top-level loop of a kernel whose
   * enclosing loop counters are fixed at 0 (the enclosing parallel loops already write disjoint
   * slices per iteration, and index expressions are linear in their counters).
   */
  private static boolean independent(Loop l, LoopProgram p, List<Stmt> outer) {
    Stmt probe = l.withKind(Loop.Kind.SERIAL);
    for (int i = outer.size() - 1; i >= 0; i--) {
      probe = switch (outer.get(i)) {
        case Stmt.Let let -> new Stmt.Let(let.var(), let.value(), probe);
        case Loop loop -> new Stmt.Let(loop.var(), new Expr.IntConst(0), probe);
        default -> throw new dev.tnet.runtime.CompilerBug("unexpected " + outer.get(i));
      };
    }
    LoopProgram one = new LoopProgram(p.name(), p.buffers(), List.of(new Kernel("probe", "probe", probe)),
        p.inputs(), p.weights(), p.outputs());
    Stmt marked = Parallelize.run(one).kernels().getFirst().body();
    while (marked instanceof Stmt.Let let) marked = let.body();
    return marked instanceof Loop m && m.kind() == Loop.Kind.PARALLEL;
  }
}
