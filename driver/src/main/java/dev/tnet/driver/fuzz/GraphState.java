package dev.tnet.driver.fuzz;

import dev.tnet.ir.graph.GraphBuilder;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.runtime.DType;
import dev.tnet.runtime.UserException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A graph being grown by {@link GraphCases}: the builder (which types every node as it is added),
 * the float values ops may consume, and the values each graph input is filled with.
 */
final class GraphState {
  final Rand r;
  final GraphBuilder b;
  /** Float values, in order of definition. */
  final List<String> pool = new ArrayList<>();
  final Map<String, Values> inputValues = new LinkedHashMap<>();
  private final Map<String, Integer> counters = new HashMap<>();
  int nodes;
  int refused;

  GraphState(Rand r, String name) {
    this.r = r;
    this.b = new GraphBuilder(name);
  }

  String input(String name, TensorType t, Values v) {
    b.input(name, t);
    inputValues.put(name, v);
    if (t.dtype() == DType.F32) pool.add(name);
    return name;
  }

  TensorType type(String v) {
    return b.type(v);
  }

  long[] shape(String v) {
    TensorType t = type(v);
    long[] s = new long[t.rank()];
    for (int i = 0; i < s.length; i++) s[i] = t.dim(i).value();
    return s;
  }

  int rank(String v) {
    return type(v).rank();
  }

  long numel(String v) {
    return type(v).shape().size();
  }

  /** A value of the pool, most often one of the last few (so chains form), else any. */
  String pick() {
    int n = pool.size();
    return r.chance(3) ? pool.get(r.rng.nextInt(n)) : pool.get(Math.max(0, n - 1 - r.rng.nextInt(Math.min(n, 3))));
  }

  /** Another pool value of exactly {@code t}'s type, or null. */
  String sameType(TensorType t, String not) {
    List<String> c = pool.stream().filter(v -> !v.equals(not) && type(v).equals(t)).toList();
    return c.isEmpty() ? null : r.pick(c);
  }

  /**
   * Adds a node and returns its first output, or null when the op refused the call (the draw missed
   * a corner; nothing is added then). Float outputs join the pool.
   */
  String call(String op, Map<String, ?> args, String... operands) {
    List<String> outs = callMulti(op, args, operands);
    return outs == null ? null : outs.get(0);
  }

  List<String> callMulti(String op, Map<String, ?> args, String... operands) {
    int k = counters.merge(op, 1, Integer::sum);
    List<String> outs;
    try {
      outs = b.layerMulti(layerName(op + "_" + k), op, args, operands);
    } catch (UserException e) {
      refused++;
      return null;
    }
    nodes++;
    for (String o : outs) if (type(o).dtype() == DType.F32) pool.add(o);
    return outs;
  }

  /**
   * Prefixes of nested modules' state_dict names. {@code model} and {@code block} are ordinary
   * Python attribute names ({@code self.model = nn.Sequential(...)}) but {@code .tnet} keywords.
   */
  static final List<String> PREFIXES = List.of("features", "encoder.layers", "layer1", "N", "model", "block");

  /** A layer name: mostly {@code base}, sometimes under a dotted prefix as state_dicts name nested modules. */
  String layerName(String base) {
    if (!r.chance(3)) return base;
    return r.pick(PREFIXES) + "." + r.between(0, 3) + "." + base;
  }

  /** Keyword arguments from alternating names and Java values (null is None). */
  static Map<String, Object> kw(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }
}
