package dev.tnet.frontend.eval;

import dev.tnet.frontend.source.Span;
import dev.tnet.ir.graph.TensorType;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a {@code .tnet} expression evaluates to at compile time: a number, bool, string, none, a
 * list or tuple, a tensor of the graph being built, or {@link Poison} after an error (which
 * silences the errors that would follow from it).
 */
sealed interface Value {
  record IntVal(long value) implements Value {}

  record FloatVal(double value) implements Value {}

  record BoolVal(boolean value) implements Value {}

  record StrVal(String value) implements Value {}

  record NoneVal() implements Value {}

  record ListVal(List<Value> items, boolean isTuple) implements Value {
    public ListVal {
      items = List.copyOf(items);
    }
  }

  /** A value of the graph: its SSA name, its type, and the source that made it (for notes). */
  record TensorVal(String id, TensorType type, Span origin) implements Value {}

  /** The result of an expression that failed; its error has been reported. */
  record Poison() implements Value {}

  NoneVal NONE = new NoneVal();
  Poison POISON = new Poison();

  /** How the value is described in messages: "an integer", "a tensor f32[1, 3]". */
  static String describe(Value v) {
    return switch (v) {
      case IntVal i -> "the integer " + i.value();
      case FloatVal f -> "the number " + f.value();
      case BoolVal b -> b.value() ? "true" : "false";
      case StrVal s -> "the string '" + s.value() + "'";
      case NoneVal n -> "none";
      case ListVal l -> (l.isTuple() ? "a tuple " : "a list ") + show(l);
      case TensorVal t -> "a tensor " + t.type();
      case Poison p -> "an invalid value";
    };
  }

  static String show(Value v) {
    return switch (v) {
      case IntVal i -> Long.toString(i.value());
      case FloatVal f -> Double.toString(f.value());
      case BoolVal b -> Boolean.toString(b.value());
      case StrVal s -> "'" + s.value() + "'";
      case NoneVal n -> "none";
      case ListVal l -> l.items().stream().map(Value::show)
          .collect(Collectors.joining(", ", l.isTuple() ? "(" : "[", l.isTuple() ? ")" : "]"));
      case TensorVal t -> t.type().toString();
      case Poison p -> "?";
    };
  }
}
