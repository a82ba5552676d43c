package dev.tnet.frontend.eval;

import dev.tnet.frontend.eval.Value.IntVal;
import dev.tnet.frontend.eval.Value.ListVal;
import dev.tnet.frontend.eval.Value.TensorVal;
import dev.tnet.frontend.source.Span;
import dev.tnet.ir.graph.Dim;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Compile-time functions on values: {@code channels}, {@code size}, {@code rank}, {@code len}, {@code range}, {@code min}, {@code max}. */
final class Builtins {
  static final Set<String> NAMES = Set.of("channels", "size", "rank", "len", "range", "min", "max");

  private Builtins() {}

  static Value call(String name, List<Value> args, Span span) {
    return switch (name) {
      case "channels" -> dim(one(name, args, span), 1, span);
      case "size" -> {
        arity(name, args, 2, span);
        yield dim(args.get(0), (int) integer(name, args.get(1), span), span);
      }
      case "rank" -> new IntVal(tensor(name, one(name, args, span), span).type().rank());
      case "len" -> switch (one(name, args, span)) {
        case ListVal l -> new IntVal(l.items().size());
        case Value v -> throw new EvalError(span, "len() takes a list, got " + Value.describe(v));
      };
      case "range" -> range(args, span);
      case "min", "max" -> {
        arity(name, args, 2, span);
        long a = integer(name, args.get(0), span), b = integer(name, args.get(1), span);
        yield new IntVal(name.equals("min") ? Math.min(a, b) : Math.max(a, b));
      }
      default -> throw new dev.tnet.runtime.CompilerBug("unknown builtin " + name);
    };
  }

  private static Value range(List<Value> args, Span span) {
    if (args.isEmpty() || args.size() > 3) throw new EvalError(span, "range() takes 1 to 3 integers, got " + args.size());
    long start = args.size() == 1 ? 0 : integer("range", args.get(0), span);
    long stop = integer("range", args.get(args.size() == 1 ? 0 : 1), span);
    long step = args.size() == 3 ? integer("range", args.get(2), span) : 1;
    if (step == 0) throw new EvalError(span, "range() step must not be zero");
    List<Value> items = new ArrayList<>();
    for (long i = start; step > 0 ? i < stop : i > stop; i += step) {
      if (items.size() >= 1_000_000) throw new EvalError(span, "range() is too long (more than 1000000 items)");
      items.add(new IntVal(i));
    }
    return new ListVal(items, false);
  }

  private static Value dim(Value v, int axis, Span span) {
    TensorVal t = tensor("size", v, span);
    int a = axis < 0 ? axis + t.type().rank() : axis;
    if (a < 0 || a >= t.type().rank()) {
      throw new EvalError(span, "dimension " + axis + " is out of range for " + t.type());
    }
    Dim d = t.type().dim(a);
    if (!d.isKnown()) {
      throw new EvalError(span, "dimension " + a + " of " + t.type() + " is the symbolic size " + d
          + ", which is only known at run time");
    }
    return new IntVal(d.value());
  }

  private static Value one(String name, List<Value> args, Span span) {
    arity(name, args, 1, span);
    return args.get(0);
  }

  private static void arity(String name, List<Value> args, int n, Span span) {
    if (args.size() != n) throw new EvalError(span, name + "() takes " + n + " argument" + (n == 1 ? "" : "s") + ", got " + args.size());
  }

  private static TensorVal tensor(String name, Value v, Span span) {
    if (v instanceof TensorVal t) return t;
    throw new EvalError(span, name + "() takes a tensor, got " + Value.describe(v));
  }

  static long integer(String name, Value v, Span span) {
    if (v instanceof IntVal i) return i.value();
    throw new EvalError(span, name + "() takes integers, got " + Value.describe(v));
  }
}
