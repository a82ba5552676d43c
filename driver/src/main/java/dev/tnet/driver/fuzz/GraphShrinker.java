package dev.tnet.driver.fuzz;

import dev.tnet.interp.Interpreter;
import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.GraphTyper;
import dev.tnet.ir.graph.Node;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.graph.TypedGraph;
import dev.tnet.ir.op.AttrValue;
import dev.tnet.ir.op.Op;
import dev.tnet.ir.op.OpCatalogue;
import dev.tnet.ir.op.ParamSpec;
import dev.tnet.ir.op.Signature;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.UserException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Shrinks a failing graph case greedily: it tries smaller variants in order and restarts from the
 * first that still fails the same way, until none does or the budget runs out. Variants, largest
 * cuts first:
 * <ol>
 *   <li>keep one output only, or make an intermediate value the only output (dropping what follows it);
 *   <li>cut the graph before a node: its inputs become graph inputs holding the values the
 *       reference interpreter computed for them (so the node sees the same data), and everything
 *       upstream goes; or cut after a node: its outputs become such inputs;
 *   <li>bypass a node whose output has the type of one of its inputs;
 *   <li>halve an input dim (or make it 1 or one less), keeping its first or its last elements,
 *       while every op still accepts its inputs;
 *   <li>make an op argument smaller (an int halved, decremented or 1, a flag off) or its default.
 * </ol>
 * Dead nodes and unused inputs are dropped after each change; weights are cropped to their new
 * shapes, or drawn anew if they grew.
 */
public final class GraphShrinker {
  private GraphShrinker() {}

  public static FuzzCase shrink(FuzzCase c, Predicate<FuzzCase> fails, Shrinking budget) {
    long deadline = System.currentTimeMillis() + budget.maxMillis();
    int checks = 0;
    FuzzCase best = c;
    boolean progress = true;
    while (progress && checks < budget.maxChecks() && System.currentTimeMillis() < deadline) {
      progress = false;
      for (var it = candidates(best).iterator(); it.hasNext() && checks < budget.maxChecks() && System.currentTimeMillis() < deadline; ) {
        FuzzCase next = it.next();
        if (next == null) continue;
        checks++;
        if (fails.test(next)) {
          best = next;
          progress = true;
          break;
        }
      }
    }
    return best.with(c.origin() + ", shrunk", best.graph(), best.inputs(), best.weights());
  }

  /** The variants of {@code c}, lazily, largest cuts first; null for one that is not a valid graph. */
  static Iterable<FuzzCase> candidates(FuzzCase c) {
    List<java.util.function.Supplier<FuzzCase>> all = new ArrayList<>();
    Graph g = c.graph();
    if (g.outputs().size() > 1) {
      for (Graph.Output o : g.outputs()) all.add(() -> valid(c, new Graph(g.name(), g.inputs(), g.nodes(), List.of(o)), c.inputs()));
    }
    for (Node n : g.nodes()) {
      for (String v : n.outputs()) {
        if (g.outputs().size() > 1 || !g.outputs().getFirst().value().equals(v)) {
          all.add(() -> valid(c, new Graph(g.name(), g.inputs(), g.nodes(), List.of(new Graph.Output(g.outputs().getFirst().name(), v))), c.inputs()));
        }
      }
    }
    var values = new java.util.concurrent.atomic.AtomicReference<Map<String, Tensor>>();
    java.util.function.Supplier<Map<String, Tensor>> intermediates = () -> {
      if (values.get() == null) values.set(materialize(c));
      return values.get();
    };
    for (int i = g.nodes().size() - 1; i >= 0; i--) {
      Node n = g.nodes().get(i);
      all.add(() -> cut(c, n.inputs(), intermediates.get()));
      all.add(() -> cut(c, n.outputs(), intermediates.get()));
    }
    for (int i = g.nodes().size() - 1; i >= 0; i--) {
      int at = i;
      all.add(() -> bypass(c, at));
    }
    for (Graph.Input in : g.inputs()) {
      Shape s = c.inputs().get(in.name()).shape();
      for (int d = 0; d < s.rank(); d++) {
        for (int size : new java.util.TreeSet<>(List.of(1, s.dim(d) / 2, s.dim(d) - 1))) {
          if (size >= 1 && size < s.dim(d)) {
            int dim = d;
            all.add(() -> resizeInput(c, in.name(), dim, size, false));
            all.add(() -> resizeInput(c, in.name(), dim, size, true));
          }
        }
      }
    }
    for (int i = 0; i < g.nodes().size(); i++) {
      Node n = g.nodes().get(i);
      for (var arg : n.op().args().values().entrySet()) {
        for (AttrValue smaller : smaller(n.op().name(), arg.getKey(), arg.getValue())) {
          int at = i;
          all.add(() -> withArg(c, at, arg.getKey(), smaller));
        }
      }
    }
    return () -> all.stream().map(java.util.function.Supplier::get).iterator();
  }

