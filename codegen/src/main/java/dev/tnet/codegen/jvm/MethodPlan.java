package dev.tnet.codegen.jvm;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.ir.loop.Stmt;
import java.util.List;

/**
 * One static method of a generated class. Its parameters are, in order: the worker pool (if it
 * dispatches parallel loops), its buffers ({@code float[]} or {@code long[]}), its scalar
 * variables, and for a {@link Body.Chunk} the iteration range {@code lo, hi}.
 */
record MethodPlan(String name, boolean takesPool, List<String> buffers, List<Param> vars, Body body) {
  MethodPlan {
    buffers = List.copyOf(buffers);
    vars = List.copyOf(vars);
  }

  record Param(String name, ScalarType type) {}

  /** What a method computes. */
  sealed interface Body {
    /** A kernel's loop nest. */
    record Kernel(Stmt stmt) implements Body {}

    /** Part of a method moved out to keep it small; returns {@code result}'s final value if not null. */
    record Part(Stmt stmt, Param result) implements Body {}

    /** A pure expression moved out; returns its value. */
    record Value(Expr expr) implements Body {}

    /** Iterations {@code [lo, hi)} of a parallel loop. */
    record Chunk(Stmt.Loop loop) implements Body {}
  }

  /** The root IR node, which the method emits itself rather than calling out. */
  Object root() {
    return switch (body) {
      case Body.Kernel k -> k.stmt();
      case Body.Part p -> p.stmt();
      case Body.Value v -> v.expr();
      case Body.Chunk c -> c.loop();
    };
  }

  /** The JVM return type: a part's result, a value's type, or void. */
  ScalarType returns() {
    return switch (body) {
      case Body.Part p -> p.result() == null ? null : p.result().type();
      case Body.Value v -> v.expr().type();
      default -> null;
    };
  }
}
