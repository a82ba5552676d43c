package dev.tnet.runtime.io;

import dev.tnet.runtime.CompilerBug;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.UserException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * NumPy {@code .npy} files: one C-ordered array per file, format versions 1.0, 2.0 and 3.0.
 *
 * <p>Reading converts to tnet's two element types: {@code f4} as is, {@code f8} rounded to the
 * nearest float, {@code f2} exactly, {@code i8} as is, {@code i4} widened to int64, {@code u1} to
 * floats 0..255 (the natural choice for image data; divide by 255 yourself if needed) and
 * {@code b1} to floats 0 and 1. Either byte order is read. Fortran-ordered arrays, structured and
 * other dtypes, pickled objects, and any byte after the array data are refused with a
 * {@link TensorFileException} naming the file.
 *
 * <p>Writing produces exactly what {@code numpy.save} (numpy 1.24) writes: a version 1.0 header
 * padded so the data starts at a multiple of 64 bytes, F32 tensors as {@code <f4} and I64 tensors
 * as {@code <i8}.
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int ALIGN = 64;
  /** numpy leaves room for the first dimension to grow to this many digits. */
  private static final int GROWTH_AXIS_MAX_DIGITS = 21;

  private Npy() {}

  public static Tensor read(Path path) {
    try (ByteSource src = FileIo.open(path)) {
      return read(src);
    }
  }

  /** Reads the .npy image {@code bytes}; {@code name} identifies it in error messages. */
  public static Tensor read(String name, byte[] bytes) {
    return read(new ByteSource.OfArray(name, bytes));
  }

  /** Reads a whole .npy stream (e.g. a class-path resource) of at most 2 GB; does not close it. */
  public static Tensor read(String name, InputStream in) {
    return read(FileIo.read(name, in));
  }

  public static void write(Path path, Tensor tensor) {
    FileIo.write(path, out -> writeTo(out, tensor));
  }

  /** The .npy image of {@code tensor}; fails if it would not fit in one byte array. */
  public static byte[] toBytes(Tensor tensor) {
    long total = header(tensor).length + TensorCodec.byteCount(tensor);
    if (total > FileIo.MAX_STREAM_BYTES) {
      throw new UserException("the .npy image of " + tensor.dtype() + tensor.shape() + " would take " + total
          + " bytes, more than one byte array holds; write it to a file instead");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) total);
    try {
      writeTo(out, tensor);
    } catch (IOException e) {
      throw new CompilerBug("writing to memory failed", e);
    }
    return out.toByteArray();
  }

  private static void writeTo(OutputStream out, Tensor tensor) throws IOException {
    out.write(header(tensor));
    TensorCodec.write(tensor, out);
  }

  /** Magic, version 1.0, header length and the header, padded with spaces and a newline. */
  private static byte[] header(Tensor tensor) {
    String descr = switch (tensor.dtype()) {
      case F32 -> "<f4";
      case I64 -> "<i8";
    };
    String dict = NpyHeader.format(descr, tensor.shape());
    if (tensor.rank() > 0) dict += " ".repeat(GROWTH_AXIS_MAX_DIGITS - Integer.toString(tensor.shape().dim(0)).length());
    int padding = ALIGN - (MAGIC.length + 4 + dict.length() + 1) % ALIGN;
    byte[] text = (dict + " ".repeat(padding) + "\n").getBytes(StandardCharsets.ISO_8859_1);
    return ByteBuffer.allocate(MAGIC.length + 4 + text.length).order(ByteOrder.LITTLE_ENDIAN)
        .put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text).array();
  }

  private static Tensor read(ByteSource src) {
    String file = src.name();
    long size = src.size();
    if (size == 0) throw new TensorFileException(file, "file is empty, not a .npy file");
    byte[] prefix = new byte[(int) Math.min(size, MAGIC.length + 6)];
    src.readFully(0, ByteBuffer.wrap(prefix));
    if (prefix.length < MAGIC.length || !Arrays.equals(prefix, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new TensorFileException(file, "not a .npy file: it starts with bytes ["
          + HexFormat.ofDelimiter(" ").formatHex(prefix, 0, Math.min(prefix.length, MAGIC.length))
          + "], not the .npy magic [93 4e 55 4d 50 59] (\\x93NUMPY)");
    }
    if (prefix.length < MAGIC.length + 2) throw tooShort(file, size);
    int major = prefix[6] & 0xFF;
    int minor = prefix[7] & 0xFF;
    int lengthBytes = switch (major * 256 + minor) {
      case 0x100 -> 2;
      case 0x200, 0x300 -> 4;
      default -> throw new TensorFileException(file, "unsupported .npy format version " + major + "." + minor
          + "; tnet reads versions 1.0, 2.0 and 3.0");
    };
    int lengthEnd = MAGIC.length + 2 + lengthBytes;
    if (prefix.length < lengthEnd) throw tooShort(file, size);
    ByteBuffer le = ByteBuffer.wrap(prefix, MAGIC.length + 2, lengthBytes).order(ByteOrder.LITTLE_ENDIAN);
    long headerLength = lengthBytes == 2 ? le.getShort() & 0xFFFF : le.getInt() & 0xFFFFFFFFL;
    if (headerLength > NpyHeader.MAX_HEADER_BYTES) {
      throw new TensorFileException(file, "header length " + headerLength + " is more than " + NpyHeader.MAX_HEADER_BYTES
          + " bytes (numpy's own limit); the file is corrupt or holds an unsupported dtype");
    }
    long dataStart = lengthEnd + headerLength;
    if (dataStart > size) {
      throw new TensorFileException(file, "header length " + headerLength + " runs past the end of the file ("
          + size + " bytes); the file is truncated");
    }
    ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
    src.readFully(lengthEnd, headerBytes);
    NpyHeader header = NpyHeader.parse(file, decode(file, headerBytes.flip(), major));
    long have = size - dataStart;
    long need = header.dataBytes();
    String what = "a " + header.descr() + " array of shape " + NpyHeader.repr(header.shape());
    if (have < need) {
      throw new TensorFileException(file, "truncated: " + what + " needs " + need + " data bytes, but the file has only "
          + have + " after the header");
    }
    if (have > need) {
      throw new TensorFileException(file, (have - need) + " unexpected bytes after the data of " + what + " (" + need
          + " bytes); a .npy file holds exactly one array");
    }
    return TensorCodec.read(src, dataStart, header.type(), header.order(), header.shape(), "array data");
  }

  /** Versions 1.0 and 2.0 headers are Latin-1, version 3.0 headers UTF-8. */
  private static String decode(String file, ByteBuffer bytes, int major) {
    if (major < 3) return StandardCharsets.ISO_8859_1.decode(bytes).toString();
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(bytes).toString();
    } catch (CharacterCodingException e) {
      throw new TensorFileException(file, "version 3.0 header is not valid UTF-8", e);
    }
  }

  private static TensorFileException tooShort(String file, long size) {
    return new TensorFileException(file, "file is only " + size + " bytes, too short for a .npy header; it is truncated");
  }
}
