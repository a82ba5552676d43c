package dev.tnet.ir.loop;

import java.util.List;

/**
 * A statement of loop IR. A kernel's body is a tree of loops over buffers; scalar state lives in
 * {@link Declare}d locals (accumulators) and immutable {@link Let} bindings (index arithmetic).
 */
public sealed interface Stmt {
  /**
   * {@code for var in [0, extent)}: {@code kind} says how backends may run it. A PARALLEL loop's
   * iterations are independent (they write disjoint elements); a VECTOR loop is innermost, its
   * iterations are independent and its unit-stride accesses may become SIMD lanes.
   */
  record Loop(String var, int extent, Kind kind, Stmt body) implements Stmt {
    public enum Kind {
      SERIAL,
      PARALLEL,
      VECTOR
    }

    public Loop withKind(Kind k) {
      return new Loop(var, extent, k, body);
    }

    public Loop withBody(Stmt b) {
      return new Loop(var, extent, kind, b);
    }
  }

  record Block(List<Stmt> stmts) implements Stmt {
    public Block {
      stmts = List.copyOf(stmts);
    }
  }

  /** An immutable binding visible in {@code body}: {@code let ih = oh * 2 + kh - 1 in ...}. */
  record Let(String var, Expr value, Stmt body) implements Stmt {}

  /** A mutable local scalar, visible in the rest of the enclosing block. */
  record Declare(String var, ScalarType type, Expr init) implements Stmt {}

  record Assign(String var, Expr value) implements Stmt {}

  record Store(String buffer, Expr index, Expr value) implements Stmt {}

  record If(Expr condition, Stmt then, Stmt otherwise) implements Stmt {}

  /** Fails the run with a user error unless {@code condition} holds; {@code value} is shown. */
  record Check(Expr condition, String message, Expr value) implements Stmt {}

  /**
   * A call of the runtime's library kernel {@code kernel} ({@code dev.tnet.runtime.kernel.Library}):
   * it reads exactly the F32 buffers {@code reads}, in order, and writes every element of buffer
   * {@code writes} (and nothing else), given the integer and float constants {@code ints} and
   * {@code floats}; the library defines its meaning and the sizes it needs. {@code note} says why
   * the lowering chose it (shown by the printer, no meaning).
   */
  record Library(String kernel, List<String> reads, String writes, List<Integer> ints, List<Float> floats, String note)
      implements Stmt {
    public Library {
      reads = List.copyOf(reads);
      ints = List.copyOf(ints);
      floats = List.copyOf(floats);
    }

    public int[] intArray() {
      return ints.stream().mapToInt(Integer::intValue).toArray();
    }

    public float[] floatArray() {
      float[] f = new float[floats.size()];
      for (int i = 0; i < f.length; i++) f[i] = floats.get(i);
      return f;
    }

    /** Whether it packs weights: it reads only weights, so backends may run it once, at load time. */
    public boolean packsWeights() {
      return kernel.endsWith(".pack");
    }
  }

  static Stmt block(Stmt... s) {
    return new Block(List.of(s));
  }

  static Stmt nothing() {
    return new Block(List.of());
  }
}
