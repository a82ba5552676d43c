package dev.tnet.ir.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnet.ir.op.AttrValue;
import dev.tnet.ir.op.OpCatalogue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphTyperTest {
  static final TensorType X = TensorType.f32(Dim.sym("N"), Dim.of(8));

  static Node linear(String name, int out, String in) {
    return new Node(name, OpCatalogue.create("linear", List.of(AttrValue.of(out)), Map.of()), List.of(in),
        List.of(name + ".weight", name + ".bias"), List.of(name));
  }

  @Test
  void infersValueAndParameterTypesWithSymbolicBatch() {
    Graph g = new Graph("mlp", List.of(new Graph.Input("x", X)),
        List.of(linear("fc1", 4, "x"), linear("fc2", 2, "fc1")), List.of(new Graph.Output("y", "fc2")));
    TypedGraph t = GraphTyper.infer(g);
    assertEquals(TensorType.f32(Dim.sym("N"), Dim.of(2)), t.type("fc2"));
    assertEquals(List.of("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"), List.copyOf(t.params().keySet()));
    assertEquals(TensorType.f32(4, 8), t.params().get("fc1.weight").type());
  }

  @Test
  void useBeforeDefinitionIsRefusedNamingTheNode() {
    Graph g = new Graph("bad", List.of(new Graph.Input("x", X)),
        List.of(linear("fc2", 2, "fc1"), linear("fc1", 4, "x")), List.of(new Graph.Output("y", "fc2")));
    GraphException e = assertThrows(GraphException.class, () -> GraphTyper.infer(g));
    assertTrue(e.getMessage().contains("node 'fc2' reads 'fc1'"), e.getMessage());
  }

  @Test
  void sharedParameterMustKeepOneType() {
    Node a = linear("fc", 4, "x");
    Node b = new Node("fc_again", a.op(), List.of("fc"), a.params(), List.of("fc_again"));
    Graph g = new Graph("tied", List.of(new Graph.Input("x", X)), List.of(a, b), List.of(new Graph.Output("y", "fc_again")));
    GraphException e = assertThrows(GraphException.class, () -> GraphTyper.infer(g));
    assertTrue(e.getMessage().contains("parameter 'fc.weight' is shared"), e.getMessage());
  }

  @Test
  void opErrorsNameTheNode() {
    Graph g = new Graph("bad", List.of(new Graph.Input("x", TensorType.f32(new long[0]))), List.of(linear("fc", 2, "x")),
        List.of(new Graph.Output("y", "fc")));
    GraphException e = assertThrows(GraphException.class, () -> GraphTyper.infer(g));
    assertTrue(e.getMessage().startsWith("node 'fc': linear: "), e.getMessage());
  }

  @Test
  void outputsMustBeDefinedAndDistinct() {
    Graph undefined = new Graph("g", List.of(new Graph.Input("x", X)), List.of(), List.of(new Graph.Output("y", "nope")));
    assertThrows(GraphException.class, () -> GraphTyper.infer(undefined));
    Graph twice = new Graph("g", List.of(new Graph.Input("x", X)), List.of(),
        List.of(new Graph.Output("y", "x"), new Graph.Output("y", "x")));
    assertThrows(GraphException.class, () -> GraphTyper.infer(twice));
  }

  @Test
  void textFormShowsNodesParamsAndNonDefaultArguments() {
    Graph g = new Graph("mlp", List.of(new Graph.Input("x", X)), List.of(linear("fc1", 4, "x")),
        List.of(new Graph.Output("y", "fc1")));
    assertEquals("""
        graph mlp(x: f32[N, 8]) {
          %fc1 = linear(%x, out_features=4) {fc1.weight, fc1.bias}
          return y = %fc1
        }
        """, g.toString());
  }
}
