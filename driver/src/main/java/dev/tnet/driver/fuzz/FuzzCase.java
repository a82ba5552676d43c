package dev.tnet.driver.fuzz;

import dev.tnet.ir.graph.Graph;
import dev.tnet.runtime.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One test case: a graph with concrete inputs and weights. {@code origin} says what drew it
 * ({@code op conv2d}, {@code graph}, or what the shrinker made of it).
 */
public record FuzzCase(long seed, String origin, Graph graph, Map<String, Tensor> inputs, Map<String, Tensor> weights) {
  public FuzzCase {
    inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    weights = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(weights));
  }

  /** Node count, the first measure the shrinker reduces. */
  public int size() {
    return graph.nodes().size();
  }

  public FuzzCase with(String newOrigin, Graph g, Map<String, Tensor> in, Map<String, Tensor> w) {
    return new FuzzCase(seed, newOrigin, g, in, w);
  }

  public String toString() {
    return origin + " (seed " + seed + ")\n" + graph;
  }
}
