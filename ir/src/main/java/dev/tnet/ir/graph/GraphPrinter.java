package dev.tnet.ir.graph;

import dev.tnet.ir.op.AttrValue;
import dev.tnet.ir.op.Op;
import dev.tnet.ir.op.OpCatalogue;
import dev.tnet.ir.op.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The text form of a graph, one node per line:
 *
 * <pre>
 * graph tiny(x: f32[N, 3, 8, 8]) {
 *   %conv1 = conv2d(%x, out_channels=4, kernel_size=3) {conv1.weight, conv1.bias}
 *   return logits = %conv1
 * }
 * </pre>
 *
 * Arguments equal to their defaults are left out.
 */
public final class GraphPrinter {
  private GraphPrinter() {}

  public static String print(Graph g) {
    StringBuilder sb = new StringBuilder("graph ").append(g.name()).append('(');
    sb.append(g.inputs().stream().map(i -> i.name() + ": " + i.type()).collect(Collectors.joining(", ")));
    sb.append(") {\n");
    for (Node n : g.nodes()) {
      sb.append("  ").append(n.outputs().stream().map(o -> "%" + o).collect(Collectors.joining(", ")));
      sb.append(" = ").append(call(n.op(), n.inputs().stream().map(i -> "%" + i).toList()));
      if (!n.params().isEmpty()) sb.append(" {").append(String.join(", ", n.params())).append('}');
      sb.append('\n');
    }
    sb.append("  return ");
    sb.append(g.outputs().stream().map(o -> o.name() + " = %" + o.value()).collect(Collectors.joining(", ")));
    return sb.append("\n}\n").toString();
  }

  /** {@code conv2d(%x, out_channels=4, kernel_size=3)}: operands, then non-default arguments. */
  public static String call(Op op, List<String> operands) {
    List<String> parts = new ArrayList<>(operands);
    Signature sig = OpCatalogue.signature(op.name());
    for (Signature.Param p : sig.params()) {
      AttrValue v = op.args().get(p.name());
      if (!v.equals(p.defaultValue())) parts.add(p.name() + "=" + v);
    }
    return op.name() + "(" + String.join(", ", parts) + ")";
  }
}