  /** The reference value of every input and node output, or an empty map if the interpreter fails. */
  static Map<String, Tensor> materialize(FuzzCase c) {
    Graph g = c.graph();
    List<Graph.Output> every = new ArrayList<>();
    for (Node n : g.nodes()) for (String o : n.outputs()) every.add(new Graph.Output(o, o));
    if (every.isEmpty()) return Map.of();
    try {
      Map<String, Tensor> m = new HashMap<>(Interpreter.run(new Graph(g.name(), g.inputs(), g.nodes(), every), c.inputs(), c.weights()));
      m.putAll(c.inputs());
      return m;
    } catch (RuntimeException e) {
      return Map.of();
    }
  }

  /** {@code values} (node outputs) become graph inputs holding their reference values. */
  static FuzzCase cut(FuzzCase c, List<String> values, Map<String, Tensor> ref) {
    Graph g = c.graph();
    Set<String> inputs = new HashSet<>();
    g.inputs().forEach(i -> inputs.add(i.name()));
    Map<String, String> rename = new LinkedHashMap<>();
    for (String v : values) {
      if (inputs.contains(v) || rename.containsKey(v)) continue;
      if (!ref.containsKey(v)) return null;
      rename.put(v, freshInputName(g, v));
    }
    if (rename.isEmpty()) return null;
    List<Graph.Input> newInputs = new ArrayList<>(g.inputs());
    Map<String, Tensor> in = new LinkedHashMap<>(c.inputs());
    rename.forEach((v, name) -> {
      Tensor t = ref.get(v);
      newInputs.add(new Graph.Input(name, TensorType.of(t.dtype(), t.shape())));
      in.put(name, t);
    });
    List<Node> nodes = new ArrayList<>();
    for (Node n : g.nodes()) {
      if (n.outputs().stream().anyMatch(rename::containsKey)) continue;
      nodes.add(new Node(n.name(), n.op(), n.inputs().stream().map(v -> rename.getOrDefault(v, v)).toList(), n.params(), n.outputs()));
    }
    List<Graph.Output> outs = g.outputs().stream().map(o -> new Graph.Output(o.name(), rename.getOrDefault(o.value(), o.value()))).toList();
    return valid(c, new Graph(g.name(), newInputs, nodes, outs), in);
  }

  /** An identifier for a new input made from value {@code v}, unused in {@code g}. */
  private static String freshInputName(Graph g, String v) {
    Set<String> used = new HashSet<>();
    g.inputs().forEach(i -> used.add(i.name()));
    g.nodes().forEach(n -> {
      used.addAll(n.outputs());
      used.add(n.name());
    });
    g.outputs().forEach(o -> used.add(o.name()));
    String base = v.replaceAll("[^A-Za-z0-9_]", "_");
    String name = base + "_in";
    for (int k = 2; used.contains(name); k++) name = base + "_in" + k;
    return name;
  }

