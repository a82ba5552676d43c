package dev.tnet.runtime.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Golden files (made by tools/make_io_fixtures.py) and hand-built file images for tests. */
final class Fixtures {
  private Fixtures() {}

  /** The bytes of test resource {@code io/name}. */
  static byte[] resource(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/io/" + name)) {
      if (in == null) throw new IllegalStateException("missing test resource io/" + name);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A safetensors image: the length of {@code header}, the header (unpadded), then {@code data}. */
  static byte[] safetensors(String header, byte[] data) {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
        .putLong(h.length).put(h).put(data).array();
  }

  /** A safetensors image whose data is {@code dataBytes} zero bytes. */
  static byte[] safetensors(String header, int dataBytes) {
    return safetensors(header, new byte[dataBytes]);
  }

  /** A .npy image of the given version with {@code header} (unpadded) and {@code data}. */
  static byte[] npy(int major, int minor, String header, byte[] data) {
    byte[] h = header.getBytes(major >= 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    int lengthBytes = major == 1 ? 2 : 4;
    ByteBuffer b = ByteBuffer.allocate(8 + lengthBytes + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, (byte) minor});
    if (lengthBytes == 2) b.putShort((short) h.length);
    else b.putInt(h.length);
    return b.put(h).put(data).array();
  }

  /** A version 1.0 .npy image. */
  static byte[] npy(String header, byte[] data) {
    return npy(1, 0, header, data);
  }

  /** The header dict numpy writes for a C-ordered array. */
  static String npyDict(String descr, String shape) {
    return "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }\n";
  }

  static byte[] floatsLE(float... values) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) b.putFloat(v);
    return b.array();
  }

  static byte[] shortsLE(int... values) {
    ByteBuffer b = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int v : values) b.putShort((short) v);
    return b.array();
  }
}
