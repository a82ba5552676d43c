package dev.tnet.ir.graph;

import java.util.List;

/**
 * A network as a DAG of {@link Node}s, in topological order.
 *
 * <p>Semantics, which every backend keeps:
 * <ul>
 *   <li>Values are immutable tensors named once (SSA). Activations are float32, row-major (NCHW
 *       for images, as PyTorch); indices are int64.
 *   <li>Shapes may use symbolic dims (a batch {@code N}); they are bound from the actual inputs
 *       when the model runs, and every dim derived from them is an exact {@link Dim} expression.
 *   <li>Broadcasting follows NumPy / PyTorch: align from the right, a size 1 stretches.
 *   <li>Parameters are named as PyTorch's {@code state_dict} would name them; two nodes naming the
 *       same parameter share it (and must agree on its type).
 *   <li>Numerics: the reference interpreter is the definition; compiled backends match it within
 *       a tolerance that grows with reduction length (float32 summation order is free).
 * </ul>
 */
public record Graph(String name, List<Input> inputs, List<Node> nodes, List<Output> outputs) {
  /** A model input with its declared type. */
  public record Input(String name, TensorType type) {}

  /** A model output: the name callers see and the value it returns. */
  public record Output(String name, String value) {}

  public Graph {
    inputs = List.copyOf(inputs);
    nodes = List.copyOf(nodes);
    outputs = List.copyOf(outputs);
  }

  /** The text form, e.g. {@code %y = relu(%x)}; see {@link GraphPrinter}. */
  public String toString() {
    return GraphPrinter.print(this);
  }
}