  /** Node {@code at} removed, its single output replaced by an input of the same type. */
  static FuzzCase bypass(FuzzCase c, int at) {
    Graph g = c.graph();
    Node n = g.nodes().get(at);
    if (n.outputs().size() != 1) return null;
    TypedGraph typed = typedOf(c);
    if (typed == null) return null;
    String out = n.outputs().get(0);
    String by = n.inputs().stream().filter(i -> typed.type(i).equals(typed.type(out))).findFirst().orElse(null);
    if (by == null) return null;
    List<Node> nodes = new ArrayList<>();
    for (Node m : g.nodes()) {
      if (m == n) continue;
      nodes.add(new Node(m.name(), m.op(), m.inputs().stream().map(v -> v.equals(out) ? by : v).toList(), m.params(), m.outputs()));
    }
    List<Graph.Output> outs = g.outputs().stream().map(o -> new Graph.Output(o.name(), o.value().equals(out) ? by : o.value())).toList();
    return valid(c, new Graph(g.name(), g.inputs(), nodes, outs), c.inputs());
  }

  /** Input {@code input} with dim {@code dim} cut to {@code size}, keeping its first or last elements. */
  static FuzzCase resizeInput(FuzzCase c, String input, int dim, int size, boolean keepLast) {
    Graph g = c.graph();
    Tensor t = c.inputs().get(input);
    Shape shape = t.shape().withDim(dim, size);
    int[] offset = new int[shape.rank()];
    if (keepLast) offset[dim] = t.shape().dim(dim) - size;
    List<Graph.Input> ins = g.inputs().stream()
        .map(i -> i.name().equals(input) ? new Graph.Input(i.name(), TensorType.of(i.type().dtype(), shape)) : i).toList();
    Map<String, Tensor> data = new LinkedHashMap<>(c.inputs());
    data.put(input, crop(t, shape, offset));
    return valid(c, new Graph(g.name(), ins, g.nodes(), g.outputs()), data);
  }

  /** Smaller values for one argument: ints halved, decremented or 1, flags off, and the default. */
  static List<AttrValue> smaller(String op, String arg, AttrValue v) {
    List<AttrValue> r = new ArrayList<>();
    switch (v) {
      case AttrValue.IntV(long x) when x > 1 -> {
        for (long s : new java.util.TreeSet<>(List.of(1L, x / 2, x - 1))) if (s < x) r.add(AttrValue.of(s));
      }
      case AttrValue.BoolV(boolean b) when b -> r.add(AttrValue.of(false));
      case AttrValue.ListV(List<AttrValue> items) -> {
        for (int i = 0; i < items.size(); i++) {
          if (items.get(i) instanceof AttrValue.IntV(long x) && x > 1) {
            List<AttrValue> copy = new ArrayList<>(items);
            copy.set(i, AttrValue.of(x / 2));
            r.add(new AttrValue.ListV(copy));
          }
        }
      }
      default -> {}
    }
    AttrValue def = OpCatalogue.signature(op).params().stream().filter(p -> p.name().equals(arg) && p.defaultValue() != null)
        .map(Signature.Param::defaultValue).findFirst().orElse(null);
    if (def != null && !def.equals(v)) r.add(def);
    return r;
  }

  /** Node {@code at} with argument {@code arg} replaced, its parameters renamed as the op now needs. */
  static FuzzCase withArg(FuzzCase c, int at, String arg, AttrValue value) {
    Graph g = c.graph();
    Node n = g.nodes().get(at);
    TypedGraph typed = typedOf(c);
    if (typed == null) return null;
    Map<String, AttrValue> args = new LinkedHashMap<>(n.op().args().values());
    args.put(arg, value);
    Op op;
    List<ParamSpec> specs;
    try {
      op = OpCatalogue.create(n.op().name(), List.of(), args);
      specs = op.params(n.inputs().stream().map(typed::type).toList());
    } catch (UserException e) {
      return null;
    }
    if (op.equals(n.op())) return null;
    String prefix = n.params().isEmpty() ? n.name() : n.params().get(0).substring(0, Math.max(0, n.params().get(0).lastIndexOf('.')));
    List<String> params = specs.stream().map(p -> prefix + "." + p.name()).toList();
    List<Node> nodes = new ArrayList<>(g.nodes());
    nodes.set(at, new Node(n.name(), op, n.inputs(), params, n.outputs()));
    return valid(c, new Graph(g.name(), g.inputs(), nodes, g.outputs()), c.inputs());
  }

