package dev.tnet.ir.loop;

import java.util.List;

/**
 * A side-effect-free scalar expression of loop IR. Semantics: I32 and I64 arithmetic wraps as
 * Java's; {@code DIV} of integers truncates, {@code FLOOR_DIV} and {@code MOD} floor (Python's
 * {@code //} and {@code %}); F32 arithmetic is IEEE float; {@code MIN}/{@code MAX} of floats
 * propagate NaN. {@link Call}s name pure functions of the runtime's {@code MathFns}.
 */
public sealed interface Expr {
  ScalarType type();

  record IntConst(int value) implements Expr {
    public ScalarType type() {
      return ScalarType.I32;
    }
  }

  record LongConst(long value) implements Expr {
    public ScalarType type() {
      return ScalarType.I64;
    }
  }

  record FloatConst(float value) implements Expr {
    public ScalarType type() {
      return ScalarType.F32;
    }
  }

  /** A loop counter, a {@code Let} binding or a local declared by {@code Declare}. */
  record Var(String name, ScalarType type) implements Expr {}

  /** {@code buffer[index]}; {@code type} is the buffer's element type. */
  record Load(String buffer, Expr index, ScalarType type) implements Expr {}

  record Unary(UnOp op, Expr operand) implements Expr {
    public ScalarType type() {
      return op == UnOp.NOT ? ScalarType.BOOL : operand.type();
    }
  }

  record Binary(BinOp op, Expr left, Expr right) implements Expr {
    public ScalarType type() {
      return op.isComparison() || op == BinOp.AND || op == BinOp.OR ? ScalarType.BOOL : left.type();
    }
  }

  record Select(Expr condition, Expr then, Expr otherwise) implements Expr {
    public ScalarType type() {
      return then.type();
    }
  }

  record Cast(ScalarType type, Expr operand) implements Expr {}

  /** A pure math function of the runtime: {@code exp}, {@code erf}, {@code pow}, ... */
  record Call(String function, List<Expr> args, ScalarType type) implements Expr {
    public Call {
      args = List.copyOf(args);
    }
  }

  enum UnOp {
    NEG,
    NOT,
    ABS
  }

  enum BinOp {
    ADD, SUB, MUL, DIV, FLOOR_DIV, MOD, MIN, MAX, LT, LE, GT, GE, EQ, NE, AND, OR;

    public boolean isComparison() {
      return switch (this) {
        case LT, LE, GT, GE, EQ, NE -> true;
        default -> false;
      };
    }
  }

  // ---- builders, so lowering reads like the math it writes ----

  static Expr i(int v) {
    return new IntConst(v);
  }

  static Expr f(float v) {
    return new FloatConst(v);
  }

  static Var idx(String name) {
    return new Var(name, ScalarType.I32);
  }

  static Expr add(Expr a, Expr b) {
    return new Binary(BinOp.ADD, a, b);
  }

  static Expr sub(Expr a, Expr b) {
    return new Binary(BinOp.SUB, a, b);
  }

  static Expr mul(Expr a, Expr b) {
    return new Binary(BinOp.MUL, a, b);
  }

  static Expr lt(Expr a, Expr b) {
    return new Binary(BinOp.LT, a, b);
  }

  static Expr ge(Expr a, Expr b) {
    return new Binary(BinOp.GE, a, b);
  }

  static Expr and(Expr a, Expr b) {
    return new Binary(BinOp.AND, a, b);
  }

  static Expr call(String fn, ScalarType type, Expr... args) {
    return new Call(fn, List.of(args), type);
  }
}
