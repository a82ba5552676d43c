package dev.tnet.onnx.write;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.TensorType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Symbolic dims at run time. ONNX graph inputs declare a symbol such as the batch {@code N} as a
 * {@code dim_param}; where an op needs a shape that depends on one (a reshape to {@code [2*N, 8]}),
 * this reads the symbol from the first input dim that is exactly it ({@code Shape(x)[0]}) and
 * evaluates the {@link Dim} polynomial with int64 Mul, Add and Div (dims are non-negative, so Div
 * is floor division).
 */
final class Symbols {
  /** Symbol name to (graph input, axis). */
  private final Map<String, Map.Entry<String, Integer>> sources = new LinkedHashMap<>();
  private final Map<String, String> emitted = new HashMap<>();

  Symbols(Graph g) {
    for (Graph.Input in : g.inputs()) {
      TensorType t = in.type();
      for (int i = 0; i < t.rank(); i++) {
        String s = t.dim(i).symbolName();
        if (s != null) sources.putIfAbsent(s, Map.entry(in.name(), i));
      }
    }
  }

  /** A 1-element int64 tensor holding {@code d}, computed from the inputs' shapes. */
  String emit(OnnxGraphBuilder b, Dim d) {
    if (d.isKnown()) return b.ints(d.value());
    String key = d.toString();
    String done = emitted.get(key);
    if (done != null) return done;
    String v = evaluate(b, d);
    emitted.put(key, v);
    return v;
  }

  private String evaluate(OnnxGraphBuilder b, Dim d) {
    String sym = d.symbolName();
    if (sym != null) {
      var src = sources.get(sym);
      if (src == null) throw new Refused("symbolic dim " + sym + " is not a dim of any input");
      return b.op("Shape", List.of(src.getKey()), Attrs.i("start", src.getValue()), Attrs.i("end", src.getValue() + 1));
    }
    return new DimText(d.toString(), name -> emit(b, Dim.sym(name)), b).sum();
  }

  /** The symbols of {@code g}'s inputs, for the graph's input declarations. */
  List<String> names() {
    return new ArrayList<>(sources.keySet());
  }
}
