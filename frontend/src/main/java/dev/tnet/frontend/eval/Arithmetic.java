package dev.tnet.frontend.eval;

import dev.tnet.frontend.ast.Ast;
import dev.tnet.frontend.diag.Diagnostic;
import dev.tnet.frontend.eval.Value.*;
import dev.tnet.frontend.source.Span;
import dev.tnet.ir.op.AttrValue;
import java.util.List;

/**
 * Operators on values: numbers are computed now (Python's rules, except that {@code /} of two
 * integers stays an integer when it divides exactly); a tensor operand turns the operator into
 * a pointwise op of the graph ({@code add}, {@code rsub}, {@code pow}, ...).
 */
final class Arithmetic {
  private Arithmetic() {}

  static Value unary(Ast.Unary u, Value v, GraphSink sink) {
    if (v instanceof Poison) return v;
    return switch (u.op()) {
      case "not" -> {
        if (v instanceof BoolVal b) yield new BoolVal(!b.value());
        throw new EvalError(u.span(), "'not' needs true or false, got " + Value.describe(v));
      }
      case "+" -> number(u.span(), "+", v);
      case "-" -> switch (v) {
        case IntVal i -> new IntVal(Math.negateExact(i.value()));
        case FloatVal f -> new FloatVal(-f.value());
        case TensorVal t -> tensorOp("neg", "-", List.of(t), null, u.span(), sink);
        default -> throw new EvalError(u.span(), "cannot negate " + Value.describe(v));
      };
      default -> throw new dev.tnet.runtime.CompilerBug("unary " + u.op());
    };
  }

  private static Value number(Span span, String op, Value v) {
    if (v instanceof IntVal || v instanceof FloatVal || v instanceof TensorVal) return v;
    throw new EvalError(span, "'" + op + "' needs a number, got " + Value.describe(v));
  }

  static Value binary(Ast.Binary b, Value l, Value r, GraphSink sink) {
    if (l instanceof Poison || r instanceof Poison) return Value.POISON;
    if (l instanceof TensorVal || r instanceof TensorVal) return tensorBinary(b, l, r, sink);
    String op = b.op();
    return switch (op) {
      case "==" -> new BoolVal(equal(l, r));
      case "!=" -> new BoolVal(!equal(l, r));
      case "<", "<=", ">", ">=" -> new BoolVal(compare(op, num(b, l), num(b, r)));
      default -> {
        if (l instanceof IntVal x && r instanceof IntVal y) yield ints(b, x.value(), y.value());
        double x = num(b, l), y = num(b, r);
        yield new FloatVal(switch (op) {
          case "+" -> x + y;
          case "-" -> x - y;
          case "*" -> x * y;
          case "/" -> x / y;
          case "//" -> Math.floor(x / y);
          case "%" -> x - Math.floor(x / y) * y;
          case "**" -> Math.pow(x, y);
          default -> throw new dev.tnet.runtime.CompilerBug("binary " + op);
        });
      }
    };
  }

  private static Value ints(Ast.Binary b, long x, long y) {
    try {
      return switch (b.op()) {
        case "+" -> new IntVal(Math.addExact(x, y));
        case "-" -> new IntVal(Math.subtractExact(x, y));
        case "*" -> new IntVal(Math.multiplyExact(x, y));
        case "/" -> {
          if (y == 0) throw new EvalError(b.span(), "division by zero");
          yield x % y == 0 ? new IntVal(x / y) : new FloatVal((double) x / y);
        }
        case "//", "%" -> {
          if (y == 0) throw new EvalError(b.span(), "division by zero");
          yield new IntVal(b.op().equals("//") ? Math.floorDiv(x, y) : Math.floorMod(x, y));
        }
        case "**" -> {
          if (y < 0) yield new FloatVal(Math.pow(x, y));
          long p = 1;
          for (long i = 0; i < y; i++) p = Math.multiplyExact(p, x);
          yield new IntVal(p);
        }
        default -> throw new dev.tnet.runtime.CompilerBug("binary " + b.op());
      };
    } catch (ArithmeticException e) {
      throw new EvalError(b.span(), "integer overflow in " + x + " " + b.op() + " " + y);
    }
  }

