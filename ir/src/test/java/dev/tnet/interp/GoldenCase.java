package dev.tnet.interp;

import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.Node;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.op.AttrValue;
import dev.tnet.ir.op.Op;
import dev.tnet.ir.op.OpCatalogue;
import dev.tnet.runtime.DType;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One case of a conformance manifest written by {@code tools/golden/golden.py}: an op call, its
 * tensors and PyTorch's outputs, or (when {@code error != null}) input types PyTorch refuses.
 */
public record GoldenCase(String family, String name, String op, Map<String, AttrValue> args,
    List<Tensor> inputs, List<Tensor> params, List<Tensor> outputs, double atol, double rtol,
    List<TensorType> errorInputTypes, String error) {

  @SuppressWarnings("unchecked")
  public static List<GoldenCase> parse(String family, Map<String, Object> manifest, Map<String, Tensor> tensors) {
    List<GoldenCase> cases = new ArrayList<>();
    for (Object o : (List<Object>) manifest.get("cases")) {
      Map<String, Object> c = (Map<String, Object>) o;
      Map<String, AttrValue> args = new LinkedHashMap<>();
      ((Map<String, Object>) c.get("args")).forEach((k, v) -> args.put(k, attr(v)));
      String name = (String) c.get("name");
      if (c.containsKey("error")) {
        List<TensorType> types = new ArrayList<>();
        for (Object t : (List<Object>) c.get("input_types")) {
          List<Object> pair = (List<Object>) t;
          long[] dims = ((List<Object>) pair.get(1)).stream().mapToLong(d -> (Long) d).toArray();
          types.add(TensorType.of(DType.valueOf(((String) pair.get(0)).toUpperCase()), dims));
        }
        cases.add(new GoldenCase(family, name, (String) c.get("op"), args, List.of(), List.of(), List.of(),
            0, 0, types, (String) c.get("error")));
      } else {
        cases.add(new GoldenCase(family, name, (String) c.get("op"), args,
            lookup(c.get("inputs"), tensors), lookup(c.get("params"), tensors), lookup(c.get("outputs"), tensors),
            ((Number) c.get("atol")).doubleValue(), ((Number) c.get("rtol")).doubleValue(), List.of(), null));
      }
    }
    return cases;
  }

  @SuppressWarnings("unchecked")
  private static List<Tensor> lookup(Object names, Map<String, Tensor> tensors) {
    List<Tensor> r = new ArrayList<>();
    for (Object n : (List<Object>) names) {
      Tensor t = tensors.get((String) n);
      if (t == null) throw new IllegalStateException("manifest names a missing tensor " + n);
      r.add(t);
    }
    return r;
  }

  @SuppressWarnings("unchecked")
  static AttrValue attr(Object v) {
    return switch (v) {
      case null -> AttrValue.NONE;
      case Long l -> AttrValue.of(l);
      case Double d -> AttrValue.of(d);
      case Boolean b -> AttrValue.of(b);
      case String s -> AttrValue.of(s);
      case List<?> l -> new AttrValue.ListV(((List<Object>) l).stream().map(GoldenCase::attr).toList());
      default -> throw new IllegalStateException("unexpected JSON value " + v);
    };
  }

  public List<TensorType> inputTypes() {
    if (error != null) return errorInputTypes;
    return inputs.stream().map(t -> TensorType.of(t.dtype(), t.shape())).toList();
  }

  /** The case as a one-node graph: inputs x0, x1, ..., parameters p.<name>, outputs y0, y1, ... */
  public Graph graph() {
    Op op = OpCatalogue.create(op(), List.of(), args());
    List<Graph.Input> ins = new ArrayList<>();
    for (String name : inputMap().keySet()) ins.add(new Graph.Input(name, TensorType.of(inputMap().get(name).dtype(), inputMap().get(name).shape())));
    List<String> outs = new ArrayList<>();
    List<Graph.Output> outputs = new ArrayList<>();
    for (int i = 0; i < outputs().size(); i++) {
      outs.add("y" + i);
      outputs.add(new Graph.Output("y" + i, "y" + i));
    }
    var node = new Node("n", op, List.copyOf(inputMap().keySet()), List.copyOf(weightMap().keySet()), outs);
    return new Graph("case", ins, List.of(node), outputs);
  }

  /** The inputs by the names {@link #graph} gives them. */
  public Map<String, Tensor> inputMap() {
    Map<String, Tensor> m = new LinkedHashMap<>();
    for (int i = 0; i < inputs.size(); i++) m.put("x" + i, inputs.get(i));
    return m;
  }

  /** The parameters by the names {@link #graph} gives them. */
  public Map<String, Tensor> weightMap() {
    var specs = OpCatalogue.create(op(), List.of(), args()).params(inputTypes());
    Map<String, Tensor> m = new LinkedHashMap<>();
    for (int i = 0; i < specs.size(); i++) m.put("p." + specs.get(i).name(), params.get(i));
    return m;
  }

  public Map<String, Shape> inputShapes() {
    Map<String, Shape> m = new LinkedHashMap<>();
    inputMap().forEach((k, v) -> m.put(k, v.shape()));
    return m;
  }
}
