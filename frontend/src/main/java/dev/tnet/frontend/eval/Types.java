package dev.tnet.frontend.eval;

import dev.tnet.frontend.ast.Ast;
import dev.tnet.ir.op.Suggestions;
import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.runtime.DType;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.UserException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Declared types of model and block parameters: tensor types, and checks of int/float/bool/str/list values. */
final class Types {
  private Types() {}

  /** {@code f32[N, 3, size, size]}: integer dims, model parameters, or symbols bound at run time. */
  static TensorType tensorType(Ast.Param p, Frame f, Naming.EvalFn eval) {
    DType dtype = switch (p.type().name()) {
      case "f32" -> DType.F32;
      case "i64" -> DType.I64;
      default -> throw new EvalError(p.type().span(), "unknown tensor type '" + p.type().name() + "'; use f32[...] or i64[...]");
    };
    if (p.type().dims().size() > Shape.MAX_RANK) throw new EvalError(p.type().span(), "rank " + p.type().dims().size() + " is more than " + Shape.MAX_RANK);
    List<Dim> dims = new ArrayList<>();
    long count = 1;
    for (Ast.Expr e : p.type().dims()) {
      if (e instanceof Ast.Name n && !f.has(n.name())) {
        dims.add(Dim.sym(n.name()));
        continue;
      }
      Value v = eval.eval(e, f);
      if (!(v instanceof Value.IntVal i) || i.value() < 0) {
        throw new EvalError(e.span(), "a dimension must be a non-negative integer or a symbol such as N, got " + Value.describe(v));
      }
      count = Math.multiplyHigh(count, i.value()) != 0 ? Long.MAX_VALUE : count * i.value();
      if (count > Shape.MAX_ELEMENTS) throw new EvalError(e.span(), "the input '" + p.name() + "' would have more than " + Shape.MAX_ELEMENTS + " elements");
      dims.add(Dim.of(i.value()));
    }
    return new TensorType(dtype, dims);
  }

  /** A {@code --set name=text} value, read as the parameter's declared type. */
  static Value parseSetting(Ast.Param p, String text) {
    String type = p.type() == null ? "" : p.type().name();
    try {
      return switch (type) {
        case "int" -> new Value.IntVal(Long.parseLong(text));
        case "float" -> new Value.FloatVal(Double.parseDouble(text));
        case "bool" -> switch (text) {
          case "true", "True" -> new Value.BoolVal(true);
          case "false", "False" -> new Value.BoolVal(false);
          default -> throw new NumberFormatException();
        };
        case "str" -> new Value.StrVal(text);
        default -> text.matches("-?[0-9]+") ? new Value.IntVal(Long.parseLong(text))
            : text.matches("-?[0-9.]+([eE][-+]?[0-9]+)?") ? new Value.FloatVal(Double.parseDouble(text))
            : new Value.StrVal(text);
      };
    } catch (NumberFormatException e) {
      throw new UserException("--set " + p.name() + "=" + text + ": '" + text + "' is not " + (type.isEmpty() ? "a value" : "a " + type));
    }
  }

  /** Checks a value against a parameter's declared type (an int is accepted as a float). */
  static Value check(Ast.Param p, Value v) {
    if (p.type() == null || v instanceof Value.Poison) return v;
    boolean ok = switch (p.type().name()) {
      case "int" -> v instanceof Value.IntVal;
      case "float" -> v instanceof Value.FloatVal || v instanceof Value.IntVal;
      case "bool" -> v instanceof Value.BoolVal;
      case "str" -> v instanceof Value.StrVal;
      case "list" -> v instanceof Value.ListVal;
      case "tensor" -> v instanceof Value.TensorVal;
      default -> throw new EvalError(p.type().span(), "unknown type '" + p.type().name() + "'; use int, float, bool, str, list or tensor");
    };
    if (!ok) throw new EvalError(p.span(), "'" + p.name() + "' must be " + p.type().name() + ", got " + Value.describe(v));
    if (p.type().name().equals("float") && v instanceof Value.IntVal i) return new Value.FloatVal(i.value());
    return v;
  }

  /** Binds a block call's arguments to its parameters, Python-style, into {@code frame}. */
  static void bindBlockArgs(Ast.Def def, Ast.Call c, List<OpCalls.ArgVal> args, Frame frame, Function<Ast.Expr, Value> evalDefault) {
    Map<String, OpCalls.ArgVal> bound = new LinkedHashMap<>();
    List<String> names = def.params().stream().map(Ast.Param::name).toList();
    int position = 0;
    for (OpCalls.ArgVal a : args) {
      if (a.keyword() == null) {
        if (position >= names.size()) throw new EvalError(a.span(), "block '" + def.name() + "' takes " + names.size() + " arguments " + names);
        bound.put(names.get(position++), a);
      } else {
        if (!names.contains(a.keyword())) {
          throw new EvalError(a.span(), "block '" + def.name() + "' has no parameter '" + a.keyword() + "'" + Suggestions.didYouMean(a.keyword(), names));
        }
        if (bound.put(a.keyword(), a) != null) throw new EvalError(a.span(), "argument '" + a.keyword() + "' given twice");
      }
    }
    for (Ast.Param p : def.params()) {
      OpCalls.ArgVal a = bound.get(p.name());
      Value v;
      if (a != null) v = a.value();
      else if (p.defaultValue() != null) v = evalDefault.apply(p.defaultValue());
      else throw new EvalError(c.span(), "block '" + def.name() + "' needs argument '" + p.name() + "'");
      try {
        v = check(p, v);
      } catch (EvalError e) {
        throw new EvalError(a != null ? a.span() : c.span(), e.diagnostic.message());
      }
      frame.set(p.name(), v, p.span());
      frame.unread.remove(p.name());
    }
  }
}
