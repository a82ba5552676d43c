package dev.tnet.codegen.opencl;

import dev.tnet.ir.loop.Buffer;
import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.Expr.BinOp;
import dev.tnet.ir.loop.LoopProgram;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.runtime.CompilerBug;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Emits one OpenCL C kernel function for a {@link Launches.Launch}. Semantics follow
 * {@link Expr}: I64 arithmetic wraps (done in {@code ulong}), integer division and modulo go
 * through the prelude's helpers (floor semantics, Java's results for {@code MIN / -1}, division by
 * zero reported through the error buffer), float-to-integer casts saturate with NaN giving 0 (as
 * Java's), float MIN/MAX propagate NaN and order -0 before +0 (as {@code Math.min}). A failed
 * {@code Check} records its id and value in the error buffer and ends the work-item.
 */
final class CEmitter {
  /** The helper functions every program starts with. */
  static final String PRELUDE = """
      // tnet OpenCL prelude: loop IR semantics (see dev.tnet.ir.loop.Expr) on top of OpenCL C.
      #pragma OPENCL FP_CONTRACT OFF
      int tn_zero_div(__global int* err) { atomic_cmpxchg(err, 0, -1); return 0; }
      void tn_fail(__global int* err, int id, int lo, int hi) {
        if (atomic_cmpxchg(err, 0, id) == 0) { err[1] = lo; err[2] = hi; }
      }
      int tn_div_i(int x, int y, __global int* err) { return y == 0 ? tn_zero_div(err) : y == -1 ? (int)(0u - (uint)x) : x / y; }
      int tn_fdiv_i(int x, int y, __global int* err) {
        if (y == 0) return tn_zero_div(err);
        if (y == -1) return (int)(0u - (uint)x);
        int q = x / y;
        return (x % y != 0 && (x ^ y) < 0) ? q - 1 : q;
      }
      int tn_mod_i(int x, int y, __global int* err) {
        if (y == 0) return tn_zero_div(err);
        if (y == -1) return 0;
        int r = x % y;
        return (r != 0 && (r ^ y) < 0) ? r + y : r;
      }
      long tn_div_l(long x, long y, __global int* err) { return y == 0 ? (long)tn_zero_div(err) : y == -1 ? (long)(0ul - (ulong)x) : x / y; }
      long tn_fdiv_l(long x, long y, __global int* err) {
        if (y == 0) return tn_zero_div(err);
        if (y == -1) return (long)(0ul - (ulong)x);
        long q = x / y;
        return (x % y != 0 && (x ^ y) < 0) ? q - 1 : q;
      }
      long tn_mod_l(long x, long y, __global int* err) {
        if (y == 0) return tn_zero_div(err);
        if (y == -1) return 0;
        long r = x % y;
        return (r != 0 && (r ^ y) < 0) ? r + y : r;
      }
      long tn_add_l(long a, long b) { return (long)((ulong)a + (ulong)b); }
      long tn_sub_l(long a, long b) { return (long)((ulong)a - (ulong)b); }
      long tn_mul_l(long a, long b) { return (long)((ulong)a * (ulong)b); }
      long tn_neg_l(long a) { return (long)(0ul - (ulong)a); }
      float tn_fmod(float x, float y) { return x - floor(x / y) * y; }
      float tn_fmin(float a, float b) { return isnan(a) || isnan(b) ? NAN : a < b ? a : b < a ? b : signbit(a) ? a : b; }
      float tn_fmax(float a, float b) { return isnan(a) || isnan(b) ? NAN : a > b ? a : b > a ? b : signbit(a) ? b : a; }
      float tn_sign(float x) { return isnan(x) || x == 0.0f ? x : x > 0.0f ? 1.0f : -1.0f; }
      float tn_tanh(float x) { return fabs(x) >= 10.0f ? copysign(1.0f, x) : tanh(x); } // exact +-1 for large |x|, as Java's
      float tn_sigmoid(float x) { return 1.0f / (1.0f + exp(-x)); }
      float tn_softplus(float x) { return x > 20.0f ? x : log1p(exp(x)); }
      """;

  /** A {@code Check} of the program: its message and the type of the value it shows. */
  record CheckSite(String message, ScalarType type) {}

  private final LoopProgram program;
  private final List<CheckSite> checks;
  private final StringBuilder out = new StringBuilder();
  private final Map<String, String> env = new HashMap<>();
  private final Set<String> used = new HashSet<>();
  private int depth = 1;

  private CEmitter(LoopProgram program, List<CheckSite> checks) {
    this.program = program;
    this.checks = checks;
  }

  /**
   * Appends the kernel {@code name} for {@code launch} to {@code src}; returns the buffers it takes
   * after the error buffer, in order. Checks are numbered into {@code checks} (ids from 1).
   */
  static List<String> emit(StringBuilder src, String name, Launches.Launch launch, LoopProgram p, List<CheckSite> checks) {
    CEmitter e = new CEmitter(p, checks);
    Set<String> stored = new LinkedHashSet<>(), all = new LinkedHashSet<>();
    buffers(launch.body(), stored, all);
    List<String> params = new ArrayList<>(all);
    src.append("__kernel void ").append(name).append("(__global int* restrict tn_err");
    for (String b : params) {
      Buffer buf = p.buffer(b);
      src.append(", __global ").append(stored.contains(b) ? "" : "const ").append(ctype(buf.type())).append("* restrict ")
          .append(bufferName(b));
    }
    src.append(") {\n  if (tn_err[0] != 0) return;\n");
    List<Stmt.Loop> dims = launch.dims();
    List<String> guards = new ArrayList<>();
    for (int i = 0; i < dims.size(); i++) {
      Stmt.Loop l = dims.get(i);
      String v = e.bind(l.var());
      src.append("  const int ").append(v).append(" = (int)get_global_id(").append(dims.size() - 1 - i).append(");\n");
      guards.add(v + " >= " + l.extent());
    }
    if (!guards.isEmpty()) src.append("  if (").append(String.join(" || ", guards)).append(") return;\n");
    e.stmt(launch.body());
    src.append(e.out).append("}\n\n");
    return params;
  }

  static String bufferName(String buffer) {
    return "b_" + identifier(buffer);
  }

  static String identifier(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) b.append(c < 128 && Character.isLetterOrDigit(c) ? c : '_');
    return b.toString();
  }

  static String ctype(ScalarType t) {
    return switch (t) {
      case I32 -> "int";
      case I64 -> "long";
      case F32 -> "float";
      case BOOL -> "bool";
    };
  }

  /** A fresh C name for the IR variable {@code var}, bound in {@link #env}. */
  private String bind(String var) {
    String base = "v_" + identifier(var), name = base;
    for (int i = 1; used.contains(name); i++) name = base + "_" + i;
    used.add(name);
    env.put(var, name);
    return name;
  }

  private void line(String s) {
    out.append("  ".repeat(depth)).append(s).append('\n');
  }

  /** Runs {@code body} in a C block; IR names bound inside are unbound after it. */
  private void scoped(Runnable body) {
    Map<String, String> saved = new HashMap<>(env);
    depth++;
    body.run();
    depth--;
    env.clear();
    env.putAll(saved);
  }

  private void stmt(Stmt s) {
    switch (s) {
      case Stmt.Loop l -> {
        Map<String, String> saved = new HashMap<>(env);
        String name = bind(l.var());
        line("for (int " + name + " = 0; " + name + " < " + l.extent() + "; " + name + "++) {" + (l.kind() == Stmt.Loop.Kind.SERIAL ? "" : " // " + l.kind()));
        scoped(() -> stmt(l.body()));
        line("}");
        env.clear();
        env.putAll(saved);
      }
      case Stmt.Block b -> {
        line("{");
        scoped(() -> b.stmts().forEach(this::stmt));
        line("}");
      }
      case Stmt.Let l -> {
        String value = expr(l.value());
        line("{");
        scoped(() -> {
          line("const " + ctype(l.value().type()) + " " + bind(l.var()) + " = " + value + ";");
          stmt(l.body());
        });
        line("}");
      }
      case Stmt.Declare d -> {
        String init = expr(d.init());
        line(ctype(d.type()) + " " + bind(d.var()) + " = " + init + ";");
      }
      case Stmt.Assign a -> line(var(a.var()) + " = " + expr(a.value()) + ";");
      case Stmt.Store st -> line(bufferName(st.buffer()) + "[" + expr(st.index()) + "] = " + expr(st.value()) + ";");
      case Stmt.If i -> {
        line("if (" + expr(i.condition()) + ") {");
        scoped(() -> stmt(i.then()));
        if (!(i.otherwise() instanceof Stmt.Block b && b.stmts().isEmpty())) {
          line("} else {");
          scoped(() -> stmt(i.otherwise()));
        }
        line("}");
      }
      case Stmt.Check c -> {
        checks.add(new CheckSite(c.message(), c.value().type()));
        String v = expr(c.value());
        String bits = switch (c.value().type()) {
          case F32 -> "as_int(" + v + "), 0";
          case I64 -> "(int)(" + v + "), (int)((" + v + ") >> 32)";
          default -> "(int)(" + v + "), 0";
        };
        line("if (!" + expr(c.condition()) + ") { tn_fail(tn_err, " + checks.size() + ", " + bits + "); return; }");
      }
      case Stmt.Library l -> throw new CompilerBug("the OpenCL backend got library call " + l.kernel() + " in " + program.name()
          + "; lower with KernelPlan.NONE");
    }
  }

  private String var(String name) {
    String c = env.get(name);
    if (c == null) throw new CompilerBug("unbound variable " + name + " in " + program.name());
    return c;
  }

  String expr(Expr e) {
    return switch (e) {
      case Expr.IntConst c -> c.value() == Integer.MIN_VALUE ? "(-2147483647 - 1)" : c.value() < 0 ? "(" + c.value() + ")" : Integer.toString(c.value());
      case Expr.LongConst c -> c.value() == Long.MIN_VALUE ? "(-9223372036854775807L - 1L)" : c.value() < 0 ? "(" + c.value() + "L)" : c.value() + "L";
      case Expr.FloatConst c -> floatLiteral(c.value());
      case Expr.Var v -> var(v.name());
      case Expr.Load l -> bufferName(l.buffer()) + "[" + expr(l.index()) + "]";
      case Expr.Unary u -> unary(u);
      case Expr.Binary b -> binary(b);
      case Expr.Select s -> "(" + expr(s.condition()) + " ? " + expr(s.then()) + " : " + expr(s.otherwise()) + ")";
      case Expr.Cast c -> cast(c.type(), c.operand());
      case Expr.Call c -> call(c);
    };
  }

  static String floatLiteral(float f) {
    if (Float.isNaN(f)) return "NAN";
    if (Float.isInfinite(f)) return f > 0 ? "INFINITY" : "(-INFINITY)";
    String s = Float.toString(f) + "f";
    return f < 0 || (f == 0 && 1 / f < 0) ? "(" + s + ")" : s;
  }

  private String unary(Expr.Unary u) {
    String x = expr(u.operand());
    ScalarType t = u.operand().type();
    return switch (u.op()) {
      case NOT -> "(!" + x + ")";
      case NEG -> t == ScalarType.I64 ? "tn_neg_l(" + x + ")" : "(-" + x + ")";
      case ABS -> switch (t) {
        case F32 -> "fabs(" + x + ")";
        case I64 -> "((long)abs(" + x + "))";
        default -> "((int)abs(" + x + "))";
      };
    };
  }

  private String binary(Expr.Binary b) {
    String x = expr(b.left()), y = expr(b.right());
    ScalarType t = b.left().type();
    String infix = switch (b.op()) {
      case LT -> "<";
      case LE -> "<=";
      case GT -> ">";
      case GE -> ">=";
      case EQ -> "==";
      case NE -> "!=";
      case AND -> "&&";
      case OR -> "||";
      default -> null;
    };
    if (infix != null) return "(" + x + " " + infix + " " + y + ")";
    return switch (t) {
      case F32 -> switch (b.op()) {
        case ADD -> "(" + x + " + " + y + ")";
        case SUB -> "(" + x + " - " + y + ")";
        case MUL -> "(" + x + " * " + y + ")";
        case DIV -> "(" + x + " / " + y + ")";
        case FLOOR_DIV -> "floor(" + x + " / " + y + ")";
        case MOD -> "tn_fmod(" + x + ", " + y + ")";
        case MIN -> "tn_fmin(" + x + ", " + y + ")";
        case MAX -> "tn_fmax(" + x + ", " + y + ")";
        default -> throw new CompilerBug(b.op() + " on floats");
      };
      case I64 -> switch (b.op()) {
        case ADD -> "tn_add_l(" + x + ", " + y + ")";
        case SUB -> "tn_sub_l(" + x + ", " + y + ")";
        case MUL -> "tn_mul_l(" + x + ", " + y + ")";
        case DIV -> "tn_div_l(" + x + ", " + y + ", tn_err)";
        case FLOOR_DIV -> "tn_fdiv_l(" + x + ", " + y + ", tn_err)";
        case MOD -> "tn_mod_l(" + x + ", " + y + ", tn_err)";
        case MIN -> "min(" + x + ", " + y + ")";
        case MAX -> "max(" + x + ", " + y + ")";
        default -> throw new CompilerBug(b.op() + " on i64");
      };
      default -> switch (b.op()) {
        // I32 is index arithmetic: in range by the verifier, so plain C operators.
        case ADD -> "(" + x + " + " + y + ")";
        case SUB -> "(" + x + " - " + y + ")";
        case MUL -> "(" + x + " * " + y + ")";
        case DIV -> b.right() instanceof Expr.IntConst c && c.value() > 0 ? "(" + x + " / " + y + ")" : "tn_div_i(" + x + ", " + y + ", tn_err)";
        case FLOOR_DIV -> "tn_fdiv_i(" + x + ", " + y + ", tn_err)";
        case MOD -> "tn_mod_i(" + x + ", " + y + ", tn_err)";
        case MIN -> "min(" + x + ", " + y + ")";
        case MAX -> "max(" + x + ", " + y + ")";
        default -> throw new CompilerBug(b.op() + " on " + t);
      };
    };
  }

  private String cast(ScalarType to, Expr operand) {
    String x = expr(operand);
    ScalarType from = operand.type();
    if (to == from) return x;
    return switch (to) {
      case I32 -> from == ScalarType.F32 ? "convert_int_sat_rtz(" + x + ")" : "((int)" + x + ")";
      case I64 -> from == ScalarType.F32 ? "convert_long_sat_rtz(" + x + ")" : "((long)" + x + ")";
      case F32 -> "((float)" + x + ")";
      case BOOL -> from == ScalarType.F32 ? "(" + x + " != 0.0f)" : "(" + x + " != 0)";
    };
  }

  private String call(Expr.Call c) {
    List<String> args = c.args().stream().map(this::expr).toList();
    String x = args.getFirst();
    return switch (c.function()) {
      case "exp", "log", "sqrt", "erf", "erfc", "sin", "cos", "floor", "ceil", "log1p", "expm1" -> c.function() + "(" + x + ")";
      case "rsqrt" -> "(1.0f / sqrt(" + x + "))";
      case "round" -> "rint(" + x + ")";
      case "pow" -> "pow(" + x + ", " + args.get(1) + ")";
      case "sign" -> "tn_sign(" + x + ")";
      case "tanh" -> "tn_tanh(" + x + ")";
      case "sigmoid" -> "tn_sigmoid(" + x + ")";
      case "softplus" -> "tn_softplus(" + x + ")";
      default -> throw new CompilerBug("the OpenCL backend has no function " + c.function());
    };
  }

  /** Every buffer {@code s} touches into {@code all} (first use order), those it stores into {@code stored}. */
  private static void buffers(Stmt s, Set<String> stored, Set<String> all) {
    switch (s) {
      case Stmt.Loop l -> buffers(l.body(), stored, all);
      case Stmt.Block b -> b.stmts().forEach(x -> buffers(x, stored, all));
      case Stmt.Let l -> {
        loads(l.value(), all);
        buffers(l.body(), stored, all);
      }
      case Stmt.Declare d -> loads(d.init(), all);
      case Stmt.Assign a -> loads(a.value(), all);
      case Stmt.Store st -> {
        loads(st.index(), all);
        loads(st.value(), all);
        stored.add(st.buffer());
        all.add(st.buffer());
      }
      case Stmt.If i -> {
        loads(i.condition(), all);
        buffers(i.then(), stored, all);
        buffers(i.otherwise(), stored, all);
      }
      case Stmt.Check c -> {
        loads(c.condition(), all);
        loads(c.value(), all);
      }
      case Stmt.Library l -> throw new CompilerBug("library call " + l.kernel() + " reached the OpenCL backend");
    }
  }

  private static void loads(Expr e, Set<String> all) {
    switch (e) {
      case Expr.Load l -> {
        loads(l.index(), all);
        all.add(l.buffer());
      }
      case Expr.Unary u -> loads(u.operand(), all);
      case Expr.Binary b -> {
        loads(b.left(), all);
        loads(b.right(), all);
      }
      case Expr.Select s -> {
        loads(s.condition(), all);
        loads(s.then(), all);
        loads(s.otherwise(), all);
      }
      case Expr.Cast c -> loads(c.operand(), all);
      case Expr.Call c -> c.args().forEach(a -> loads(a, all));
      case Expr.IntConst c -> {}
      case Expr.LongConst c -> {}
      case Expr.FloatConst c -> {}
      case Expr.Var v -> {}
    }
  }
}
