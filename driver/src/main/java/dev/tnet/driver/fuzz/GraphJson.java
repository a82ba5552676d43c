package dev.tnet.driver.fuzz;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.Node;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.op.AttrValue;
import dev.tnet.ir.op.OpCatalogue;
import dev.tnet.runtime.DType;
import dev.tnet.runtime.io.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A graph as JSON, exactly (names included), so a reproducer holds its graph even when the failure
 * is that {@code .tnet} cannot express it or the printer gets it wrong. An argument is a tagged
 * pair: {@code ["int", 3]}, {@code ["float", 0.5]}, {@code ["bool", true]}, {@code ["str",
 * "same"]}, {@code ["list", [...]]} or {@code ["none"]}; an input dim is a number or a symbol.
 */
final class GraphJson {
  private GraphJson() {}

  static String write(Graph g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", g.name());
    List<Object> inputs = new ArrayList<>();
    for (Graph.Input in : g.inputs()) {
      List<Object> dims = new ArrayList<>();
      for (Dim d : in.type().dims()) dims.add(d.isKnown() ? (Object) d.value() : d.symbolName());
      inputs.add(map("name", in.name(), "dtype", in.type().dtype().toString(), "dims", dims));
    }
    m.put("inputs", inputs);
    List<Object> nodes = new ArrayList<>();
    for (Node n : g.nodes()) {
      Map<String, Object> args = new LinkedHashMap<>();
      n.op().args().values().forEach((k, v) -> args.put(k, attr(v)));
      nodes.add(map("name", n.name(), "op", n.op().name(), "args", args, "inputs", n.inputs(), "params", n.params(),
          "outputs", n.outputs()));
    }
    m.put("nodes", nodes);
    m.put("outputs", g.outputs().stream().map(o -> (Object) map("name", o.name(), "value", o.value())).toList());
    return Json.write(m);
  }

  @SuppressWarnings("unchecked")
  static Graph read(String text, String where) {
    Map<String, Object> m = (Map<String, Object>) Json.parse(text, where);
    List<Graph.Input> inputs = new ArrayList<>();
    for (Object o : (List<Object>) m.get("inputs")) {
      Map<String, Object> in = (Map<String, Object>) o;
      List<Dim> dims = new ArrayList<>();
      for (Object d : (List<Object>) in.get("dims")) dims.add(d instanceof Long l ? Dim.of(l) : Dim.sym((String) d));
      DType t = DType.valueOf(((String) in.get("dtype")).toUpperCase(Locale.ROOT));
      inputs.add(new Graph.Input((String) in.get("name"), new TensorType(t, dims)));
    }
    List<Node> nodes = new ArrayList<>();
    for (Object o : (List<Object>) m.get("nodes")) {
      Map<String, Object> n = (Map<String, Object>) o;
      Map<String, AttrValue> args = new LinkedHashMap<>();
      ((Map<String, Object>) n.get("args")).forEach((k, v) -> args.put(k, attr((List<Object>) v)));
      nodes.add(new Node((String) n.get("name"), OpCatalogue.create((String) n.get("op"), List.of(), args),
          strings(n.get("inputs")), strings(n.get("params")), strings(n.get("outputs"))));
    }
    List<Graph.Output> outputs = new ArrayList<>();
    for (Object o : (List<Object>) m.get("outputs")) {
      Map<String, Object> out = (Map<String, Object>) o;
      outputs.add(new Graph.Output((String) out.get("name"), (String) out.get("value")));
    }
    return new Graph((String) m.get("name"), inputs, nodes, outputs);
  }

  private static List<Object> attr(AttrValue v) {
    return switch (v) {
      case AttrValue.IntV i -> List.of("int", i.value());
      case AttrValue.FloatV f -> List.of("float", f.value());
      case AttrValue.BoolV b -> List.of("bool", b.value());
      case AttrValue.StrV s -> List.of("str", s.value());
      case AttrValue.ListV l -> List.of("list", l.items().stream().map(x -> (Object) attr(x)).toList());
      case AttrValue.NoneV n -> List.of("none");
    };
  }

  @SuppressWarnings("unchecked")
  private static AttrValue attr(List<Object> v) {
    return switch ((String) v.get(0)) {
      case "int" -> AttrValue.of((long) (Long) v.get(1));
      case "float" -> AttrValue.of(((Number) v.get(1)).doubleValue());
      case "bool" -> AttrValue.of((boolean) (Boolean) v.get(1));
      case "str" -> AttrValue.of((String) v.get(1));
      case "list" -> new AttrValue.ListV(((List<Object>) v.get(1)).stream().map(x -> attr((List<Object>) x)).toList());
      default -> AttrValue.NONE;
    };
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object o) {
    return (List<String>) o;
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }
}
