package dev.tnet.onnx.read;

import ai.onnx.proto.OnnxMl.TensorProto;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.UserException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * ONNX {@link TensorProto}s as tnet {@link Tensor}s: floating types (float, double, float16,
 * bfloat16) become f32, integer and bool types become i64. Data may be in the typed fields, in
 * {@code raw_data} (little-endian) or in an external file next to the model.
 */
final class TensorProtos {
  static final int FLOAT = 1, UINT8 = 2, INT8 = 3, UINT16 = 4, INT16 = 5, INT32 = 6, INT64 = 7, STRING = 8, BOOL = 9,
      FLOAT16 = 10, DOUBLE = 11, UINT32 = 12, UINT64 = 13, BFLOAT16 = 16;

  private TensorProtos() {}

  static boolean isFloat(int dataType) {
    return dataType == FLOAT || dataType == DOUBLE || dataType == FLOAT16 || dataType == BFLOAT16;
  }

  static boolean isSupported(int dataType) {
    return isFloat(dataType) || switch (dataType) {
      case UINT8, INT8, UINT16, INT16, INT32, INT64, BOOL, UINT32, UINT64 -> true;
      default -> false;
    };
  }

  /** The tensor; {@code modelDir} resolves external data. */
  static Tensor read(TensorProto t, Path modelDir) {
    int type = t.getDataType();
    if (!isSupported(type)) {
      throw new UserException("tensor '" + t.getName() + "' has the ONNX data type " + type + " (" + typeName(type)
          + "), which tnet does not read");
    }
    long[] dims = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
    Shape shape = Shape.ofLongs(dims);
    int n = shape.size();
    ByteBuffer raw = null;
    if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) raw = external(t, modelDir);
    else if (!t.getRawData().isEmpty()) raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    if (isFloat(type)) {
      float[] v = new float[n];
      if (raw != null) {
        requireBytes(t, raw, (long) n * byteSize(type));
        for (int i = 0; i < n; i++) {
          v[i] = switch (type) {
            case FLOAT -> raw.getFloat();
            case DOUBLE -> (float) raw.getDouble();
            case FLOAT16 -> Float.float16ToFloat(raw.getShort());
            default -> Float.intBitsToFloat((raw.getShort() & 0xffff) << 16);
          };
        }
      } else {
        int have = switch (type) {
          case FLOAT -> t.getFloatDataCount();
          case DOUBLE -> t.getDoubleDataCount();
          default -> t.getInt32DataCount();
        };
        if (have != n) throw new UserException("tensor '" + t.getName() + "' has " + have + " values for shape " + shape);
        for (int i = 0; i < n; i++) {
          v[i] = switch (type) {
            case FLOAT -> t.getFloatData(i);
            case DOUBLE -> (float) t.getDoubleData(i);
            case FLOAT16 -> Float.float16ToFloat((short) t.getInt32Data(i));
            default -> Float.intBitsToFloat((t.getInt32Data(i) & 0xffff) << 16);
          };
        }
      }
      return Tensor.of(shape, v);
    }
    long[] v = new long[n];
    if (raw != null) {
      requireBytes(t, raw, (long) n * byteSize(type));
      for (int i = 0; i < n; i++) {
        v[i] = switch (type) {
          case INT64, UINT64 -> raw.getLong();
          case INT32 -> raw.getInt();
          case UINT32 -> raw.getInt() & 0xffffffffL;
          case INT16 -> raw.getShort();
          case UINT16 -> raw.getShort() & 0xffff;
          case INT8 -> raw.get();
          default -> raw.get() & 0xff;
        };
      }
    } else {
      boolean wide = type == INT64 || type == UINT64 || type == UINT32;
      int have = type == INT64 ? t.getInt64DataCount() : wide ? t.getUint64DataCount() : t.getInt32DataCount();
      if (have != n) throw new UserException("tensor '" + t.getName() + "' has " + have + " values for shape " + shape);
      for (int i = 0; i < n; i++) {
        v[i] = type == INT64 ? t.getInt64Data(i) : wide ? t.getUint64Data(i) : t.getInt32Data(i);
      }
    }
    return Tensor.ofLongs(shape, v);
  }

  private static int byteSize(int type) {
    return switch (type) {
      case DOUBLE, INT64, UINT64 -> 8;
      case FLOAT, INT32, UINT32 -> 4;
      case FLOAT16, BFLOAT16, INT16, UINT16 -> 2;
      default -> 1;
    };
  }

  private static void requireBytes(TensorProto t, ByteBuffer raw, long bytes) {
    if (raw.remaining() != bytes) {
      throw new UserException("tensor '" + t.getName() + "' has " + raw.remaining() + " bytes of data, expected " + bytes
          + " for dims " + t.getDimsList());
    }
  }

  private static ByteBuffer external(TensorProto t, Path modelDir) {
    String location = null;
    long offset = 0, length = -1;
    for (var e : t.getExternalDataList()) {
      switch (e.getKey()) {
        case "location" -> location = e.getValue();
        case "offset" -> offset = Long.parseLong(e.getValue());
        case "length" -> length = Long.parseLong(e.getValue());
        default -> { }
      }
    }
    if (location == null) throw new UserException("tensor '" + t.getName() + "' has external data without a location");
    Path file = modelDir.resolve(location);
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      if (length < 0) length = f.length() - offset;
      byte[] b = new byte[Math.toIntExact(length)];
      f.seek(offset);
      f.readFully(b);
      return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    } catch (IOException | ArithmeticException e) {
      throw new UserException(file + ": cannot read the external data of tensor '" + t.getName() + "': " + e.getMessage());
    }
  }

  static String typeName(int type) {
    TensorProto.DataType d = TensorProto.DataType.forNumber(type);
    return d == null ? "unknown" : d.name().toLowerCase(java.util.Locale.ROOT);
  }
}
