package dev.tnet.ir.pass;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tnet.interp.GoldenCase;
import dev.tnet.interp.GoldenCases;
import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.Node;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.loop.LoopInterpreter;
import dev.tnet.ir.loop.LoopProgram;
import dev.tnet.ir.op.Op;
import dev.tnet.ir.op.OpCatalogue;
import dev.tnet.ir.op.ParamSpec;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every pass keeps results: each golden case goes through {@link LoopPipeline} (which verifies
 * after every pass) and the loop interpreter gives bit-identical outputs after each pass.
 */
class PipelinePreservesResultsTest {
  @TestFactory
  Stream<DynamicTest> everyPassKeepsTheResults() throws Exception {
    return GoldenCases.loadAll().stream().filter(c -> c.error() == null)
        .map(c -> DynamicTest.dynamicTest(c.family() + "/" + c.name(), () -> check(c)));
  }

  static void check(GoldenCase c) {
    Op op = OpCatalogue.create(c.op(), List.of(), c.args());
    List<Graph.Input> inputs = new ArrayList<>();
    Map<String, Tensor> in = new LinkedHashMap<>(), weights = new LinkedHashMap<>();
    Map<String, Shape> shapes = new LinkedHashMap<>();
    for (int i = 0; i < c.inputs().size(); i++) {
      Tensor t = c.inputs().get(i);
      inputs.add(new Graph.Input("x" + i, TensorType.of(t.dtype(), t.shape())));
      in.put("x" + i, t);
      shapes.put("x" + i, t.shape());
    }
    List<ParamSpec> specs = op.params(c.inputTypes());
    List<String> params = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      params.add("p." + specs.get(i).name());
      weights.put("p." + specs.get(i).name(), c.params().get(i));
    }
    List<String> outs = new ArrayList<>();
    List<Graph.Output> outputs = new ArrayList<>();
    for (int i = 0; i < c.outputs().size(); i++) {
      outs.add("y" + i);
      outputs.add(new Graph.Output("y" + i, "y" + i));
    }
    Graph g = new Graph("case", inputs, List.of(new Node("n", op, inputs.stream().map(Graph.Input::name).toList(), params, outs)), outputs);
    Map<String, LoopProgram> stages = new LinkedHashMap<>();
    try {
      LoopPipeline.compile(g, shapes, stages::put);
    } catch (dev.tnet.runtime.CompilerBug e) {
      if (e.getMessage().contains("is not lowered to loops yet")) Assumptions.abort(e.getMessage());
      throw e;
    }
    assertEquals(LoopPipeline.PASSES, List.copyOf(stages.keySet()));
    Object first = null;
    for (var stage : stages.entrySet()) {
      Object outcome;
      try {
        outcome = LoopInterpreter.run(stage.getValue(), in, weights);
      } catch (dev.tnet.runtime.UserException e) {
        outcome = "user error: " + e.getMessage(); // a data error (an index out of range) must stay the same
      }
      if (first == null) first = outcome;
      else assertEquals(first, outcome, "results changed by pass " + stage.getKey());
    }
  }
}
