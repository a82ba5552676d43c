package dev.tnet.frontend.eval;

import dev.tnet.frontend.diag.Diagnostic;
import dev.tnet.frontend.source.Span;
import dev.tnet.ir.graph.Node;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.op.AttrValue;
import dev.tnet.ir.op.Op;
import dev.tnet.ir.op.OpCatalogue;
import dev.tnet.ir.op.OpException;
import dev.tnet.ir.op.ParamSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a call of a catalogue op into a graph node: leading tensor arguments (or a list of
 * tensors, for {@code cat}) are the op's inputs, the rest its attributes; the op checks them and
 * infers the output types; its parameters are named {@code <layer>.<slot>}.
 */
final class OpCalls {
  /** One evaluated argument with the source it came from. */
  record ArgVal(String keyword, Value value, Span span) {}

  private OpCalls() {}

  static Value call(String opName, List<ArgVal> args, Span span, String layer, Map<String, String> renames, GraphSink sink) {
    List<Value.TensorVal> inputs = new ArrayList<>();
    List<AttrValue> positional = new ArrayList<>();
    Map<String, AttrValue> keywords = new LinkedHashMap<>();
    for (ArgVal a : args) {
      if (a.value() instanceof Value.Poison) return Value.POISON;
      List<Value.TensorVal> tensors = tensors(a.value());
      if (tensors != null) {
        if (a.keyword() != null || !positional.isEmpty()) {
          throw new EvalError(a.span(), "tensor arguments of " + opName + " come first and without a keyword");
        }
        inputs.addAll(tensors);
      } else if (a.keyword() == null) {
        positional.add(attr(opName, a));
      } else {
        keywords.put(a.keyword(), attr(opName, a));
      }
    }
    int declared = OpCatalogue.signature(opName).params().size();
    if (positional.size() > declared) {
      ArgVal extra = args.stream().filter(a -> a.keyword() == null && tensors(a.value()) == null).skip(declared).findFirst().orElseThrow();
      throw new EvalError(extra.span(), opName + " takes at most " + declared + " arguments after its tensor inputs "
          + OpCatalogue.signature(opName).names() + ", but " + positional.size() + " were given");
    }
    Op op;
    List<TensorType> types = inputs.stream().map(Value.TensorVal::type).toList();
    List<TensorType> outTypes;
    try {
      op = OpCatalogue.create(opName, positional, keywords);
    } catch (OpException e) {
      throw new EvalError(argSpan(e.getMessage(), args, span), e.getMessage());
    }
    try {
      outTypes = op.infer(types);
    } catch (OpException e) {
      throw new EvalError(Diagnostic.error(argSpan(e.getMessage(), args, span), e.getMessage(), origins(inputs, span)));
    }
    List<ParamSpec> specs = op.params(types);
    List<String> paramNames = new ArrayList<>();
    if (!specs.isEmpty()) {
      if (layer == null && renames == null) {
        throw new EvalError(span, "this " + opName + " has weights " + specs.stream().map(ParamSpec::name).toList()
            + " and needs a name: assign it (conv1 = " + opName + "(...)) or add @name after the call");
      }
      if (layer != null) sink.claimLayer(layer, span);
      for (ParamSpec p : specs) {
        String full = renames != null && renames.containsKey(p.name()) ? renames.get(p.name())
            : layer != null ? layer + "." + p.name() : null;
        if (full == null) throw new EvalError(span, "parameter '" + p.name() + "' of " + opName + " has no name: add " + p.name() + "=... to @(...)");
        if (!p.type().isKnown()) {
          throw new EvalError(span, "the weight '" + full + "' would have the shape " + p.type()
              + ", which depends on a symbolic size; weights need fixed sizes");
        }
        sink.claimParam(full, p.type(), span);
        paramNames.add(full);
      }
      if (renames != null) {
        for (String slot : renames.keySet()) {
          if (specs.stream().noneMatch(p -> p.name().equals(slot))) {
            throw new EvalError(span, opName + " has no parameter '" + slot + "'; its parameters are "
                + specs.stream().map(ParamSpec::name).toList());
          }
        }
      }
    }
    String nodeName = sink.freshName(layer != null ? layer : opName);
    List<String> outs = new ArrayList<>();
    List<Value> results = new ArrayList<>();
    for (int i = 0; i < outTypes.size(); i++) {
      String id = i == 0 ? nodeName : sink.freshName(nodeName + "." + i);
      outs.add(id);
      results.add(new Value.TensorVal(id, outTypes.get(i), span));
    }
    sink.add(new Node(nodeName, op, inputs.stream().map(Value.TensorVal::id).toList(), paramNames, outs));
    return results.size() == 1 ? results.get(0) : new Value.ListVal(results, true);
  }

  /** The tensors of a tensor or of a non-empty list of tensors; null for anything else. */
  private static List<Value.TensorVal> tensors(Value v) {
    if (v instanceof Value.TensorVal t) return List.of(t);
    if (v instanceof Value.ListVal l && !l.items().isEmpty() && l.items().stream().allMatch(i -> i instanceof Value.TensorVal)) {
      return l.items().stream().map(Value.TensorVal.class::cast).toList();
    }
    return null;
  }

  private static AttrValue attr(String op, ArgVal a) {
    return attr(op, a.value(), a.span());
  }

  static AttrValue attr(String op, Value v, Span span) {
    return switch (v) {
      case Value.IntVal i -> AttrValue.of(i.value());
      case Value.FloatVal f -> AttrValue.of(f.value());
      case Value.BoolVal b -> AttrValue.of(b.value());
      case Value.StrVal s -> AttrValue.of(s.value());
      case Value.NoneVal n -> AttrValue.NONE;
      case Value.ListVal l -> new AttrValue.ListV(l.items().stream().map(i -> attr(op, i, span)).toList());
      case Value.TensorVal t -> throw new EvalError(span, "a tensor cannot be an argument of " + op + " here (tensor arguments come first)");
      case Value.Poison p -> throw new EvalError(span, "invalid argument");
    };
  }

  /** The span of the keyword argument the message names ({@code groups=3}), else the call's. */
  private static Span argSpan(String message, List<ArgVal> args, Span call) {
    for (ArgVal a : args) {
      String k = a.keyword();
      if (k != null && (message.contains(k + "=") || message.contains("'" + k + "'") || message.contains(": " + k + " "))) return a.span();
    }
    return call;
  }

  private static Diagnostic.Note[] origins(List<Value.TensorVal> inputs, Span call) {
    List<Diagnostic.Note> notes = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      Value.TensorVal t = inputs.get(i);
      if (t.origin() != null && !t.origin().equals(call)) {
        notes.add(new Diagnostic.Note(t.origin(), (inputs.size() == 1 ? "the input, " : "input " + i + ", ") + t.type() + ", comes from here"));
      }
    }
    return notes.toArray(Diagnostic.Note[]::new);
  }
}
