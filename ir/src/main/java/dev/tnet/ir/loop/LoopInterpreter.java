package dev.tnet.ir.loop;

import dev.tnet.ir.loop.Expr.*;
import dev.tnet.ir.loop.Stmt.*;
import dev.tnet.runtime.CompilerBug;
import dev.tnet.runtime.MathFns;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.UserException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs a {@link LoopProgram} directly, statement by statement, with the semantics stated on
 * {@link Expr}: the oracle that tests passes with "same results before and after". Slow.
 */
public final class LoopInterpreter {
  private final Map<String, Object> arrays = new HashMap<>();
  private final Map<String, Object> env = new HashMap<>();

  private LoopInterpreter() {}

  /** Runs the program on inputs and weights (by graph name) and returns the outputs by graph name. */
  public static Map<String, Tensor> run(LoopProgram p, Map<String, Tensor> inputs, Map<String, Tensor> weights) {
    LoopInterpreter in = new LoopInterpreter();
    for (Buffer b : p.buffers().values()) {
      in.arrays.put(b.name(), b.type() == ScalarType.I64 ? new long[b.size()] : new float[b.size()]);
    }
    p.inputs().forEach((graphName, buf) -> in.bind(p.buffer(buf), inputs.get(graphName)));
    p.weights().forEach((graphName, buf) -> in.bind(p.buffer(buf), weights.get(graphName)));
    for (Kernel k : p.kernels()) in.exec(k.body());
    Map<String, Tensor> out = new LinkedHashMap<>();
    p.outputs().forEach((graphName, buf) -> {
      Buffer b = p.buffer(buf);
      Object a = in.arrays.get(buf);
      out.put(graphName, a instanceof long[] l ? Tensor.ofLongs(b.shape(), l.clone()) : Tensor.of(b.shape(), ((float[]) a).clone()));
    });
    return out;
  }

  private void bind(Buffer b, Tensor t) {
    if (t == null || !t.shape().equals(b.shape())) {
      throw new UserException("buffer " + b.name() + " needs " + b.type() + b.shape() + ", got " + (t == null ? "nothing" : t.dtype() + t.shape().toString()));
    }
    arrays.put(b.name(), b.type() == ScalarType.I64 ? t.longs().clone() : t.floats().clone());
  }

  private void exec(Stmt s) {
    switch (s) {
      case Loop l -> {
        Object saved = env.get(l.var());
        for (int i = 0; i < l.extent(); i++) {
          env.put(l.var(), i);
          exec(l.body());
        }
        restore(l.var(), saved);
      }
      case Block b -> {
        java.util.List<String> declared = new java.util.ArrayList<>();
        for (Stmt x : b.stmts()) {
          if (x instanceof Declare d) declared.add(d.var());
          exec(x);
        }
        for (String d : declared) env.remove(d);
      }
      case Let l -> {
        Object saved = env.get(l.var());
        env.put(l.var(), eval(l.value()));
        exec(l.body());
        restore(l.var(), saved);
      }
      case Declare d -> env.put(d.var(), eval(d.init()));
      case Assign a -> env.put(a.var(), eval(a.value()));
      case Store st -> {
        int i = (Integer) eval(st.index());
        Object v = eval(st.value());
        switch (arrays.get(st.buffer())) {
          case float[] f -> f[i] = (Float) v;
          case long[] l -> l[i] = (Long) v;
          default -> throw new CompilerBug("bad buffer " + st.buffer());
        }
      }
      case If i -> exec((Boolean) eval(i.condition()) ? i.then() : i.otherwise());
      case Library l -> {
        float[][] reads = l.reads().stream().map(b -> (float[]) arrays.get(b)).toArray(float[][]::new);
        dev.tnet.runtime.kernel.Library.call(l.kernel(), null, reads, (float[]) arrays.get(l.writes()), l.intArray(), l.floatArray());
      }
      case Check c -> {
        if (!(Boolean) eval(c.condition())) throw new UserException(c.message() + " (got " + eval(c.value()) + ")");
      }
    }
  }

  private void restore(String var, Object saved) {
    if (saved == null) env.remove(var);
    else env.put(var, saved);
  }

