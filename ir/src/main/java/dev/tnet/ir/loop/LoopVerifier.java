package dev.tnet.ir.loop;

import dev.tnet.ir.loop.Expr.*;
import dev.tnet.ir.loop.Stmt.*;
import dev.tnet.runtime.CompilerBug;
import dev.tnet.runtime.MathFns;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Checks a loop program's invariants; tests run it after every pass. Every variable is defined
 * before use with its declared type; stores write outputs or temporaries with values of the
 * buffer's type; each buffer has one writing kernel and a kernel reads only inputs, weights and
 * buffers written by earlier kernels (or itself), so no nest overwrites what a later one reads; and every access is provably in bounds: index expressions are bounded by interval
 * arithmetic over loop ranges, narrowed by enclosing {@code if}/{@code select} guards and by
 * {@code check}s earlier in the block. A failure is a {@link CompilerBug} naming kernel and access.
 */
public final class LoopVerifier {
  /** A closed integer interval; {@code Long.MIN_VALUE}/{@code MAX_VALUE} mean unbounded. */
  public record Range(long lo, long hi) {
    static final Range ANY = new Range(Long.MIN_VALUE, Long.MAX_VALUE);

    public boolean bounded() {
      return lo != Long.MIN_VALUE && hi != Long.MAX_VALUE;
    }
  }

  private final LoopProgram program;
  private final Set<String> written = new HashSet<>();
  private String kernel;

  private LoopVerifier(LoopProgram p) {
    this.program = p;
  }

  /** Returns {@code p} if it verifies. */
  public static LoopProgram verify(LoopProgram p) {
    LoopVerifier v = new LoopVerifier(p);
    Map<String, String> writer = new HashMap<>();
    for (Kernel k : p.kernels()) {
      v.kernel = k.name();
      Set<String> writesHere = new HashSet<>();
      collectWrites(k.body(), writesHere);
      for (String b : writesHere) {
        String prev = writer.putIfAbsent(b, k.name());
        if (prev != null) v.fail("buffer " + b + " is written by kernel " + prev + " too; one writer per buffer keeps nests free of write-after-read hazards");
      }
      v.written.addAll(writesHere);
      v.stmt(k.body(), new HashMap<>(), new HashMap<>());
    }
    for (String out : p.outputs().values()) {
      if (!v.written.contains(out) && !p.inputs().containsValue(out) && !p.weights().containsValue(out)) {
        throw new CompilerBug("output buffer " + out + " is never written");
      }
    }
    return p;
  }

  private static void collectWrites(Stmt s, Set<String> out) {
    switch (s) {
      case Loop l -> collectWrites(l.body(), out);
      case Block b -> b.stmts().forEach(x -> collectWrites(x, out));
      case Let l -> collectWrites(l.body(), out);
      case If i -> {
        collectWrites(i.then(), out);
        collectWrites(i.otherwise(), out);
      }
      case Store st -> out.add(st.buffer());
      case Library l -> out.add(l.writes());
      case Declare d -> {}
      case Assign a -> {}
      case Check c -> {}
    }
  }

  /** {@code types}: every visible variable's type; {@code ranges}: known intervals of integer variables. */
  private void stmt(Stmt s, Map<String, ScalarType> types, Map<String, Range> ranges) {
    switch (s) {
      case Loop l -> {
        if (l.extent() < 0) fail("loop " + l.var() + " has a negative extent");
        if (l.extent() == 0) return; // the body never runs
        scoped(types, ranges, l.var(), ScalarType.I32, new Range(0, l.extent() - 1L), () -> stmt(l.body(), types, ranges));
      }
      case Block b -> {
        Map<String, ScalarType> t = new HashMap<>(types);
        Map<String, Range> r = new HashMap<>(ranges);
        for (Stmt x : b.stmts()) {
          stmt(x, t, r);
          if (x instanceof Declare d) {
            t.put(d.var(), d.type());
            r.put(d.var(), Range.ANY);
          }
          if (x instanceof Check c) narrow(c.condition(), t, r);
          if (x instanceof Assign a) r.put(a.var(), Range.ANY);
        }
      }
      case Let l -> {
        ScalarType t = expr(l.value(), types, ranges);
        Range r = t == ScalarType.I32 || t == ScalarType.I64 ? range(l.value(), ranges) : Range.ANY;
        scoped(types, ranges, l.var(), t, r, () -> stmt(l.body(), types, ranges));
      }
      case Declare d -> expect(d.init(), d.type(), types, ranges, "initial value of " + d.var());
      case Assign a -> {
        ScalarType t = types.get(a.var());
        if (t == null) fail("assignment to undeclared " + a.var());
        expect(a.value(), t, types, ranges, "value assigned to " + a.var());
      }
      case Store st -> {
        Buffer b = program.buffer(st.buffer());
        if (b.role() == Buffer.Role.INPUT || b.role() == Buffer.Role.WEIGHT) fail("store into " + b.role() + " buffer " + b.name());
        access(st.buffer(), st.index(), types, ranges);
        expect(st.value(), b.type(), types, ranges, "value stored into " + st.buffer());
      }
      case If i -> {
        expect(i.condition(), ScalarType.BOOL, types, ranges, "condition");
        Map<String, Range> narrowed = new HashMap<>(ranges), otherwise = new HashMap<>(ranges);
        narrow(i.condition(), types, narrowed);
        narrow(negation(i.condition()), types, otherwise);
        stmt(i.then(), types, narrowed);
        stmt(i.otherwise(), types, otherwise);
      }
      case Check c -> {
        expect(c.condition(), ScalarType.BOOL, types, ranges, "check");
        expr(c.value(), types, ranges);
      }
      case Library l -> library(l);
    }
  }

