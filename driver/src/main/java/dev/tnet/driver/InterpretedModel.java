package dev.tnet.driver;

import dev.tnet.interp.Interpreter;
import dev.tnet.ir.graph.Graph;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.model.CompiledModel;
import dev.tnet.runtime.model.IoSpec;
import java.util.List;
import java.util.Map;

/**
 * The reference interpreter behind the {@link CompiledModel} interface ({@code --backend interp}):
 * slow, obviously correct, and not specialised to input shapes (symbolic dims bind per call).
 */
final class InterpretedModel implements CompiledModel {
  private final Graph graph;
  private final Map<String, Tensor> weights;
  private final List<IoSpec> inputs, outputs;

  InterpretedModel(Graph graph, Map<String, Tensor> weights, List<IoSpec> inputs, List<IoSpec> outputs) {
    this.graph = graph;
    this.weights = Map.copyOf(weights);
    this.inputs = List.copyOf(inputs);
    this.outputs = List.copyOf(outputs);
  }

  public Map<String, Tensor> run(Map<String, Tensor> in) {
    return Interpreter.run(graph, in, weights);
  }

  public List<IoSpec> inputs() {
    return inputs;
  }

  public List<IoSpec> outputs() {
    return outputs;
  }
}
