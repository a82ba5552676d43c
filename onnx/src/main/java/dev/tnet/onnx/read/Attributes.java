package dev.tnet.onnx.read;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The attributes of one ONNX node, with ONNX's defaults supplied by the caller. */
final class Attributes {
  private final Map<String, AttributeProto> byName = new HashMap<>();

  Attributes(NodeProto n) {
    for (AttributeProto a : n.getAttributeList()) byName.put(a.getName(), a);
  }

  boolean has(String name) {
    return byName.containsKey(name);
  }

  long getInt(String name, long dflt) {
    AttributeProto a = byName.get(name);
    return a == null ? dflt : a.getI();
  }

  float getFloat(String name, float dflt) {
    AttributeProto a = byName.get(name);
    return a == null ? dflt : a.getF();
  }

  String getString(String name, String dflt) {
    AttributeProto a = byName.get(name);
    return a == null ? dflt : a.getS().toStringUtf8();
  }

  /** The ints, or null when absent. */
  long[] getInts(String name) {
    AttributeProto a = byName.get(name);
    return a == null ? null : a.getIntsList().stream().mapToLong(Long::longValue).toArray();
  }

  float[] getFloats(String name) {
    AttributeProto a = byName.get(name);
    if (a == null) return null;
    List<Float> f = a.getFloatsList();
    float[] r = new float[f.size()];
    for (int i = 0; i < r.length; i++) r[i] = f.get(i);
    return r;
  }

  AttributeProto get(String name) {
    return byName.get(name);
  }
}
