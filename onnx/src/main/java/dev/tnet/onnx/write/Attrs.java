package dev.tnet.onnx.write;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import java.util.List;

/** ONNX node attributes. */
final class Attrs {
  private Attrs() {}

  static AttributeProto i(String name, long v) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeType.INT).setI(v).build();
  }

  static AttributeProto f(String name, double v) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeType.FLOAT).setF((float) v).build();
  }

  static AttributeProto s(String name, String v) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeType.STRING)
        .setS(com.google.protobuf.ByteString.copyFromUtf8(v)).build();
  }

  static AttributeProto ints(String name, List<? extends Number> v) {
    AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeType.INTS);
    for (Number n : v) b.addInts(n.longValue());
    return b.build();
  }
}
