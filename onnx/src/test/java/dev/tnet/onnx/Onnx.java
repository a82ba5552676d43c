package dev.tnet.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Small ONNX models built in Java for the tests: {@code Onnx.graph(opset).input("x", 1, 3, 8,
 * 8).init("w", ...).node("Conv", in("x", "w"), "y", attr("pads", 1, 1, 1, 1)).output("y")}.
 */
final class Onnx {
  private final int opset;
  private final GraphProto.Builder g = GraphProto.newBuilder().setName("test");
  private final Random random = new Random(7);

  private Onnx(int opset) {
    this.opset = opset;
  }

  static Onnx graph(int opset) {
    return new Onnx(opset);
  }

  Onnx input(String name, long... dims) {
    return input(name, TensorProto.DataType.FLOAT_VALUE, dims);
  }

  Onnx inputInt64(String name, long... dims) {
    return input(name, TensorProto.DataType.INT64_VALUE, dims);
  }

  /** An input with named dynamic dims ({@code null} entries). */
  Onnx dynamicInput(String name, Long... dims) {
    TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
    for (int i = 0; i < dims.length; i++) {
      s.addDim(dims[i] == null ? TensorShapeProto.Dimension.newBuilder().setDimParam("d" + i)
          : TensorShapeProto.Dimension.newBuilder().setDimValue(dims[i]));
    }
    g.addInput(ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
        TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(s))));
    return this;
  }

  private Onnx input(String name, int type, long... dims) {
    TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
    for (long d : dims) s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    g.addInput(ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
        TypeProto.Tensor.newBuilder().setElemType(type).setShape(s))));
    return this;
  }

  /** A float initializer of random values in [-1, 1). */
  Onnx init(String name, long... dims) {
    int n = 1;
    for (long d : dims) n *= (int) d;
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = random.nextFloat() * 2 - 1;
    return init(name, v, dims);
  }

  /** A float initializer of random values in [lo, hi). */
  Onnx initRange(String name, float lo, float hi, long... dims) {
    int n = 1;
    for (long d : dims) n *= (int) d;
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = lo + random.nextFloat() * (hi - lo);
    return init(name, v, dims);
  }

  Onnx init(String name, float[] v, long... dims) {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
    for (long d : dims) t.addDims(d);
    for (float f : v) t.addFloatData(f);
    g.addInitializer(t);
    return this;
  }

  Onnx initInts(String name, long[] v, long... dims) {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE);
    for (long d : dims) t.addDims(d);
    for (long x : v) t.addInt64Data(x);
    g.addInitializer(t);
    return this;
  }

  /** A 1-d int64 initializer. */
  Onnx longs(String name, long... v) {
    return initInts(name, v, v.length);
  }

  /** A scalar float initializer. */
  Onnx scalar(String name, float v) {
    return init(name, new float[] {v});
  }

  Onnx node(String op, List<String> inputs, String output, AttributeProto... attrs) {
    return node(op, inputs, List.of(output), attrs);
  }

  Onnx node(String op, List<String> inputs, List<String> outputs, AttributeProto... attrs) {
    NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(op + "_" + g.getNodeCount());
    n.addAllInput(inputs).addAllOutput(outputs);
    for (AttributeProto a : attrs) n.addAttribute(a);
    g.addNode(n);
    return this;
  }

  Onnx output(String... names) {
    for (String name : names) g.addOutput(ValueInfoProto.newBuilder().setName(name));
    return this;
  }

  ModelProto model() {
    return ModelProto.newBuilder().setIrVersion(opset >= 21 ? 10 : 8).setProducerName("tnet-test")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset)).setGraph(g).build();
  }

  byte[] bytes() {
    return model().toByteArray();
  }

  static List<String> in(String... names) {
    return List.of(names);
  }

  static AttributeProto attr(String name, long v) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
  }

  static AttributeProto attr(String name, float v) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(v).build();
  }

  static AttributeProto attr(String name, String v) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
        .setS(com.google.protobuf.ByteString.copyFromUtf8(v)).build();
  }

  static AttributeProto ints(String name, long... v) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long x : v) a.addInts(x);
    return a.build();
  }

  static AttributeProto floats(String name, float... v) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOATS);
    for (float x : v) a.addFloats(x);
    return a.build();
  }

  static AttributeProto tensorAttr(String name, float[] v, long... dims) {
    TensorProto.Builder t = TensorProto.newBuilder().setDataType(TensorProto.DataType.FLOAT_VALUE);
    for (long d : dims) t.addDims(d);
    for (float f : v) t.addFloatData(f);
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.TENSOR).setT(t).build();
  }

  static List<Long> dims(long... d) {
    List<Long> l = new ArrayList<>();
    for (long x : d) l.add(x);
    return l;
  }
}
