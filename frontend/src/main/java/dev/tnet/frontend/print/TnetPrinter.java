package dev.tnet.frontend.print;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.GraphTyper;
import dev.tnet.ir.graph.Node;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.graph.TypedGraph;
import dev.tnet.ir.op.AttrValue;
import dev.tnet.ir.op.Cat;
import dev.tnet.ir.op.Op;
import dev.tnet.ir.op.OpCatalogue;
import dev.tnet.ir.op.Signature;
import dev.tnet.ir.op.Stack;
import dev.tnet.runtime.CompilerBug;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Prints a graph as {@code .tnet} source that compiles back to the same graph (in the sense of
 * {@link GraphEquivalence}): one model, one statement per node, in node order.
 *
 * <pre>
 * model tiny(x: f32[N, 3, 8, 8]) {
 *     conv1 = conv2d(x, 4, 3, padding=1) @conv1
 *     relu = relu(conv1)
 *     a, a_2 = chunk(relu, 2, dim=1)
 *     return y = a
 * }
 * </pre>
 *
 * <ul>
 *   <li>An op is called with its tensor inputs ({@code cat} and {@code stack} take a list), then
 *       its leading required arguments by position, then every other argument that differs from
 *       its default by keyword ({@link TnetSyntax#literal} writes the values exactly).
 *   <li>Parameters keep their names: {@code @layer} when they are {@code layer.<slot>}, else
 *       {@code @(slot=path, ...)} ({@link LayerNaming}).
 *   <li>Variables are made from the structure, never from value names: a node's layer, else its
 *       op, made unique. So printing the reparsed graph gives the same text.
 *   <li>Inputs and outputs keep their names; input dims are integers or symbols.
 * </ul>
 *
 * A graph that the language cannot express (a non-identifier input or output name, an input dim
 * that is an expression, a shared or unwritable parameter name) is a {@link CompilerBug} naming
 * what cannot be written; a malformed graph is the {@code GraphException} of {@link GraphTyper}.
 */
public final class TnetPrinter {
  private static final String INDENT = "    ";

  private final TypedGraph typed;
  private final List<LayerNaming> namings;
  /** Graph value name to the source variable that holds it. */
  private final Map<String, String> variables = new HashMap<>();
  /** Identifiers a new variable must avoid: inputs and variables so far. */
  private final Set<String> taken = new HashSet<>();
  /** Every {@code @layer}, which the variable of an {@code @(...)} call must also avoid (it becomes a layer name). */
  private final Set<String> layers = new HashSet<>();

  private TnetPrinter(Graph g) {
    this.typed = GraphTyper.infer(g);
    this.namings = LayerNaming.of(typed);
    for (LayerNaming n : namings) if (n instanceof LayerNaming.Prefix p) layers.add(p.layer());
  }

  /** The source of {@code g}; see the class comment for what it looks like and when it throws. */
  public static String print(Graph g) {
    return new TnetPrinter(g).source();
  }

  private String source() {
    Graph g = typed.graph();
    StringBuilder sb = new StringBuilder("model ").append(TnetSyntax.sanitize(g.name())).append('(');
    List<String> inputs = new ArrayList<>();
    for (Graph.Input in : g.inputs()) inputs.add(input(in));
    sb.append(String.join(", ", inputs)).append(") {\n");
    for (int i = 0; i < g.nodes().size(); i++) sb.append(INDENT).append(statement(g.nodes().get(i), namings.get(i))).append('\n');
    sb.append(INDENT).append("return ").append(g.outputs().stream().map(this::output).collect(Collectors.joining(", ")));
    return sb.append("\n}\n").toString();
  }

  /** {@code x: f32[N, 3, 32, 32]}; the input's name becomes its variable. */
  private String input(Graph.Input in) {
    String name = requireIdentifier(in.name(), "input name");
    List<String> dims = new ArrayList<>();
    for (Dim d : in.type().dims()) dims.add(dim(in, d));
    variables.put(name, name);
    taken.add(name);
    return name + ": " + in.type().dtype() + "[" + String.join(", ", dims) + "]";
  }

  /** A non-negative integer, or a symbol that is not the name of an earlier input (which would be read as that tensor). */
  private String dim(Graph.Input in, Dim d) {
    if (d.isKnown() && d.value() >= 0) return Long.toString(d.value());
    String symbol = d.symbolName();
    if (symbol == null) {
      throw new CompilerBug("input '" + in.name() + "' has the dim " + d + "; a .tnet input dim is a non-negative integer or a symbol");
    }
    if (!TnetSyntax.isIdentifier(symbol) || variables.containsKey(symbol)) {
      throw new CompilerBug("input '" + in.name() + "' has the symbol '" + symbol + "', which .tnet cannot write"
          + (variables.containsKey(symbol) ? " (an earlier input has that name)" : ""));
    }
    return symbol;
  }

  /** {@code a, b = op(inputs, args) @naming}. */
  private String statement(Node n, LayerNaming naming) {
    if (n.outputs().isEmpty()) throw new CompilerBug("node '" + n.name() + "' has no outputs");
    List<String> operands = n.inputs().stream().map(variables::get).toList();
    String base = naming instanceof LayerNaming.Prefix p ? TnetSyntax.sanitize(p.layer()) : n.op().name();
    List<String> targets = new ArrayList<>();
    for (String out : n.outputs()) {
      String v = fresh(base, naming instanceof LayerNaming.Rename);
      variables.put(out, v);
      targets.add(v);
    }
    return String.join(", ", targets) + " = " + call(n.op(), operands) + naming.text();
  }

  /** {@code base}, or {@code base_2}, {@code base_3}, ...: the first that is not taken (nor a layer, if asked). */
  private String fresh(String base, boolean avoidLayers) {
    String v = base;
    for (int k = 2; taken.contains(v) || avoidLayers && layers.contains(v); k++) v = base + "_" + k;
    taken.add(v);
    return v;
  }

  /** {@code conv2d(x, 64, 7, stride=2)}: operands, leading required arguments, then non-default ones by keyword. */
  private static String call(Op op, List<String> operands) {
    List<String> parts = new ArrayList<>();
    switch (op) {
      case Cat _, Stack _ -> parts.add("[" + String.join(", ", operands) + "]");
      default -> parts.addAll(operands);
    }
    boolean positional = true;
    for (Signature.Param p : OpCatalogue.signature(op.name()).params()) {
      AttrValue v = op.args().get(p.name());
      positional &= p.defaultValue() == null;
      if (positional) parts.add(TnetSyntax.literal(v));
      else if (!v.equals(p.defaultValue())) parts.add(requireIdentifier(p.name(), op.name() + " argument") + "=" + TnetSyntax.literal(v));
    }
    return op.name() + "(" + String.join(", ", parts) + ")";
  }

  /** {@code logits = fc}, or just {@code logits} when the variable has the output's name. */
  private String output(Graph.Output o) {
    String name = requireIdentifier(o.name(), "output name");
    String v = variables.get(o.value());
    return v.equals(name) ? name : name + " = " + v;
  }

  private static String requireIdentifier(String s, String what) {
    if (!TnetSyntax.isIdentifier(s)) throw new CompilerBug("the " + what + " '" + s + "' is not a .tnet identifier");
    return s;
  }
}
