package dev.tnet.onnx.write;

import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import dev.tnet.runtime.DType;
import dev.tnet.runtime.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** tnet tensors and dtypes as ONNX TensorProtos (raw little-endian data) and element types. */
final class OnnxTensors {
  private OnnxTensors() {}

  static int elemType(DType t) {
    return switch (t) {
      case F32 -> TensorProto.DataType.FLOAT_VALUE;
      case I64 -> TensorProto.DataType.INT64_VALUE;
    };
  }

  static TensorProto of(Tensor t) {
    long[] dims = new long[t.rank()];
    for (int i = 0; i < dims.length; i++) dims[i] = t.shape().dims()[i];
    return switch (t.dtype()) {
      case F32 -> floats(dims, t.floats());
      case I64 -> longs(dims, t.longs());
    };
  }

  static TensorProto floats(long[] dims, float[] data) {
    ByteBuffer b = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(data);
    return TensorProto.newBuilder().setDataType(TensorProto.DataType.FLOAT_VALUE).addAllDims(boxed(dims))
        .setRawData(ByteString.copyFrom(b.array())).build();
  }

  static TensorProto longs(long[] dims, long[] data) {
    ByteBuffer b = ByteBuffer.allocate(8 * data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asLongBuffer().put(data);
    return TensorProto.newBuilder().setDataType(TensorProto.DataType.INT64_VALUE).addAllDims(boxed(dims))
        .setRawData(ByteString.copyFrom(b.array())).build();
  }

  private static java.util.List<Long> boxed(long[] dims) {
    return java.util.Arrays.stream(dims).boxed().toList();
  }
}
