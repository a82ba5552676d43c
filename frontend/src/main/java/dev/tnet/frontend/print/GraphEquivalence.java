package dev.tnet.frontend.print;

import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Structural equality of graphs, blind to the names of values and nodes and to the graph's name.
 *
 * <p>Two graphs are the same when they have: the same inputs (names and types, in order); the same
 * number of nodes, and at each position an {@code equals} op that reads the same sources (an input
 * by position, or an output of an earlier node by node and output position), names the same
 * parameters in the same order and defines as many outputs; and the same outputs (names, in order,
 * and sources). A value read before it is defined makes graphs differ.
 */
public final class GraphEquivalence {
  private GraphEquivalence() {}

  /** Where a value comes from, independent of its name. */
  private sealed interface Source {}

  private record FromInput(int input) implements Source {}

  private record FromNode(int node, int output) implements Source {}

  /** True if {@code a} and {@code b} are the same graph up to value and node names. */
  public static boolean same(Graph a, Graph b) {
    return difference(a, b).isEmpty();
  }

  /** The first difference between {@code a} and {@code b}, said in words; empty when they are the same. */
  public static Optional<String> difference(Graph a, Graph b) {
    if (!a.inputs().equals(b.inputs())) return Optional.of("inputs differ: " + a.inputs() + " vs " + b.inputs());
    if (a.nodes().size() != b.nodes().size()) return Optional.of("node counts differ: " + a.nodes().size() + " vs " + b.nodes().size());
    Map<String, Source> sa = inputSources(a), sb = inputSources(b);
    for (int i = 0; i < a.nodes().size(); i++) {
      Node na = a.nodes().get(i), nb = b.nodes().get(i);
      String at = "node " + i + " ('" + na.name() + "' vs '" + nb.name() + "'): ";
      if (!na.op().equals(nb.op())) return Optional.of(at + "ops differ: " + na.op() + " vs " + nb.op());
      List<Source> ina = sources(na.inputs(), sa), inb = sources(nb.inputs(), sb);
      if (ina.contains(null) || inb.contains(null)) return Optional.of(at + "reads a value not defined before it: " + na.inputs() + " vs " + nb.inputs());
      if (!ina.equals(inb)) return Optional.of(at + "inputs differ: " + ina + " vs " + inb);
      if (!na.params().equals(nb.params())) return Optional.of(at + "parameters differ: " + na.params() + " vs " + nb.params());
      if (na.outputs().size() != nb.outputs().size()) return Optional.of(at + "output counts differ");
      define(na, i, sa);
      define(nb, i, sb);
    }
    if (a.outputs().size() != b.outputs().size()) return Optional.of("output counts differ: " + a.outputs() + " vs " + b.outputs());
    for (int i = 0; i < a.outputs().size(); i++) {
      Graph.Output oa = a.outputs().get(i), ob = b.outputs().get(i);
      if (!oa.name().equals(ob.name())) return Optional.of("output " + i + ": names differ: " + oa.name() + " vs " + ob.name());
      Source x = sa.get(oa.value()), y = sb.get(ob.value());
      if (x == null || !x.equals(y)) return Optional.of("output '" + oa.name() + "': sources differ: " + x + " vs " + y);
    }
    return Optional.empty();
  }

  private static Map<String, Source> inputSources(Graph g) {
    Map<String, Source> m = new HashMap<>();
    for (int i = 0; i < g.inputs().size(); i++) m.put(g.inputs().get(i).name(), new FromInput(i));
    return m;
  }

  private static void define(Node n, int index, Map<String, Source> sources) {
    for (int k = 0; k < n.outputs().size(); k++) sources.put(n.outputs().get(k), new FromNode(index, k));
  }

  /** The sources of {@code values}; null for a value not defined yet. */
  private static List<Source> sources(List<String> values, Map<String, Source> defined) {
    List<Source> r = new ArrayList<>();
    for (String v : values) r.add(defined.get(v));
    return r;
  }
}
