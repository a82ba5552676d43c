package dev.tnet.codegen.jvm;

import dev.tnet.interp.GoldenCase;
import dev.tnet.interp.GoldenCases;
import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.loop.LoopProgram;
import dev.tnet.ir.loop.LoopVerifier;
import dev.tnet.ir.lower.Lowering;
import dev.tnet.ir.pass.Parallelize;
import dev.tnet.ir.pass.Vectorize;
import dev.tnet.runtime.CompilerBug;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
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
    Map<String, Tensor> inTensors = c.inputMap(), weights = c.weightMap();
    Graph g = c.graph();
    Map<String, Shape> shapes = c.inputShapes();
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
