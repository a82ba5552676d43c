package dev.tnet.ir.pass;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tnet.interp.GoldenCase;
import dev.tnet.interp.GoldenCases;
import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.loop.LoopInterpreter;
import dev.tnet.ir.loop.LoopProgram;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
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
    Graph g = c.graph();
    Map<String, Tensor> in = c.inputMap(), weights = c.weightMap();
    Map<String, Shape> shapes = c.inputShapes();
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
