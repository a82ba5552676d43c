package dev.tnet.frontend.eval;

import dev.tnet.frontend.ast.Ast;
import dev.tnet.frontend.ast.Ast.Expr;
import dev.tnet.frontend.ast.Ast.Stmt;
import dev.tnet.frontend.diag.Diagnostic;
import dev.tnet.frontend.diag.DiagnosticException;
import dev.tnet.ir.op.Suggestions;
import dev.tnet.frontend.eval.Value.*;
import dev.tnet.frontend.source.Span;
import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.op.OpCatalogue;
import dev.tnet.runtime.UserException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Evaluates a model at compile time: integers, conditions, loops and block calls are computed;
 * tensor operations become nodes of the graph. Errors are collected per statement (the
 * statement's variables become poison, which silences follow-on errors) and thrown together.
 */
public final class Evaluator {
  private static final int MAX_ERRORS = 25;
  private static final int MAX_CALL_DEPTH = 200;

  private final Program program;
  private final GraphSink sink = new GraphSink();
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private int depth;
  /** The block calls being evaluated, innermost last, for "in block ..., called here" notes. */
  private final java.util.ArrayDeque<Diagnostic.Note> calls = new java.util.ArrayDeque<>();

  /** How the value of an expression will be named: after the variable it is assigned to, or as a Sequential. */
  private sealed interface Hint {}

  private record AssignTo(String name) implements Hint {}

  private record ReturnSeq() implements Hint {}

  /** Unwinds from {@code return} to the call. */
  private static final class Returned extends RuntimeException {
    final Value value;

    Returned(Value value) {
      super(null, null, false, false);
      this.value = value;
    }
  }

  private Evaluator(Program program) {
    this.program = program;
  }

  /** The result: the graph, and the warnings (errors are thrown as a {@link DiagnosticException}). */
  public record Result(Graph graph, List<Diagnostic> warnings) {}

  /**
   * Builds the graph of {@code model} (or the file's only model when null), with model parameters
   * ({@code width: int = 64}) overridden by {@code settings} given as text ({@code "8"}).
   */
  public static Result compile(Program program, String model, Map<String, String> settings) {
    return new Evaluator(program).run(pickModel(program, model), settings);
  }

  private static Ast.Def pickModel(Program p, String name) {
    List<String> models = p.models();
    if (name == null) {
      if (models.size() == 1) return p.def(models.get(0));
      throw new UserException(models.isEmpty() ? "the file defines no model" : "the file defines several models " + models + "; choose one with --model");
    }
    Ast.Def d = p.def(name);
    if (d == null || !d.isModel()) {
      throw new UserException("no model named '" + name + "'" + Suggestions.didYouMean(name, models) + "; the file defines " + models);
    }
    return d;
  }

  private Result run(Ast.Def model, Map<String, String> settings) {
    Frame frame = new Frame(model, "", null);
    Map<String, String> unused = new LinkedHashMap<>(settings);
    // Settings first, so that a tensor type may use any of them (f32[N, 3, size, size]).
    for (Ast.Param p : model.params()) {
      if (isTensor(p)) continue;
      try {
        String text = unused.remove(p.name());
        Value v = text != null ? Types.parseSetting(p, text) : p.defaultValue() != null ? eval(p.defaultValue(), frame, null) : null;
        if (v == null) throw new EvalError(p.span(), "model parameter '" + p.name() + "' has no default; set it with --set " + p.name() + "=VALUE");
        frame.set(p.name(), Types.check(p, v), p.span());
      } catch (EvalError e) {
        report(e.diagnostic);
        frame.set(p.name(), Value.POISON, p.span());
      }
    }
    for (Ast.Param p : model.params()) {
      if (!isTensor(p)) continue;
      try {
        frame.set(p.name(), sink.input(p.name(), Types.tensorType(p, frame, (x, fr) -> eval(x, fr, null)), p.span()), p.span());
        frame.unread.remove(p.name());
      } catch (EvalError e) {
        report(e.diagnostic);
        frame.set(p.name(), Value.POISON, p.span());
      }
    }
    if (!unused.isEmpty()) {
      throw new UserException("model '" + model.name() + "' has no parameter " + unused.keySet() + "; its parameters are "
          + model.params().stream().map(Ast.Param::name).toList());
    }
    boolean returned = false;
    try {
      exec(model.body(), frame);
    } catch (Returned r) {
      returned = true;
    }
    if (!returned && diagnostics.isEmpty()) report(Diagnostic.error(model.span(), "model '" + model.name() + "' returns nothing; end it with return OUTPUT"));
    diagnostics.addAll(unusedWarnings(frame));
    List<Diagnostic> all = List.copyOf(new java.util.LinkedHashSet<>(diagnostics));
    if (all.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR)) throw new DiagnosticException(all);
    return new Result(sink.build(model.name()), all);
  }

  private static boolean isTensor(Ast.Param p) {
    return p.type() != null && p.type().dims() != null;
  }

  // ---- statements --------------------------------------------------------------------------

  private void exec(List<Stmt> body, Frame f) {
    for (Stmt s : body) {
      try {
        execOne(s, f);
      } catch (EvalError e) {
        report(e.diagnostic);
        if (s instanceof Ast.Assign a) for (String t : a.targets()) f.set(t, Value.POISON, a.span());
        if (s instanceof Ast.Return) throw new Returned(Value.POISON);
      }
    }
  }

  private void execOne(Stmt s, Frame f) {
    switch (s) {
      case Ast.Assign a -> assign(a, f);
      case Ast.Return r -> throw new Returned(returnValue(r, f));
      case Ast.If i -> {
        for (int k = 0; k < i.conditions().size(); k++) {
          if (condition(i.conditions().get(k), f)) {
            exec(i.branches().get(k), f);
            return;
          }
        }
        exec(i.orElse(), f);
      }
      case Ast.For loop -> {
        Value it = eval(loop.iterable(), f, null);
        if (it instanceof Poison) return;
        if (!(it instanceof ListVal list)) throw new EvalError(loop.iterable().span(), "for needs a list or range(...), got " + Value.describe(it));
        for (Value v : list.items()) {
          f.set(loop.variable(), v, loop.span());
          exec(loop.body(), f);
        }
      }
    }
  }

  private void assign(Ast.Assign a, Frame f) {
    Hint hint = a.targets().size() == 1 ? new AssignTo(a.targets().get(0)) : null;
    Value v = eval(a.value(), f, hint);
    if (a.targets().size() == 1) {
      f.set(a.targets().get(0), v, a.span());
      return;
    }
    if (v instanceof Poison) {
      for (String t : a.targets()) f.set(t, v, a.span());
      return;
    }
    if (!(v instanceof ListVal l) || l.items().size() != a.targets().size()) {
      String right = v instanceof ListVal l ? "gives " + l.items().size() + " values" : "is " + Value.describe(v);
      throw new EvalError(a.span(), a.targets().size() + " names on the left, but the right side " + right);
    }
    for (int i = 0; i < a.targets().size(); i++) f.set(a.targets().get(i), l.items().get(i), a.span());
  }

  private Value returnValue(Ast.Return r, Frame f) {
    boolean isModel = f.caller == null;
    List<Value> values = new ArrayList<>();
    for (Ast.ReturnItem item : r.items()) {
      Value v = eval(item.value(), f, r.items().size() == 1 ? new ReturnSeq() : null);
      if (isModel) modelOutput(item, v);
      values.add(v);
    }
    return values.size() == 1 ? values.get(0) : new ListVal(values, true);
  }

  private void modelOutput(Ast.ReturnItem item, Value v) {
    String name = item.name() != null ? item.name() : item.value() instanceof Ast.Name n ? n.name() : null;
    if (name == null) throw new EvalError(item.span(), "name this output: return NAME = ...");
    switch (v) {
      case TensorVal t -> sink.output(name, t.id(), item.span());
      case ListVal l when l.items().stream().allMatch(i -> i instanceof TensorVal) -> {
        for (int i = 0; i < l.items().size(); i++) sink.output(name + i, ((TensorVal) l.items().get(i)).id(), item.span());
      }
      case Poison p -> {}
      default -> throw new EvalError(item.span(), "a model returns tensors; '" + name + "' is " + Value.describe(v));
    }
  }

  private boolean condition(Expr e, Frame f) {
    Value v = eval(e, f, null);
    if (v instanceof BoolVal b) return b.value();
    if (v instanceof Poison) return false;
    throw new EvalError(e.span(), "a condition must be true or false, got " + Value.describe(v));
  }

  // ---- expressions -------------------------------------------------------------------------

  Value eval(Expr e, Frame f, Hint hint) {
    return switch (e) {
      case Ast.IntLit i -> new IntVal(i.value());
      case Ast.FloatLit x -> new FloatVal(x.value());
      case Ast.StrLit s -> new StrVal(s.value());
      case Ast.BoolLit b -> new BoolVal(b.value());
      case Ast.NoneLit n -> Value.NONE;
      case Ast.Name n -> name(n, f);
      case Ast.ListLit l -> {
        List<Value> items = l.items().stream().map(i -> eval(i, f, null)).toList();
        yield items.stream().anyMatch(i -> i instanceof Poison) ? Value.POISON : new ListVal(items, l.isTuple());
      }
      case Ast.Unary u -> Arithmetic.unary(u, eval(u.operand(), f, null), sink);
      case Ast.Binary b -> binary(b, f);
      case Ast.Ternary t -> condition(t.condition(), f) ? eval(t.then(), f, hint) : eval(t.otherwise(), f, hint);
      case Ast.Index i -> index(i, f);
      case Ast.Call c -> call(c, f, null, hint instanceof AssignTo a ? a.name() : null);
      case Ast.Pipeline p -> pipeline(p, f, hint);
    };
  }

  private Value binary(Ast.Binary b, Frame f) {
    if (b.op().equals("and") || b.op().equals("or")) {
      boolean left = condition(b.left(), f);
      if (b.op().equals("and") ? !left : left) return new BoolVal(left);
      return new BoolVal(condition(b.right(), f));
    }
    return Arithmetic.binary(b, eval(b.left(), f, null), eval(b.right(), f, null), sink);
  }

  private Value name(Ast.Name n, Frame f) {
    if (f.has(n.name())) return f.get(n.name());
    if (OpCatalogue.contains(n.name()) || program.def(n.name()) != null || Builtins.NAMES.contains(n.name())) {
      throw new EvalError(n.span(), "'" + n.name() + "' is a function; call it, as in " + n.name() + "(x)");
    }
    throw new EvalError(n.span(), "unknown name '" + n.name() + "'" + Suggestions.didYouMean(n.name(), f.names()));
  }

  private Value index(Ast.Index i, Frame f) {
    Value target = eval(i.target(), f, null), index = eval(i.index(), f, null);
    if (target instanceof Poison || index instanceof Poison) return Value.POISON;
    if (!(target instanceof ListVal l)) throw new EvalError(i.span(), "only lists can be indexed, not " + Value.describe(target));
    if (!(index instanceof IntVal k)) throw new EvalError(i.index().span(), "an index must be an integer, got " + Value.describe(index));
    long at = k.value() < 0 ? k.value() + l.items().size() : k.value();
    if (at < 0 || at >= l.items().size()) throw new EvalError(i.index().span(), "index " + k.value() + " is out of range for a list of " + l.items().size());
    return l.items().get((int) at);
  }

  private Value pipeline(Ast.Pipeline p, Frame f, Hint hint) {
    String seq = hint instanceof AssignTo a ? a.name() + "." : hint instanceof ReturnSeq ? "" : null;
    int k = 0;
    Value v;
    if (p.head() instanceof Ast.Call c) {
      v = call(c, f, null, seq == null ? null : seq + k++);
    } else {
      v = eval(p.head(), f, null);
    }
    for (Ast.Stage s : p.stages()) {
      for (int r = 0; r < s.repeat(); r++) {
        if (v instanceof Poison) return v;
        v = call(s.call(), f, new Piped(v, p.head().span()), seq == null ? null : seq + k++);
      }
    }
    return v;
  }

  /** The value flowing into a pipeline stage. */
  private record Piped(Value value, Span span) {}

  private Value call(Ast.Call c, Frame f, Piped piped, String hintName) {
    List<OpCalls.ArgVal> args = new ArrayList<>();
    if (piped != null) args.add(new OpCalls.ArgVal(null, piped.value(), piped.span()));
    for (Ast.Arg a : c.args()) args.add(new OpCalls.ArgVal(a.keyword(), eval(a.value(), f, null), a.span()));
    // @(slot=path, ...) names every parameter itself, so the call claims no layer name of its own.
    String rel = c.naming() instanceof Ast.PathNaming p ? Naming.render(p.parts(), f, (x, fr) -> eval(x, fr, null))
        : c.naming() instanceof Ast.RenameNaming ? null : hintName;
    String layer = rel == null ? null : f.prefix + rel;
    boolean tensorFirst = !args.isEmpty() && args.get(0).value() instanceof TensorVal;
    if (Builtins.NAMES.contains(c.callee()) && !(tensorFirst && OpCatalogue.contains(c.callee()))) {
      if (c.naming() != null) throw new EvalError(c.naming().span(), c.callee() + "() is a built-in function and has no name");
      List<Value> values = new ArrayList<>();
      for (OpCalls.ArgVal a : args) {
        if (a.keyword() != null) throw new EvalError(a.span(), c.callee() + "() takes no keyword arguments");
        if (a.value() instanceof Poison) return Value.POISON;
        values.add(a.value());
      }
      return Builtins.call(c.callee(), values, c.span());
    }
    Ast.Def def = program.def(c.callee());
    if (def != null) {
      if (def.isModel()) throw new EvalError(c.span(), "'" + c.callee() + "' is a model; only blocks can be called");
      if (c.naming() instanceof Ast.RenameNaming r) throw new EvalError(r.span(), "a block call is named with @name, not @(...)");
      return callBlock(def, c, args, f, c.naming() != null || hintName != null ? layer : null);
    }
    if (OpCatalogue.contains(c.callee())) {
      Map<String, String> renames = c.naming() instanceof Ast.RenameNaming r ? Naming.renames(r, f, (x, fr) -> eval(x, fr, null)) : null;
      return OpCalls.call(c.callee(), args, c.span(), layer, renames, sink);
    }
    Span calleeSpan = new Span(c.span().file(), c.span().line(), c.span().column(), c.callee().length());
    if (f.has(c.callee())) {
      throw new EvalError(calleeSpan, "'" + c.callee() + "' is a variable (" + Value.describe(f.get(c.callee()))
          + "), not an op or block; only ops and blocks can be called");
    }
    TreeSet<String> known = new TreeSet<>(OpCatalogue.names());
    known.addAll(program.defs.keySet());
    known.addAll(Builtins.NAMES);
    throw new EvalError(calleeSpan, "unknown op or block '" + c.callee() + "'" + Suggestions.didYouMean(c.callee(), known));
  }

  private Value callBlock(Ast.Def def, Ast.Call c, List<OpCalls.ArgVal> args, Frame caller, String layer) {
    if (caller.isActive(def)) throw new EvalError(c.span(), "block '" + def.name() + "' calls itself; recursion (a cycle of calls) is not allowed");
    if (depth >= MAX_CALL_DEPTH) throw new EvalError(c.span(), "blocks are nested more than " + MAX_CALL_DEPTH + " deep");
    for (OpCalls.ArgVal a : args) if (a.value() instanceof Poison) return Value.POISON;
    if (layer != null) sink.claimLayer(layer, c.span());
    Frame frame = new Frame(def, layer == null ? caller.prefix : layer + ".", caller);
    Types.bindBlockArgs(def, c, args, frame, e -> eval(e, frame, null));
    depth++;
    calls.addLast(new Diagnostic.Note(c.span(), "in block '" + def.name() + "'" + (layer == null ? "" : " (" + layer + ")")
        + " called here with " + describeArgs(def, frame)));
    try {
      exec(def.body(), frame);
    } catch (Returned r) {
      diagnostics.addAll(unusedWarnings(frame));
      return r.value;
    } finally {
      depth--;
      calls.removeLast();
    }
    throw new EvalError(def.span(), "block '" + def.name() + "' returns nothing; end it with return VALUE",
        new Diagnostic.Note(c.span(), "called here"));
  }

  private List<Diagnostic> unusedWarnings(Frame f) {
    List<Diagnostic> w = new ArrayList<>();
    if (diagnostics.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR)) return w;
    f.unread.forEach((name, span) -> w.add(Diagnostic.warning(span, "'" + name + "' is computed but never used")));
    return w;
  }

  /** {@code planes=6, stride=2}: a block's non-tensor arguments, for the call-site note. */
  private static String describeArgs(Ast.Def def, Frame frame) {
    List<String> parts = new ArrayList<>();
    for (Ast.Param p : def.params()) {
      Value v = frame.has(p.name()) ? frame.peek(p.name()) : null;
      parts.add(p.name() + "=" + (v == null ? "?" : Value.show(v)));
    }
    return String.join(", ", parts);
  }

  private void report(Diagnostic d) {
    if (!calls.isEmpty() && d.severity() == Diagnostic.Severity.ERROR) {
      List<Diagnostic.Note> notes = new ArrayList<>(d.notes());
      java.util.Iterator<Diagnostic.Note> it = calls.descendingIterator();
      for (int k = 0; k < 3 && it.hasNext(); k++) notes.add(it.next());
      d = new Diagnostic(d.severity(), d.span(), d.message(), notes);
    }
    diagnostics.add(d);
    if (diagnostics.stream().filter(x -> x.severity() == Diagnostic.Severity.ERROR).count() >= MAX_ERRORS) {
      throw new DiagnosticException(diagnostics);
    }
  }
}