  private Object eval(Expr e) {
    return switch (e) {
      case IntConst c -> c.value();
      case LongConst c -> c.value();
      case FloatConst c -> c.value();
      case Var v -> {
        Object x = env.get(v.name());
        if (x == null) throw new CompilerBug("unbound variable " + v.name());
        yield x;
      }
      case Load l -> {
        int i = (Integer) eval(l.index());
        yield switch (arrays.get(l.buffer())) {
          case float[] f -> f[i];
          case long[] a -> a[i];
          default -> throw new CompilerBug("bad buffer " + l.buffer());
        };
      }
      case Unary u -> {
        Object x = eval(u.operand());
        yield switch (u.op()) {
          case NOT -> !(Boolean) x;
          case NEG -> switch (x) {
            case Integer i -> -i;
            case Long l -> -l;
            default -> -(Float) x;
          };
          case ABS -> switch (x) {
            case Integer i -> Math.abs(i);
            case Long l -> Math.abs(l);
            default -> Math.abs((Float) x);
          };
        };
      }
      case Binary b -> binary(b.op(), eval(b.left()), eval(b.right()));
      case Select s -> (Boolean) eval(s.condition()) ? eval(s.then()) : eval(s.otherwise());
      case Cast c -> cast(c.type(), eval(c.operand()));
      case Call c -> call(c);
    };
  }

  static Object cast(ScalarType t, Object x) {
    return switch (t) {
      case I32 -> x instanceof Float f ? (int) (float) f : ((Number) x).intValue();
      case I64 -> x instanceof Float f ? (long) (float) f : ((Number) x).longValue();
      case F32 -> ((Number) x).floatValue();
      case BOOL -> x instanceof Boolean b ? b : ((Number) x).doubleValue() != 0;
    };
  }

  static Object binary(BinOp op, Object a, Object b) {
    if (op == BinOp.AND) return (Boolean) a && (Boolean) b;
    if (op == BinOp.OR) return (Boolean) a || (Boolean) b;
    if (a instanceof Float x && b instanceof Float y) {
      return switch (op) {
        case ADD -> x + y;
        case SUB -> x - y;
        case MUL -> x * y;
        case DIV -> x / y;
        case FLOOR_DIV -> (float) Math.floor(x / y);
        case MOD -> x - (float) Math.floor(x / y) * y;
        case MIN -> Float.isNaN(x) || Float.isNaN(y) ? Float.NaN : Math.min(x, y);
        case MAX -> Float.isNaN(x) || Float.isNaN(y) ? Float.NaN : Math.max(x, y);
        case LT -> x < y;
        case LE -> x <= y;
        case GT -> x > y;
        case GE -> x >= y;
        case EQ -> x.floatValue() == y.floatValue();
        case NE -> x.floatValue() != y.floatValue();
        default -> throw new CompilerBug(op + " on floats");
      };
    }
    long x = ((Number) a).longValue(), y = ((Number) b).longValue();
    boolean wide = a instanceof Long;
    Long r = switch (op) {
      case ADD -> x + y;
      case SUB -> x - y;
      case MUL -> x * y;
      case DIV -> x / y;
      case FLOOR_DIV -> Math.floorDiv(x, y);
      case MOD -> Math.floorMod(x, y);
      case MIN -> Math.min(x, y);
      case MAX -> Math.max(x, y);
      default -> null;
    };
    if (r != null) return wide ? (Object) r : (Object) (int) (long) r;
    return switch (op) {
      case LT -> x < y;
      case LE -> x <= y;
      case GT -> x > y;
      case GE -> x >= y;
      case EQ -> x == y;
      case NE -> x != y;
      default -> throw new CompilerBug(op + " on integers");
    };
  }

  private Object call(Call c) {
    float x = (Float) eval(c.args().get(0));
    return switch (c.function()) {
      case "exp" -> MathFns.exp(x);
      case "log" -> MathFns.log(x);
      case "sqrt" -> MathFns.sqrt(x);
      case "rsqrt" -> MathFns.rsqrt(x);
      case "tanh" -> MathFns.tanh(x);
      case "erf" -> MathFns.erf(x);
      case "erfc" -> MathFns.erfc(x);
      case "sigmoid" -> MathFns.sigmoid(x);
      case "pow" -> MathFns.pow(x, (Float) eval(c.args().get(1)));
      case "sin" -> MathFns.sin(x);
      case "cos" -> MathFns.cos(x);
      case "floor" -> MathFns.floor(x);
      case "ceil" -> MathFns.ceil(x);
      case "round" -> MathFns.round(x);
      case "sign" -> MathFns.sign(x);
      case "log1p" -> MathFns.log1p(x);
      case "expm1" -> MathFns.expm1(x);
      case "softplus" -> MathFns.softplus(x);
      default -> throw new CompilerBug("unknown function " + c.function());
    };
  }
}
