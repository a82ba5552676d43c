package dev.tnet.onnx.write;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.runtime.DType;
import dev.tnet.runtime.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ONNX graph under construction: nodes in order, initializers, and the name of every tnet
 * value. Emitters ask it for fresh value names, constants and nodes; it keeps names unique (tnet
 * value names, state_dict names and the helper values it invents share ONNX's one namespace).
 */
final class OnnxGraphBuilder {
  final List<NodeProto> nodes = new ArrayList<>();
  final List<TensorProto> initializers = new ArrayList<>();
  private final Set<String> used = new HashSet<>();
  private final Map<String, String> valueNames = new HashMap<>();
  private final Map<String, String> constants = new HashMap<>();
  private final Symbols symbols;
  private int counter;
  /** The tnet node being emitted, to name helper values after it. */
  private String prefix = "tnet";

  OnnxGraphBuilder(Symbols symbols) {
    this.symbols = symbols;
  }

  /** Claims {@code name} exactly (graph inputs, outputs, initializers); false if taken. */
  boolean reserve(String name) {
    return used.add(name);
  }

  /** A fresh name derived from {@code hint}. */
  String fresh(String hint) {
    String name = hint;
    while (!used.add(name)) name = hint + "_" + (++counter);
    return name;
  }

  /** A fresh helper value named after the current node. */
  String temp(String what) {
    return fresh(prefix + "/" + what);
  }

  void enterNode(String nodeName) {
    prefix = nodeName;
  }

  /** Binds a tnet value to its ONNX name. */
  void bind(String tnetValue, String onnxName) {
    valueNames.put(tnetValue, onnxName);
  }

  /** The ONNX name of a tnet value, giving a fresh one on first use. */
  String value(String tnetValue) {
    return valueNames.computeIfAbsent(tnetValue, this::fresh);
  }

  Symbols symbols() {
    return symbols;
  }

  /** Adds a node and returns its first output. */
  String node(String opType, List<String> inputs, List<String> outputs, AttributeProto... attrs) {
    NodeProto.Builder b = NodeProto.newBuilder().setOpType(opType).setName(fresh(prefix + "/" + opType));
    b.addAllInput(inputs).addAllOutput(outputs);
    for (AttributeProto a : attrs) b.addAttribute(a);
    nodes.add(b.build());
    return outputs.isEmpty() ? null : outputs.get(0);
  }

  /** Adds a one-output node writing a fresh helper value. */
  String op(String opType, List<String> inputs, AttributeProto... attrs) {
    return node(opType, inputs, List.of(temp(opType.toLowerCase(java.util.Locale.ROOT))), attrs);
  }

  String op(String opType, String input, AttributeProto... attrs) {
    return op(opType, List.of(input), attrs);
  }

  /** Adds a one-output node writing {@code output}. */
  String opTo(String output, String opType, List<String> inputs, AttributeProto... attrs) {
    return node(opType, inputs, List.of(output), attrs);
  }

  void initializer(TensorProto t) {
    initializers.add(t);
  }

  /** A constant 1-d int64 tensor (shapes, axes, pads), shared between uses. */
  String ints(long... values) {
    return constant("i64" + java.util.Arrays.toString(values), () -> OnnxTensors.longs(new long[] {values.length}, values));
  }

  String ints(List<Integer> values) {
    return ints(values.stream().mapToLong(Integer::longValue).toArray());
  }

  /** A constant 0-d int64 scalar. */
  String intScalar(long v) {
    return constant("i64scalar" + v, () -> OnnxTensors.longs(new long[0], new long[] {v}));
  }

  /** A constant 0-d float32 scalar. */
  String floatScalar(double v) {
    float f = (float) v;
    return constant("f32scalar" + Float.floatToRawIntBits(f), () -> OnnxTensors.floats(new long[0], new float[] {f}));
  }

  /** A 0-d scalar of {@code dtype}: float32, or int64 with {@code v} truncated. */
  String scalar(DType dtype, double v) {
    return dtype == DType.I64 ? intScalar((long) v) : floatScalar(v);
  }

  /** A constant float32 tensor of a known shape. */
  String floats(long[] shape, float[] data) {
    String name = temp("const");
    initializer(OnnxTensors.floats(shape, data).toBuilder().setName(name).build());
    return name;
  }

  /** Ones or zeros of a known 1-d size (a norm's missing affine parameters). */
  String filled(long size, float value) {
    float[] d = new float[Math.toIntExact(size)];
    java.util.Arrays.fill(d, value);
    return constant("fill" + size + "," + value, () -> OnnxTensors.floats(new long[] {size}, d));
  }

  private String constant(String key, java.util.function.Supplier<TensorProto> make) {
    return constants.computeIfAbsent(key, k -> {
      String name = fresh("const_" + constants.size());
      initializer(make.get().toBuilder().setName(name).build());
      return name;
    });
  }

  /**
   * A 1-d int64 tensor holding {@code dims}: a constant when every dim is known, else computed
   * from the graph inputs' runtime shapes.
   */
  String shape(List<Dim> dims) {
    if (dims.stream().allMatch(Dim::isKnown)) return ints(dims.stream().mapToLong(Dim::value).toArray());
    List<String> parts = new ArrayList<>();
    for (Dim d : dims) parts.add(d.isKnown() ? ints(d.value()) : symbols.emit(this, d));
    return op("Concat", parts, Attrs.i("axis", 0));
  }

  /** Casts to {@code dtype} when {@code from} differs. */
  String cast(String v, DType from, DType to) {
    return from == to ? v : op("Cast", v, Attrs.i("to", OnnxTensors.elemType(to)));
  }

  /** A tnet type's dims as known values; null if any is symbolic. */
  static long[] known(TensorType t) {
    if (!t.isKnown()) return null;
    return t.dims().stream().mapToLong(Dim::value).toArray();
  }

  /** The data of a weight, as an initializer named {@code name}. */
  void weight(String name, Tensor t) {
    initializer(OnnxTensors.of(t).toBuilder().setName(name).build());
  }
}
