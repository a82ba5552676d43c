package dev.tnet.codegen.jvm;

import dev.tnet.interp.GoldenCase;
import dev.tnet.ir.loop.LoopProgram;
import dev.tnet.ir.lower.Lowering;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.model.CompiledModel;
import java.nio.file.Path;
import java.util.Map;

/** One golden case as a one-node program, written to a jar, loaded, and compared with the JIT. */
final class AotCase {
  private AotCase() {}

  static void check(GoldenCase c, Path jar) {
    Map<String, Tensor> in = c.inputMap(), weights = c.weightMap();
    LoopProgram p = Lowering.lower(c.graph(), c.inputShapes());
    JvmBackend.writeJar(p, weights, jar);
    Engines.assertBitIdentical(JvmBackend.compile(p, weights).run(in), CompiledModel.load(jar).run(in), c.name());
  }
}