  /**
   * A library call reads F32 buffers that exist (inputs, weights or written before), writes an F32
   * temporary or output, and every buffer has exactly the size the library says the kernel uses for
   * these constants; a weight-packing call reads only weights.
   */
  private void library(Library l) {
    if (!dev.tnet.runtime.kernel.Library.NAMES.contains(l.kernel())) fail("no library kernel " + l.kernel());
    int[] arity = dev.tnet.runtime.kernel.Library.arity(l.kernel());
    if (l.ints().size() != arity[0] || l.floats().size() != arity[1]) {
      fail("library " + l.kernel() + " takes " + arity[0] + " ints and " + arity[1] + " floats, got " + l.ints() + ", " + l.floats());
    }
    int[] sizes;
    int outSize;
    try {
      sizes = dev.tnet.runtime.kernel.Library.readSizes(l.kernel(), l.intArray());
      outSize = dev.tnet.runtime.kernel.Library.outSize(l.kernel(), l.intArray());
    } catch (IllegalArgumentException e) {
      fail("library " + l.kernel() + ": " + e.getMessage());
      return;
    }
    if (sizes.length != l.reads().size()) fail("library " + l.kernel() + " reads " + sizes.length + " buffers, got " + l.reads());
    for (int i = 0; i < sizes.length; i++) {
      Buffer b = program.buffer(l.reads().get(i));
      if (b.type() != ScalarType.F32 || b.size() != sizes[i]) fail("library " + l.kernel() + " reads " + sizes[i] + " floats from " + b.name() + ", which is " + b.type() + b.shape());
      boolean readable = b.role() == Buffer.Role.INPUT || b.role() == Buffer.Role.WEIGHT || written.contains(b.name());
      if (!readable) fail("library " + l.kernel() + " reads " + b.name() + " before any kernel writes it");
      if (l.packsWeights() && b.role() != Buffer.Role.WEIGHT) fail("weight packing " + l.kernel() + " reads " + b.role() + " buffer " + b.name());
    }
    Buffer out = program.buffer(l.writes());
    if (out.role() == Buffer.Role.INPUT || out.role() == Buffer.Role.WEIGHT) fail("library " + l.kernel() + " writes " + out.role() + " buffer " + out.name());
    if (out.type() != ScalarType.F32 || out.size() != outSize) fail("library " + l.kernel() + " writes " + outSize + " floats to " + out.name() + ", which is " + out.type() + out.shape());
  }

  private static void scoped(Map<String, ScalarType> types, Map<String, Range> ranges, String var, ScalarType t, Range r, Runnable body) {
    ScalarType oldT = types.put(var, t);
    Range oldR = ranges.put(var, r);
    body.run();
    if (oldT == null) types.remove(var);
    else types.put(var, oldT);
    if (oldR == null) ranges.remove(var);
    else ranges.put(var, oldR);
  }

  private void expect(Expr e, ScalarType want, Map<String, ScalarType> types, Map<String, Range> ranges, String what) {
    ScalarType got = expr(e, types, ranges);
    if (got != want) fail(what + " has type " + got + ", expected " + want + ": " + LoopPrinter.expr(e));
  }

