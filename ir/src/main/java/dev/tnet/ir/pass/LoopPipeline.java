package dev.tnet.ir.pass;

import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.loop.LoopProgram;
import dev.tnet.ir.loop.LoopVerifier;
import dev.tnet.ir.lower.Lowering;
import dev.tnet.runtime.Shape;
import java.util.Map;

/**
 * The whole lowering pipeline, in order, on one screen: each pass, then the verifier, then the
 * listener (which {@code --dump-ir} uses to print the IR after any pass).
 */
public final class LoopPipeline {
  /** Called after each pass with its name and result. */
  public interface Listener {
    void after(String pass, LoopProgram program);

    Listener NONE = (pass, program) -> {};
  }

  /** The pass names, in order, for {@code --dump-ir=NAME}. */
  public static final java.util.List<String> PASSES = java.util.List.of("lower", "parallelize", "vectorize");

  private LoopPipeline() {}

  public static LoopProgram compile(Graph graph, Map<String, Shape> inputShapes, Listener dump) {
    LoopProgram p = Lowering.lower(graph, inputShapes);
    p = step("lower", p, dump);
    p = step("parallelize", Parallelize.run(p), dump);
    p = step("vectorize", Vectorize.run(p), dump);
    return p;
  }

  private static LoopProgram step(String name, LoopProgram p, Listener dump) {
    LoopVerifier.verify(p);
    dump.after(name, p);
    return p;
  }
}
