package dev.tnet.onnx.read;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.UserException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ONNX op types tnet imports, each with the converter that adds its tnet ops. Families:
 * {@link NnConverters} (layers with weights, pooling, resizing), {@link MathConverters}
 * (pointwise, activations, reductions), {@link LayoutConverters} (shapes and data movement).
 */
final class Converters {
  /** Adds the tnet ops for one ONNX node and defines its outputs in the context. */
  interface Converter {
    void convert(ImportContext c, NodeProto n, Attributes a);
  }

  private static final Map<String, Converter> BY_OP = new HashMap<>();

  static {
    NnConverters.register(BY_OP);
    MathConverters.register(BY_OP);
    LayoutConverters.register(BY_OP);
    BY_OP.put("Constant", (c, n, a) -> { });
  }

  private Converters() {}

  static boolean supports(String opType) {
    return BY_OP.containsKey(opType);
  }

  static void convert(ImportContext c, NodeProto n) {
    Converter conv = BY_OP.get(n.getOpType());
    if (conv == null) {
      throw new UserException("cannot import " + ImportContext.describe(n) + ": its inputs must be constants known at import"
          + " time (tnet computes " + n.getOpType() + " only while importing)");
    }
    conv.convert(c, n, new Attributes(n));
  }

  /** The value of a {@code Constant} node, whichever attribute holds it. */
  static Tensor constantValue(NodeProto n, Path dir) {
    for (AttributeProto a : n.getAttributeList()) {
      switch (a.getName()) {
        case "value":
          return TensorProtos.read(a.getT(), dir);
        case "value_float":
          return Tensor.of(Shape.scalar(), new float[] {a.getF()});
        case "value_floats": {
          float[] f = new float[a.getFloatsCount()];
          for (int i = 0; i < f.length; i++) f[i] = a.getFloats(i);
          return Tensor.of(Shape.of(f.length), f);
        }
        case "value_int":
          return Tensor.ofLongs(Shape.scalar(), new long[] {a.getI()});
        case "value_ints":
          return Tensor.ofLongs(Shape.of(a.getIntsCount()), a.getIntsList().stream().mapToLong(Long::longValue).toArray());
        default:
          break;
      }
    }
    throw new UserException("cannot import " + ImportContext.describe(n) + ": a Constant without a value tnet can read");
  }

  // Helpers shared by the families.

  /** Defines the node's first output as {@code value}. */
  static void out(ImportContext c, NodeProto n, String value) {
    c.define(n.getOutput(0), new Val.Dyn(value));
  }

  /** An int when every entry is equal ({@code 3}), else a tuple ({@code (3, 1)}). */
  static Object ints(long[] v) {
    for (long x : v) if (x != v[0]) return list(v);
    return (int) v[0];
  }

  static List<Integer> list(long[] v) {
    List<Integer> l = new ArrayList<>();
    for (long x : v) l.add(Math.toIntExact(x));
    return l;
  }

  static List<Integer> list(int[] v) {
    List<Integer> l = new ArrayList<>();
    for (int x : v) l.add(x);
    return l;
  }

  /** A float32 attribute as the shortest decimal that reads back to the same float ({@code 1e-5}, not 9.99e-6). */
  static double num(float f) {
    return Double.parseDouble(Float.toString(f));
  }

  /** The first float of a constant tensor (a scalar argument). */
  static double scalar(Tensor t) {
    return t.dtype() == dev.tnet.runtime.DType.F32 ? num(t.floats()[0]) : t.longs()[0];
  }

  static UserException unsupported(NodeProto n, String why) {
    return new UserException("cannot import " + ImportContext.describe(n) + ": " + why);
  }

  /** The constant input {@code i}, or an error saying it must be one. */
  static Tensor requireConst(ImportContext c, NodeProto n, int i, String what) {
    Tensor t = n.getInputCount() > i ? c.constant(n.getInput(i)) : null;
    if (t == null) throw unsupported(n, what + " must be a constant (an initializer or computable at import time)");
    return t;
  }

  static boolean hasInput(NodeProto n, int i) {
    return n.getInputCount() > i && !n.getInput(i).isEmpty();
  }

  static int rank(ImportContext c, String value) {
    return c.type(value).rank();
  }

  static int[] shape(ImportContext c, String value) {
    return c.type(value).shape().dims();
  }

  /** Normalises a possibly negative axis. */
  static int axis(long axis, int rank) {
    return (int) (axis < 0 ? axis + rank : axis);
  }
}