  private ScalarType expr(Expr e, Map<String, ScalarType> types, Map<String, Range> ranges) {
    return switch (e) {
      case IntConst c -> ScalarType.I32;
      case LongConst c -> ScalarType.I64;
      case FloatConst c -> ScalarType.F32;
      case Var v -> {
        ScalarType t = types.get(v.name());
        if (t == null) fail("variable " + v.name() + " is used outside its scope");
        if (t != v.type()) fail("variable " + v.name() + " is " + t + " but used as " + v.type());
        yield t;
      }
      case Load l -> {
        access(l.buffer(), l.index(), types, ranges);
        if (program.buffer(l.buffer()).type() != l.type()) fail("load of " + l.buffer() + " typed " + l.type());
        if (!written.contains(l.buffer()) && program.buffer(l.buffer()).role() != Buffer.Role.INPUT
            && program.buffer(l.buffer()).role() != Buffer.Role.WEIGHT) {
          fail("reads " + l.buffer() + " before any kernel writes it");
        }
        yield l.type();
      }
      case Unary u -> {
        ScalarType t = expr(u.operand(), types, ranges);
        if ((u.op() == UnOp.NOT) != (t == ScalarType.BOOL)) fail(u.op() + " of " + t);
        yield u.type();
      }
      case Binary b -> {
        ScalarType l = expr(b.left(), types, ranges), r = expr(b.right(), types, ranges);
        if (l != r) fail("operands of " + b.op() + " differ: " + l + " and " + r + " in " + LoopPrinter.expr(b));
        boolean logical = b.op() == BinOp.AND || b.op() == BinOp.OR;
        if (logical != (l == ScalarType.BOOL)) fail(b.op() + " of " + l);
        yield b.type();
      }
      case Select s -> {
        expect(s.condition(), ScalarType.BOOL, types, ranges, "select condition");
        Map<String, Range> narrowed = new HashMap<>(ranges), otherwise = new HashMap<>(ranges);
        narrow(s.condition(), types, narrowed);
        narrow(negation(s.condition()), types, otherwise);
        ScalarType a = expr(s.then(), types, narrowed), b = expr(s.otherwise(), types, otherwise);
        if (a != b) fail("select branches differ: " + a + " and " + b);
        yield a;
      }
      case Cast c -> {
        expr(c.operand(), types, ranges);
        yield c.type();
      }
      case Call c -> {
        if (!MathFns.NAMES.contains(c.function())) fail("unknown function " + c.function());
        for (Expr a : c.args()) expect(a, ScalarType.F32, types, ranges, "argument of " + c.function());
        yield c.type();
      }
    };
  }

  private void access(String buffer, Expr index, Map<String, ScalarType> types, Map<String, Range> ranges) {
    Buffer b = program.buffer(buffer);
    expect(index, ScalarType.I32, types, ranges, "index into " + buffer);
    Range r = range(index, ranges);
    if (!r.bounded() || r.lo() < 0 || r.hi() >= b.size()) {
      fail("cannot prove " + buffer + "[" + LoopPrinter.expr(index) + "] in bounds: index in "
          + (r.bounded() ? "[" + r.lo() + ", " + r.hi() + "]" : "an unbounded range") + ", size " + b.size());
    }
  }

  /** The interval of an integer expression; ANY when unknown. */
  public static Range range(Expr e, Map<String, Range> ranges) {
    return switch (e) {
      case IntConst c -> new Range(c.value(), c.value());
      case LongConst c -> new Range(c.value(), c.value());
      case Var v -> ranges.getOrDefault(v.name(), Range.ANY);
      case Cast c -> c.type() == ScalarType.I32 || c.type() == ScalarType.I64 ? range(c.operand(), ranges) : Range.ANY;
      case Select s -> {
        Range a = range(s.then(), ranges), b = range(s.otherwise(), ranges);
        yield new Range(Math.min(a.lo(), b.lo()), Math.max(a.hi(), b.hi()));
      }
      case Binary b -> binaryRange(b, range(b.left(), ranges), range(b.right(), ranges));
      case Unary u when u.op() == UnOp.NEG -> {
        Range r = range(u.operand(), ranges);
        yield r.bounded() ? new Range(-r.hi(), -r.lo()) : Range.ANY;
      }
      case Unary u when u.op() == UnOp.ABS -> {
        Range r = range(u.operand(), ranges);
        yield !r.bounded() ? Range.ANY : r.lo() >= 0 ? r : r.hi() <= 0 ? new Range(-r.hi(), -r.lo()) : new Range(0, Math.max(-r.lo(), r.hi()));
      }
      default -> Range.ANY;
    };
  }