  private static boolean equal(Value l, Value r) {
    if ((l instanceof IntVal || l instanceof FloatVal) && (r instanceof IntVal || r instanceof FloatVal)) {
      return asDouble(l) == asDouble(r);
    }
    return l.equals(r);
  }

  private static boolean compare(String op, double x, double y) {
    return switch (op) {
      case "<" -> x < y;
      case "<=" -> x <= y;
      case ">" -> x > y;
      default -> x >= y;
    };
  }

  private static double num(Ast.Binary b, Value v) {
    if (v instanceof IntVal || v instanceof FloatVal) return asDouble(v);
    throw new EvalError(b.span(), "'" + b.op() + "' needs numbers, got " + Value.describe(v));
  }

  private static double asDouble(Value v) {
    return v instanceof IntVal i ? i.value() : ((FloatVal) v).value();
  }

  /** {@code t + 1}, {@code 1 - t}, {@code a * b}, {@code t ** 2}: pointwise ops with broadcasting. */
  private static Value tensorBinary(Ast.Binary b, Value l, Value r, GraphSink sink) {
    String op = switch (b.op()) {
      case "+" -> "add";
      case "-" -> "sub";
      case "*" -> "mul";
      case "/" -> "div";
      case "**" -> "pow";
      default -> throw new EvalError(b.span(), "'" + b.op() + "' is not defined on tensors; use an op such as maximum() or div(..., rounding_mode='floor')");
    };
    if (l instanceof TensorVal x && r instanceof TensorVal y) return tensorOp(op, b.op(), List.of(x, y), null, b.span(), sink);
    boolean tensorLeft = l instanceof TensorVal;
    TensorVal t = (TensorVal) (tensorLeft ? l : r);
    Value scalar = tensorLeft ? r : l;
    if (!(scalar instanceof IntVal || scalar instanceof FloatVal)) {
      throw new EvalError(b.span(), "'" + b.op() + "' needs a tensor or a number on each side, got " + Value.describe(scalar));
    }
    AttrValue other = OpCalls.attr(op, scalar, b.span());
    if (!tensorLeft) {
      op = switch (op) {
        case "sub" -> "rsub";
        case "div" -> "rdiv";
        case "pow" -> "rpow";
        default -> op;
      };
    }
    return tensorOp(op, b.op(), List.of(t), op.equals("pow") ? new Named("exponent", other) : new Named("other", other), b.span(), sink);
  }

  private record Named(String keyword, AttrValue value) {}

  /** Emits the op an operator stands for; its errors speak of the operator ({@code '+'}) and its sides. */
  private static Value tensorOp(String op, String symbol, List<TensorVal> inputs, Named attr, Span span, GraphSink sink) {
    List<OpCalls.ArgVal> args = new java.util.ArrayList<>();
    for (TensorVal t : inputs) args.add(new OpCalls.ArgVal(null, t, t.origin()));
    if (attr != null) args.add(new OpCalls.ArgVal(attr.keyword(), fromAttr(attr.value()), span));
    try {
      return OpCalls.call(op, args, span, null, null, sink);
    } catch (EvalError e) {
      Diagnostic d = e.diagnostic;
      String message = d.message().startsWith(op + ": ") ? "'" + symbol + "' " + d.message().substring(op.length() + 2) : d.message();
      List<Diagnostic.Note> notes = d.notes().stream().map(n -> new Diagnostic.Note(n.span(),
          n.message().replace("input 0, ", "the left side, ").replace("input 1, ", "the right side, "))).toList();
      throw new EvalError(new Diagnostic(d.severity(), d.span(), message, notes));
    }
  }

  private static Value fromAttr(AttrValue a) {
    return switch (a) {
      case AttrValue.IntV i -> new IntVal(i.value());
      case AttrValue.FloatV f -> new FloatVal(f.value());
      default -> throw new dev.tnet.runtime.CompilerBug("scalar operand " + a);
    };
  }
}