  private static TypedGraph typedOf(FuzzCase c) {
    try {
      return GraphTyper.infer(c.graph());
    } catch (UserException e) {
      return null;
    }
  }

  /**
   * The case of {@code g} with dead nodes and unused inputs dropped and weights fitted, or null if
   * {@code g} is not a valid graph (an op refuses its new inputs).
   */
  static FuzzCase valid(FuzzCase c, Graph g, Map<String, Tensor> inputs) {
    Graph pruned = prune(g);
    TypedGraph typed;
    try {
      typed = GraphTyper.infer(pruned);
    } catch (UserException e) {
      return null;
    }
    Map<String, Tensor> in = new LinkedHashMap<>();
    for (Graph.Input i : pruned.inputs()) in.put(i.name(), inputs.get(i.name()));
    return c.with(c.origin(), pruned, in, fitWeights(typed, c.weights(), c.seed()));
  }

  /** {@code g} without nodes whose outputs no output needs, and without inputs nothing reads. */
  static Graph prune(Graph g) {
    Set<String> live = new HashSet<>();
    g.outputs().forEach(o -> live.add(o.value()));
    List<Node> kept = new ArrayList<>();
    for (int i = g.nodes().size() - 1; i >= 0; i--) {
      Node n = g.nodes().get(i);
      if (n.outputs().stream().anyMatch(live::contains)) {
        kept.addFirst(n);
        live.addAll(n.inputs());
      }
    }
    List<Graph.Input> inputs = g.inputs().stream().filter(i -> live.contains(i.name())).toList();
    return new Graph(g.name(), inputs, kept, g.outputs());
  }

  /** The old weights cropped to their new shapes; new or grown ones drawn from the seed. */
  static Map<String, Tensor> fitWeights(TypedGraph typed, Map<String, Tensor> old, long seed) {
    Map<String, Tensor> fresh = null;
    Map<String, Tensor> w = new LinkedHashMap<>();
    for (ParamSpec p : typed.params().values()) {
      Shape want = p.type().shape();
      Tensor t = old.get(p.name());
      if (t != null && t.dtype() == p.type().dtype() && fits(want, t.shape())) {
        w.put(p.name(), crop(t, want));
      } else {
        if (fresh == null) fresh = Weights.generate(typed, seed);
        w.put(p.name(), fresh.get(p.name()));
      }
    }
    return w;
  }

  private static boolean fits(Shape want, Shape have) {
    if (want.rank() != have.rank()) return false;
    for (int i = 0; i < want.rank(); i++) if (want.dim(i) > have.dim(i)) return false;
    return true;
  }

  /** The leading block of {@code t} of shape {@code s} (each dim at most {@code t}'s). */
  static Tensor crop(Tensor t, Shape s) {
    return crop(t, s, new int[s.rank()]);
  }

  /** The block of {@code t} of shape {@code s} that starts at {@code offset}. */
  static Tensor crop(Tensor t, Shape s, int[] offset) {
    if (t.shape().equals(s)) return t;
    int[] index = new int[s.rank()];
    int[] strides = t.shape().strides();
    float[] f = t.dtype() == dev.tnet.runtime.DType.F32 ? new float[s.size()] : null;
    long[] l = f == null ? new long[s.size()] : null;
    for (int k = 0; k < s.size(); k++) {
      int from = 0;
      for (int d = 0; d < index.length; d++) from += (offset[d] + index[d]) * strides[d];
      if (f != null) f[k] = t.floats()[from];
      else l[k] = t.longs()[from];
      for (int d = index.length - 1; d >= 0; d--) {
        if (++index[d] < s.dim(d)) break;
        index[d] = 0;
      }
    }
    return f != null ? Tensor.of(s, f) : Tensor.ofLongs(s, l);
  }
}