  private static Range binaryRange(Binary b, Range x, Range y) {
    // MIN and MAX are exact on the unbounded markers too: min(e, n - 1) is at most n - 1 whatever e is.
    if (b.op() == BinOp.MIN) return new Range(Math.min(x.lo(), y.lo()), Math.min(x.hi(), y.hi()));
    if (b.op() == BinOp.MAX) return new Range(Math.max(x.lo(), y.lo()), Math.max(x.hi(), y.hi()));
    if (!x.bounded() || !y.bounded()) {
      if (b.op() == BinOp.MOD && y.bounded() && y.lo() > 0) return new Range(0, y.hi() - 1);
      return Range.ANY;
    }
    return switch (b.op()) {
      case ADD -> new Range(x.lo() + y.lo(), x.hi() + y.hi());
      case SUB -> new Range(x.lo() - y.hi(), x.hi() - y.lo());
      case MUL -> {
        long[] p = {x.lo() * y.lo(), x.lo() * y.hi(), x.hi() * y.lo(), x.hi() * y.hi()};
        yield new Range(java.util.Arrays.stream(p).min().getAsLong(), java.util.Arrays.stream(p).max().getAsLong());
      }
      case FLOOR_DIV, DIV -> y.lo() > 0 && (b.op() == BinOp.FLOOR_DIV || x.lo() >= 0)
          ? new Range(Math.min(Math.floorDiv(x.lo(), y.lo()), Math.floorDiv(x.lo(), y.hi())),
              Math.max(Math.floorDiv(x.hi(), y.lo()), Math.floorDiv(x.hi(), y.hi())))
          : Range.ANY;
      case MOD -> y.lo() > 0 ? new Range(0, y.hi() - 1) : Range.ANY;
      case MIN -> new Range(Math.min(x.lo(), y.lo()), Math.min(x.hi(), y.hi()));
      case MAX -> new Range(Math.max(x.lo(), y.lo()), Math.max(x.hi(), y.hi()));
      default -> Range.ANY;
    };
  }

  /** Narrows variable ranges by a condition known to hold: conjunctions of {@code var op expr}. */
  private static void narrow(Expr cond, Map<String, ScalarType> types, Map<String, Range> ranges) {
    if (!(cond instanceof Binary b)) return; // includes null: nothing known
    if (b.op() == BinOp.AND) {
      narrow(b.left(), types, ranges);
      narrow(b.right(), types, ranges);
      return;
    }
    if (!b.op().isComparison()) return;
    if (b.left() instanceof Var v) bound(v.name(), b.op(), range(b.right(), ranges), ranges);
    if (b.right() instanceof Var v) bound(v.name(), flip(b.op()), range(b.left(), ranges), ranges);
  }

  private static void bound(String var, BinOp op, Range other, Map<String, Range> ranges) {
    Range r = ranges.getOrDefault(var, Range.ANY);
    long lo = r.lo(), hi = r.hi();
    switch (op) {
      case GE -> lo = other.lo() == Long.MIN_VALUE ? lo : Math.max(lo, other.lo());
      case GT -> lo = other.lo() == Long.MIN_VALUE ? lo : Math.max(lo, other.lo() + 1);
      case LE -> hi = other.hi() == Long.MAX_VALUE ? hi : Math.min(hi, other.hi());
      case LT -> hi = other.hi() == Long.MAX_VALUE ? hi : Math.min(hi, other.hi() - 1);
      case EQ -> {
        if (other.lo() != Long.MIN_VALUE) lo = Math.max(lo, other.lo());
        if (other.hi() != Long.MAX_VALUE) hi = Math.min(hi, other.hi());
      }
      default -> {}
    }
    ranges.put(var, new Range(lo, hi));
  }

  /** The negation of a single comparison ({@code a < b} gives {@code a >= b}); null (nothing known) otherwise. */
  private static Expr negation(Expr cond) {
    if (cond instanceof Binary b && b.op().isComparison()) {
      BinOp neg = switch (b.op()) {
        case LT -> BinOp.GE;
        case GE -> BinOp.LT;
        case LE -> BinOp.GT;
        case GT -> BinOp.LE;
        case EQ -> BinOp.NE;
        default -> BinOp.EQ;
      };
      return new Binary(neg, b.left(), b.right());
    }
    return null;
  }

  private static BinOp flip(BinOp op) {
    return switch (op) {
      case LT -> BinOp.GT;
      case LE -> BinOp.GE;
      case GT -> BinOp.LT;
      case GE -> BinOp.LE;
      default -> op;
    };
  }

  private void fail(String message) {
    throw new CompilerBug("loop IR verification failed in kernel " + kernel + ": " + message);
  }
}
