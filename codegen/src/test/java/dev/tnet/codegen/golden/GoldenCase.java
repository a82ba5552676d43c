package dev.tnet.codegen.golden;

import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.op.AttrValue;
import dev.tnet.runtime.DType;
import dev.tnet.runtime.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A copy of ir's test harness (ir publishes no test jar).
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
}
