package dev.tnet.ir.opt;

import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.Node;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Who uses each value of a graph. */
final class GraphUses {
  private GraphUses() {}

  /** How many node inputs read each value (a node reading it twice counts twice). */
  static Map<String, Integer> counts(Graph g) {
    Map<String, Integer> m = new HashMap<>();
    for (Node n : g.nodes()) for (String v : n.inputs()) m.merge(v, 1, Integer::sum);
    return m;
  }

  /** The single node reading {@code value}, if exactly one input of one node does and it is no graph output. */
  static Node soleUser(Graph g, String value) {
    if (g.outputs().stream().anyMatch(o -> o.value().equals(value))) return null;
    Node user = null;
    int count = 0;
    for (Node n : g.nodes()) {
      for (String v : n.inputs()) {
        if (v.equals(value)) {
          user = n;
          count++;
        }
      }
    }
    return count == 1 ? user : null;
  }

  static Node node(Graph g, String name) {
    for (Node n : g.nodes()) if (n.name().equals(name)) return n;
    throw new dev.tnet.runtime.CompilerBug("no node " + name);
  }

  /** The output value of the last node of a layer's chain. */
  static String tailValue(Graph g, KernelPlan.Layer l) {
    List<String> outs = node(g, l.tail()).outputs();
    return outs.getFirst();
  }
}
