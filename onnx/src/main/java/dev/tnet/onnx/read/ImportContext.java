package dev.tnet.onnx.read;

import ai.onnx.proto.OnnxMl.NodeProto;
import dev.tnet.ir.graph.GraphBuilder;
import dev.tnet.ir.graph.GraphException;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.runtime.DType;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.UserException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state of one import: the graph being built, the weights, what each ONNX value name stands
 * for, who reads each value (for fusing a following bias {@code Add}), and the model's opset.
 */
final class ImportContext {
  final GraphBuilder builder;
  final Map<String, Tensor> weights = new LinkedHashMap<>();
  final int opset;
  private final Names names = new Names();
  private final Map<String, Val> values = new HashMap<>();
  private final Map<String, List<NodeProto>> consumers = new HashMap<>();
  private final Set<String> graphOutputs;
  private final Set<NodeProto> absorbed = new HashSet<>();
  /** Constants already made graph values, by ONNX name. */
  private final Map<String, String> materialized = new HashMap<>();

  ImportContext(String modelName, int opset, List<NodeProto> nodes, Set<String> graphOutputs) {
    this.builder = new GraphBuilder(modelName);
    this.opset = opset;
    this.graphOutputs = graphOutputs;
    for (NodeProto n : nodes) {
      for (String in : n.getInputList()) if (!in.isEmpty()) consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
    }
  }

  Names names() {
    return names;
  }

  void define(String onnxName, Val v) {
    values.put(onnxName, v);
  }

  Val val(String onnxName) {
    Val v = values.get(onnxName);
    if (v == null) throw new UserException("the model reads the value '" + onnxName + "', which nothing defines before");
    return v;
  }

  boolean isConst(String onnxName) {
    return !onnxName.isEmpty() && values.get(onnxName) instanceof Val.Const;
  }

  /** The constant's tensor, or null if the value is computed by the graph (or the name is empty). */
  Tensor constant(String onnxName) {
    return !onnxName.isEmpty() && values.get(onnxName) instanceof Val.Const c ? c.tensor() : null;
  }

  /** The initializer name behind a constant, or null. */
  String source(String onnxName) {
    return values.get(onnxName) instanceof Val.Const c ? c.source() : null;
  }

  /**
   * The graph value for an ONNX value: a constant becomes a {@code constant} node holding it as a
   * weight, named after its initializer.
   */
  String tensor(String onnxName) {
    Val v = val(onnxName);
    if (v instanceof Val.Dyn d) return d.value();
    Val.Const c = (Val.Const) v;
    return materialized.computeIfAbsent(onnxName, k -> {
      String layer = names.fresh(Names.path(c.source() != null ? c.source() : "const_" + Names.identifier(onnxName)));
      Tensor t = c.tensor();
      String value = graph(() -> builder.layer(layer, "constant", Map.of("shape", dimsOf(t), "dtype", t.dtype().toString())), layer);
      weights.put(layer + ".value", t);
      return value;
    });
  }

  TensorType type(String value) {
    return builder.type(value);
  }

  /** Adds an op without weights for node {@code n}; its first output names it. Returns the value. */
  String op(NodeProto n, String op, Map<String, ?> args, String... operands) {
    String name = names.fresh(Names.identifier(n.getOutput(0)));
    return graph(() -> builder.layer(name, op, args, operands), n);
  }

  /** Adds an op without weights named after {@code hint} (a helper step of one ONNX node). */
  String helper(String hint, String op, Map<String, ?> args, String... operands) {
    String name = names.fresh(Names.identifier(hint));
    return graph(() -> builder.layer(name, op, args, operands), name);
  }

  /** Adds a layer with weights, each {@code layer.<slot>}; returns the output value. */
  String layer(String layer, String op, Map<String, ?> args, Map<String, Tensor> params, String... operands) {
    String v = graph(() -> builder.layer(layer, op, args, operands), layer);
    params.forEach((slot, t) -> weights.put(layer + "." + slot, t));
    return v;
  }

  /** Adds an op with several outputs. */
  List<String> multi(NodeProto n, String op, Map<String, ?> args, String... operands) {
    String name = names.fresh(Names.identifier(n.getOutput(0)));
    List<String> out = new ArrayList<>();
    graph(() -> {
      out.addAll(builder.layerMulti(name, op, args, operands));
      return null;
    }, n);
    return out;
  }

  /** A layer name for weights named after {@code initializer} (or {@code fallback} when it is null). */
  String layerName(String initializer, String fallback) {
    return names.fresh(initializer != null ? Names.layerOf(initializer) : Names.path(fallback));
  }

  /** The nodes that read an ONNX value. */
  List<NodeProto> consumers(String onnxName) {
    return consumers.getOrDefault(onnxName, List.of());
  }

  /**
   * The only node reading {@code onnxName} if it is of type {@code opType} and the value is not a
   * model output (so fusing it away changes nothing else), else null.
   */
  NodeProto soleConsumer(String onnxName, String opType) {
    List<NodeProto> c = consumers(onnxName);
    if (c.size() != 1 || graphOutputs.contains(onnxName) || !c.get(0).getOpType().equals(opType)) return null;
    return c.get(0);
  }

  /** Marks a later node as done: its output is {@code value}. */
  void absorb(NodeProto later, String value) {
    absorbed.add(later);
    define(later.getOutput(0), new Val.Dyn(value));
  }

  boolean isAbsorbed(NodeProto n) {
    return absorbed.contains(n);
  }

  private static List<Integer> dimsOf(Tensor t) {
    List<Integer> d = new ArrayList<>();
    for (int x : t.shape().dims()) d.add(x);
    return d;
  }

  private interface Build {
    String run();
  }

  /** Runs a builder call; a type error there is a model the importer cannot express, named after the node. */
  private static String graph(Build b, Object where) {
    try {
      return b.run();
    } catch (GraphException | dev.tnet.ir.op.OpException e) {
      String node = where instanceof NodeProto n ? describe(n) : "'" + where + "'";
      throw new UserException("cannot import " + node + ": " + e.getMessage());
    }
  }

  static String describe(NodeProto n) {
    return "node '" + (n.getName().isEmpty() ? n.getOutput(0) : n.getName()) + "' (" + n.getOpType() + ")";
  }

  static boolean isFloat(Tensor t) {
    return t.dtype() == DType.F32;
  }
}
