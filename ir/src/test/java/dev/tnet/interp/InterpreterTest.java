package dev.tnet.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.GraphBuilder;
import dev.tnet.ir.graph.GraphException;
import dev.tnet.ir.graph.GraphTyper;
import dev.tnet.ir.graph.RandomWeights;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InterpreterTest {
  static Graph mlp() {
    var b = new GraphBuilder("mlp");
    String x = b.input("x", TensorType.f32(Dim.sym("N"), Dim.of(3)));
    String h = b.layer("fc1", "linear", Map.of("out_features", 2), x);
    String y = b.layer("fc2", "linear", Map.of("out_features", 1, "bias", false), h);
    return b.output("y", y).build();
  }

  static Map<String, Tensor> weights() {
    Map<String, Tensor> w = new HashMap<>();
    w.put("fc1.weight", Tensor.of(Shape.of(2, 3), new float[] {1, 0, 0, 0, 1, 1}));
    w.put("fc1.bias", Tensor.of(Shape.of(2), new float[] {0.5f, -1}));
    w.put("fc2.weight", Tensor.of(Shape.of(1, 2), new float[] {2, 3}));
    return w;
  }

  @Test
  void runsNodesInOrderAndBindsTheBatch() {
    Tensor x = Tensor.of(Shape.of(2, 3), new float[] {1, 2, 3, -1, 0, 4});
    Tensor y = Interpreter.run(mlp(), Map.of("x", x), weights()).get("y");
    // row 0: h = (1.5, 4), y = 3 + 12; row 1: h = (-0.5, 3), y = -1 + 9
    assertEquals(Tensor.of(Shape.of(2, 1), new float[] {15, 8}), y);
  }

  @Test
  void reportsEveryWeightProblemAtOnce() {
    Map<String, Tensor> w = weights();
    w.remove("fc1.bias");
    w.put("fc2.weight", Tensor.of(Shape.of(2, 2), new float[4]));
    w.put("fc3.weight", Tensor.of(Shape.of(1), new float[1]));
    Tensor x = Tensor.of(Shape.of(1, 3), new float[3]);
    GraphException e = assertThrows(GraphException.class, () -> Interpreter.run(mlp(), Map.of("x", x), w));
    String m = e.getMessage();
    assertTrue(m.contains("missing weight 'fc1.bias' f32[2]"), m);
    assertTrue(m.contains("weight 'fc2.weight' must be f32[1, 2], got f32[2, 2]"), m);
    assertTrue(m.contains("unexpected weight 'fc3.weight'"), m);
  }

  @Test
  void refusesInputsOfTheWrongShapeOrName() {
    GraphException wrong = assertThrows(GraphException.class,
        () -> Interpreter.run(mlp(), Map.of("x", Tensor.of(Shape.of(2, 4), new float[8])), weights()));
    assertTrue(wrong.getMessage().contains("input 'x' must be f32[N, 3], got f32[2, 4]"), wrong.getMessage());
    GraphException missing = assertThrows(GraphException.class,
        () -> Interpreter.run(mlp(), Map.of("z", Tensor.of(Shape.of(2, 3), new float[6])), weights()));
    assertTrue(missing.getMessage().contains("missing input 'x'"), missing.getMessage());
    assertTrue(missing.getMessage().contains("unexpected input 'z'"), missing.getMessage());
  }

  @Test
  void randomWeightsAreSeededAndFollowTheDeclaredShapes() {
    var typed = GraphTyper.infer(mlp());
    var a = RandomWeights.generate(typed, Map.of("N", 1L), 7);
    var b = RandomWeights.generate(typed, Map.of("N", 1L), 7);
    var c = RandomWeights.generate(typed, Map.of("N", 1L), 8);
    assertEquals(a, b);
    assertTrue(!a.equals(c));
    assertEquals(Shape.of(2, 3), a.get("fc1.weight").shape());
    for (float v : a.get("fc1.weight").floats()) assertTrue(Math.abs(v) <= 1 / Math.sqrt(3), "kaiming bound");
  }
}
