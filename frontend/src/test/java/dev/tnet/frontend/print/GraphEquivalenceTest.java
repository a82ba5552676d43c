package dev.tnet.frontend.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.Node;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.op.AttrValue;
import dev.tnet.ir.op.OpCatalogue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Same graph up to value and node names, and each way two graphs can differ. */
class GraphEquivalenceTest {
  private static final TensorType T = TensorType.f32(2, 4);

  /** {@code x -> fc (linear) -> a, b = chunk -> add(a, b)}, outputs {@code y = add, part = b}. */
  private static Graph base() {
    return new Graph("g", List.of(new Graph.Input("x", T)), List.of(
        new Node("fc", op("linear", Map.of("out_features", AttrValue.of(4))), List.of("x"), List.of("fc.weight", "fc.bias"), List.of("fc")),
        new Node("chunk", op("chunk", Map.of("chunks", AttrValue.of(2), "dim", AttrValue.of(1))), List.of("fc"), List.of(), List.of("c.0", "c.1")),
        new Node("add", op("add", Map.of()), List.of("c.0", "c.1"), List.of(), List.of("sum"))),
        List.of(new Graph.Output("y", "sum"), new Graph.Output("part", "c.1")));
  }

  private static dev.tnet.ir.op.Op op(String name, Map<String, AttrValue> args) {
    return OpCatalogue.create(name, List.of(), args);
  }

  private static Graph editNode(Graph g, int index, UnaryOperator<Node> edit) {
    List<Node> nodes = new java.util.ArrayList<>(g.nodes());
    nodes.set(index, edit.apply(nodes.get(index)));
    return new Graph(g.name(), g.inputs(), nodes, g.outputs());
  }

  @Test
  void valueNodeAndGraphNamesDoNotMatter() {
    Graph renamed = new Graph("other", base().inputs(), List.of(
        new Node("n1", base().nodes().get(0).op(), List.of("x"), List.of("fc.weight", "fc.bias"), List.of("v1")),
        new Node("n2", base().nodes().get(1).op(), List.of("v1"), List.of(), List.of("v2", "v3")),
        new Node("n3", base().nodes().get(2).op(), List.of("v2", "v3"), List.of(), List.of("v4"))),
        List.of(new Graph.Output("y", "v4"), new Graph.Output("part", "v3")));

    assertEquals(Optional.empty(), GraphEquivalence.difference(base(), renamed));
    assertTrue(GraphEquivalence.same(base(), base()));
  }

  @Test
  void eachStructuralChangeIsADifference() {
    Graph g = base();
    List<Graph> changed = List.of(
        new Graph("g", List.of(new Graph.Input("x2", T)), g.nodes(), g.outputs()),
        new Graph("g", List.of(new Graph.Input("x", TensorType.f32(3, 4))), g.nodes(), g.outputs()),
        editNode(g, 0, n -> new Node(n.name(), op("linear", Map.of("out_features", AttrValue.of(4), "bias", AttrValue.of(false))),
            n.inputs(), List.of("fc.weight"), n.outputs())),
        editNode(g, 2, n -> new Node(n.name(), n.op(), List.of("c.1", "c.0"), n.params(), n.outputs())),
        editNode(g, 0, n -> new Node(n.name(), n.op(), n.inputs(), List.of("fc.bias", "fc.weight"), n.outputs())),
        new Graph("g", g.inputs(), g.nodes().subList(0, 2), List.of(new Graph.Output("y", "c.0"))),
        new Graph("g", g.inputs(), g.nodes(), List.of(new Graph.Output("y", "sum"), new Graph.Output("part", "c.0"))),
        new Graph("g", g.inputs(), g.nodes(), List.of(new Graph.Output("y", "sum"), new Graph.Output("piece", "c.1"))),
        new Graph("g", g.inputs(), g.nodes(), List.of(new Graph.Output("y", "sum"))));
    for (Graph c : changed) {
      assertFalse(GraphEquivalence.same(g, c), "same as\n" + c);
      assertFalse(GraphEquivalence.same(c, g), "same as\n" + c);
    }
  }

  @Test
  void readingAnUndefinedValueIsNeverTheSame() {
    Graph broken = editNode(base(), 2, n -> new Node(n.name(), n.op(), List.of("c.0", "nowhere"), n.params(), n.outputs()));

    assertTrue(GraphEquivalence.difference(broken, broken).orElseThrow().contains("not defined"));
  }
}
