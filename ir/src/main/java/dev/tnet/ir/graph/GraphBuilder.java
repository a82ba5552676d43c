package dev.tnet.ir.graph;

import dev.tnet.ir.op.AttrValue;
import dev.tnet.ir.op.Op;
import dev.tnet.ir.op.OpCatalogue;
import dev.tnet.ir.op.OpException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link Graph} from Java, typing each node as it is added so a mistake fails at the
 * call that made it. Layer parameters are named {@code <layer>.<param>} as in a state_dict.
 *
 * <pre>
 * var b = new GraphBuilder("tiny");
 * String x = b.input("x", TensorType.f32(Dim.sym("N"), Dim.of(3), Dim.of(8), Dim.of(8)));
 * String y = b.layer("conv1", "conv2d", Map.of("out_channels", 4, "kernel_size", 3), x);
 * b.output("y", y);
 * Graph g = b.build();
 * </pre>
 */
public final class GraphBuilder {
  private final String name;
  private final List<Graph.Input> inputs = new ArrayList<>();
  private final List<Node> nodes = new ArrayList<>();
  private final List<Graph.Output> outputs = new ArrayList<>();
  private final Map<String, TensorType> types = new HashMap<>();
  private final Map<String, Integer> counters = new HashMap<>();

  public GraphBuilder(String name) {
    this.name = name;
  }

  public String input(String inputName, TensorType type) {
    inputs.add(new Graph.Input(inputName, type));
    types.put(inputName, type);
    return inputName;
  }

  /** Adds a node of one output named after the layer; returns that value's name. */
  public String layer(String layer, String op, Map<String, ?> args, String... operands) {
    return layerMulti(layer, op, args, operands).get(0);
  }

  /** Adds an anonymous node (no parameters expected); returns its first output. */
  public String call(String op, Map<String, ?> args, String... operands) {
    int k = counters.merge(op, 1, Integer::sum);
    return layer(op + "_" + k, op, args, operands);
  }

  /** Adds a node and returns all its outputs ({@code <layer>}, {@code <layer>.1}, ...). */
  public List<String> layerMulti(String layer, String opName, Map<String, ?> args, String... operands) {
    Map<String, AttrValue> kw = new LinkedHashMap<>();
    args.forEach((k, v) -> kw.put(k, toAttr(v)));
    Op op = OpCatalogue.create(opName, List.of(), kw);
    List<TensorType> in = Arrays.stream(operands).map(o -> {
      TensorType t = types.get(o);
      if (t == null) throw new GraphException("layer '" + layer + "' reads undefined value '" + o + "'");
      return t;
    }).toList();
    List<TensorType> out;
    try {
      out = op.infer(in);
    } catch (OpException e) {
      throw new GraphException("layer '" + layer + "': " + e.getMessage());
    }
    List<String> params = op.params(in).stream().map(p -> layer + "." + p.name()).toList();
    List<String> outs = new ArrayList<>();
    for (int i = 0; i < out.size(); i++) {
      String v = i == 0 ? layer : layer + "." + i;
      if (types.putIfAbsent(v, out.get(i)) != null) throw new GraphException("value '" + v + "' is defined twice");
      outs.add(v);
    }
    nodes.add(new Node(layer, op, List.of(operands), params, outs));
    return outs;
  }

  public TensorType type(String value) {
    return types.get(value);
  }

  public GraphBuilder output(String outputName, String value) {
    outputs.add(new Graph.Output(outputName, value));
    return this;
  }

  public Graph build() {
    return new Graph(name, inputs, nodes, outputs);
  }

  /** Java values to attribute literals: Integer/Long, Float/Double, Boolean, String, int[], List, null. */
  static AttrValue toAttr(Object v) {
    return switch (v) {
      case null -> AttrValue.NONE;
      case AttrValue a -> a;
      case Integer i -> AttrValue.of(i.longValue());
      case Long l -> AttrValue.of(l);
      case Float f -> AttrValue.of(f.doubleValue());
      case Double d -> AttrValue.of(d);
      case Boolean b -> AttrValue.of(b);
      case String s -> AttrValue.of(s);
      case int[] a -> AttrValue.ints(Arrays.stream(a).asLongStream().toArray());
      case List<?> l -> new AttrValue.ListV(l.stream().map(GraphBuilder::toAttr).toList());
      default -> throw new dev.tnet.runtime.CompilerBug("no attribute literal for " + v.getClass());
    };
  }
}
