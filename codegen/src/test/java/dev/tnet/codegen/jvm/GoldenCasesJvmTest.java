package dev.tnet.codegen.jvm;

import dev.tnet.codegen.golden.GoldenCase;
import dev.tnet.codegen.golden.GoldenCases;
import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.Node;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.loop.LoopProgram;
import dev.tnet.ir.loop.LoopVerifier;
import dev.tnet.ir.lower.Lowering;
import dev.tnet.ir.op.Op;
import dev.tnet.ir.op.OpCatalogue;
import dev.tnet.ir.op.ParamSpec;
import dev.tnet.ir.pass.Parallelize;
import dev.tnet.ir.pass.Vectorize;
import dev.tnet.runtime.CompilerBug;
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
 * Every PyTorch golden case, as a one-node graph, through Lowering, LoopVerifier and the JVM
 * backend (serial and parallel, scalar and vector), as lowered and after the Parallelize and
 * Vectorize passes: outputs are bit-identical to the loop interpreter's. Cases whose op has no loop nest yet are skipped, as in LoweringConformanceTest.
 */
class GoldenCasesJvmTest {
  @TestFactory
  Stream<DynamicTest> goldenCasesThroughJvm() throws Exception {
    return GoldenCases.loadAll().stream().filter(c -> c.error() == null)
        .map(c -> DynamicTest.dynamicTest(c.family() + "/" + c.name(), () -> run(c)));
  }

  static void run(GoldenCase c) {
    Op op = OpCatalogue.create(c.op(), List.of(), c.args());
    List<String> ins = new ArrayList<>();
    List<Graph.Input> inputs = new ArrayList<>();
    Map<String, Tensor> inTensors = new LinkedHashMap<>(), weights = new LinkedHashMap<>();
    for (int i = 0; i < c.inputs().size(); i++) {
      Tensor t = c.inputs().get(i);
      inputs.add(new Graph.Input("x" + i, TensorType.of(t.dtype(), t.shape())));
      ins.add("x" + i);
      inTensors.put("x" + i, t);
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
    Graph g = new Graph("case", inputs, List.of(new Node("n", op, ins, params, outs)), outputs);
    Map<String, Shape> shapes = new LinkedHashMap<>();
    inTensors.forEach((k, v) -> shapes.put(k, v.shape()));
    LoopProgram p;
    try {
      p = Lowering.lower(g, shapes);
    } catch (CompilerBug e) {
      if (e.getMessage().contains("is not lowered to loops yet")) Assumptions.abort(e.getMessage());
      throw e;
    }
    LoopVerifier.verify(p);
    Engines.assertSame(p, inTensors, weights);
    // After the loop passes: outer loops PARALLEL, unit-stride inner loops VECTOR.
    Engines.assertSame(LoopVerifier.verify(Vectorize.run(Parallelize.run(p))), inTensors, weights);
  }
}
