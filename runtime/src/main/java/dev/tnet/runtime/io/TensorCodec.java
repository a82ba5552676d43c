package dev.tnet.runtime.io;

import dev.tnet.runtime.CompilerBug;
import dev.tnet.runtime.DType;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Converts between tensor elements and their bytes in a file, a bounded chunk at a time, so that
 * reading or writing a tensor needs only its element array plus {@link #CHUNK_BYTES} of buffer.
 */
final class TensorCodec {
  /** The buffer size; a multiple of every element size. */
  static final int CHUNK_BYTES = 1 << 20;

  private TensorCodec() {}

  /**
   * Reads a tensor of {@code shape} whose elements are stored as {@code type} in {@code order}
   * starting at {@code position}. The caller has checked that the bytes exist; {@code what} names
   * the tensor in error messages (only a BOOL byte other than 0 or 1 can fail here).
   */
  static Tensor read(ByteSource src, long position, StorageType type, ByteOrder order, Shape shape, String what) {
    int n = shape.size();
    float[] floats = type.target == DType.F32 ? new float[n] : null;
    long[] longs = floats == null ? new long[n] : null;
    int perChunk = CHUNK_BYTES / type.byteSize;
    ByteBuffer buf = ByteBuffer.allocate(Math.min(n, perChunk) * type.byteSize).order(order);
    for (int done = 0; done < n; ) {
      int k = Math.min(n - done, perChunk);
      buf.clear().limit(k * type.byteSize);
      src.readFully(position + (long) done * type.byteSize, buf);
      buf.flip();
      if (floats != null) decodeFloats(type, buf, floats, done, k, src.name(), what);
      else decodeLongs(type, buf, longs, done, k);
      done += k;
    }
    return floats != null ? Tensor.of(shape, floats) : Tensor.ofLongs(shape, longs);
  }

  private static void decodeFloats(StorageType type, ByteBuffer buf, float[] out, int off, int k, String file, String what) {
    switch (type) {
      case F32 -> buf.asFloatBuffer().get(out, off, k);
      case F64 -> {
        for (int i = 0; i < k; i++) out[off + i] = (float) buf.getDouble();
      }
      case F16 -> {
        for (int i = 0; i < k; i++) out[off + i] = StorageType.f16ToFloat(buf.getShort());
      }
      case BF16 -> {
        for (int i = 0; i < k; i++) out[off + i] = StorageType.bf16ToFloat(buf.getShort());
      }
      case U8 -> {
        for (int i = 0; i < k; i++) out[off + i] = buf.get() & 0xFF;
      }
      case BOOL -> {
        for (int i = 0; i < k; i++) {
          int b = buf.get() & 0xFF;
          if (b > 1) {
            throw new TensorFileException(file, what + ": element " + (off + i)
                + " is a boolean stored as byte " + b + "; only 0 and 1 are valid");
          }
          out[off + i] = b;
        }
      }
      case I32, I64 -> throw new CompilerBug(type + " is not read as floats");
    }
  }

  private static void decodeLongs(StorageType type, ByteBuffer buf, long[] out, int off, int k) {
    switch (type) {
      case I64 -> buf.asLongBuffer().get(out, off, k);
      case I32 -> {
        for (int i = 0; i < k; i++) out[off + i] = buf.getInt();
      }
      default -> throw new CompilerBug(type + " is not read as longs");
    }
  }

  /** The number of bytes {@link #write} produces for {@code t}. */
  static long byteCount(Tensor t) {
    return (long) t.size() * t.dtype().byteSize();
  }

  /** Writes {@code t}'s elements unconverted (F32 or I64), little-endian. */
  static void write(Tensor t, OutputStream out) throws IOException {
    int n = t.size();
    int size = t.dtype().byteSize();
    int perChunk = CHUNK_BYTES / size;
    ByteBuffer buf = ByteBuffer.allocate(Math.min(n, perChunk) * size).order(ByteOrder.LITTLE_ENDIAN);
    for (int done = 0; done < n; ) {
      int k = Math.min(n - done, perChunk);
      buf.clear();
      switch (t.dtype()) {
        case F32 -> buf.asFloatBuffer().put(t.floats(), done, k);
        case I64 -> buf.asLongBuffer().put(t.longs(), done, k);
      }
      out.write(buf.array(), 0, k * size);
      done += k;
    }
  }
}
