package dev.tnet.ir.graph;

import dev.tnet.ir.op.Op;
import java.util.List;

/**
 * One op applied in a graph: it reads the values named {@code inputs}, the parameters named
 * {@code params} (full state_dict names, in the order of {@link Op#params}) and defines the values
 * named {@code outputs}. {@code name} is the layer's name, used in messages and parameter prefixes.
 */
public record Node(String name, Op op, List<String> inputs, List<String> params, List<String> outputs) {
  public Node {
    inputs = List.copyOf(inputs);
    params = List.copyOf(params);
    outputs = List.copyOf(outputs);
  }
}
