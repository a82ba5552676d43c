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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;
import java.util.TreeMap;

/**
 * Hugging Face safetensors files: an 8-byte little-endian header length N, N bytes of UTF-8 JSON
 * describing each tensor's dtype, shape and byte range, then the data, little-endian.
 *
 * <p>Reading converts F32, F16, BF16, F64, U8 and BOOL to F32 tensors (exactly, except F64, which
 * is rounded to the nearest float) and I64 and I32 to I64 tensors. The whole header is checked
 * before any tensor is allocated, and is refused with a {@link TensorFileException} naming the
 * file and the tensor unless the byte ranges tile the data exactly as dtype × shape says. A file
 * is read one tensor at a time through a small buffer: reading needs the memory of the resulting
 * tensors plus about 1 MB, never a copy of the file.
 *
 * <p>Writing follows the reference implementation: tensors sorted by name ({@link
 * String#compareTo}) stored back to back, compact JSON with {@code "__metadata__"} (sorted by key)
 * first, padded with spaces to a multiple of 8 bytes.
 */
public final class Safetensors {
  /** The largest header accepted, as in the reference implementation. */
  public static final long MAX_HEADER_BYTES = 100_000_000;

  private Safetensors() {}

  /**
   * A file's tensors, in the order its header lists them, and its {@code "__metadata__"} strings
   * (empty if absent). Both maps are unmodifiable.
   */
  public record Contents(SequencedMap<String, Tensor> tensors, SequencedMap<String, String> metadata) {
    public Contents {
      tensors = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(tensors));
      metadata = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(metadata));
    }
  }

  /** The tensors of {@code path}, in header order; see {@link #readContents(Path)}. */
  public static SequencedMap<String, Tensor> read(Path path) {
    return readContents(path).tensors();
  }

  public static SequencedMap<String, Tensor> read(String name, byte[] bytes) {
    return readContents(name, bytes).tensors();
  }

  /** Reads a whole stream (e.g. a class-path resource) of at most 2 GB; does not close it. */
  public static SequencedMap<String, Tensor> read(String name, InputStream in) {
    return readContents(name, in).tensors();
  }

  /** Reads a whole stream (e.g. a class-path resource) of at most 2 GB; does not close it. */
  public static Contents readContents(String name, InputStream in) {
    return read(FileIo.read(name, in));
  }

  public static Contents readContents(Path path) {
    try (ByteSource src = FileIo.open(path)) {
      return read(src);
    }
  }

  /** Reads the safetensors image {@code bytes}; {@code name} identifies it in error messages. */
  public static Contents readContents(String name, byte[] bytes) {
    return read(new ByteSource.OfArray(name, bytes));
  }

  public static void write(Path path, Map<String, Tensor> tensors) {
    write(path, tensors, Map.of());
  }

  public static void write(Path path, Map<String, Tensor> tensors, Map<String, String> metadata) {
    byte[] header = header(tensors, metadata);
    FileIo.write(path, out -> writeTo(out, header, tensors));
  }

  /** The safetensors image of {@code tensors}; fails if it would not fit in one byte array. */
  public static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata) {
    byte[] header = header(tensors, metadata);
    long total = header.length + tensors.values().stream().mapToLong(TensorCodec::byteCount).sum();
    if (total > FileIo.MAX_STREAM_BYTES) {
      throw new UserException("the safetensors image would take " + total
          + " bytes, more than one byte array holds; write it to a file instead");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) total);
    try {
      writeTo(out, header, tensors);
    } catch (IOException e) {
      throw new CompilerBug("writing to memory failed", e);
    }
    return out.toByteArray();
  }

  private static void writeTo(OutputStream out, byte[] header, Map<String, Tensor> tensors) throws IOException {
    out.write(header);
    for (String name : sortedNames(tensors)) TensorCodec.write(tensors.get(name), out);
  }

  /** The length field and the padded JSON header, with data offsets in name order. */
  private static byte[] header(Map<String, Tensor> tensors, Map<String, String> metadata) {
    Map<String, Object> json = new LinkedHashMap<>();
    metadata.forEach((k, v) -> Objects.requireNonNull(v, () -> "metadata value for " + k));
    if (!metadata.isEmpty()) json.put(SafetensorsHeader.METADATA_KEY, new TreeMap<>(metadata));
    long offset = 0;
    for (String name : sortedNames(tensors)) {
      if (name.equals(SafetensorsHeader.METADATA_KEY)) {
        throw new UserException("a tensor cannot be named \"__metadata__\": safetensors reserves that key for metadata");
      }
      Tensor t = tensors.get(name);
      long end = offset + TensorCodec.byteCount(t);
      Map<String, Object> info = new LinkedHashMap<>();
      info.put("dtype", StorageType.of(t.dtype()).name());
      info.put("shape", Arrays.stream(t.shape().dims()).<Object>mapToObj(d -> (long) d).toList());
      info.put("data_offsets", List.of(offset, end));
      json.put(name, info);
      offset = end;
    }
    String text;
    try {
      text = Json.write(json);
    } catch (IllegalArgumentException e) {
      throw new UserException("cannot write a safetensors header: " + e.getMessage(), e);
    }
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    int padded = (utf8.length + 7) / 8 * 8;
    ByteBuffer b = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).put(utf8);
    while (b.hasRemaining()) b.put((byte) ' ');
    return b.array();
  }

  private static List<String> sortedNames(Map<String, Tensor> tensors) {
    return tensors.keySet().stream().sorted().toList();
  }

  private static Contents read(ByteSource src) {
    String file = src.name();
    long size = src.size();
    if (size < 8) {
      throw new TensorFileException(file, "file is only " + size + " bytes, too short for the 8-byte header length"
          + " a safetensors file starts with");
    }
    ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    src.readFully(0, length);
    long n = length.getLong(0);
    if (n < 0 || n > MAX_HEADER_BYTES) {
      throw new TensorFileException(file, "header length " + Long.toUnsignedString(n) + " is more than the "
          + MAX_HEADER_BYTES + "-byte limit; the file is corrupt or not a safetensors file");
    }
    if (n > size - 8) {
      throw new TensorFileException(file, "header length " + n + " runs past the end of the file (" + size
          + " bytes); the file is truncated or not a safetensors file");
    }
    ByteBuffer headerBytes = ByteBuffer.allocate((int) n);
    src.readFully(8, headerBytes);
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(headerBytes.flip()).toString();
    } catch (CharacterCodingException e) {
      throw new TensorFileException(file, "header is not valid UTF-8", e);
    }
    Object json;
    try {
      json = Json.parse(text, file);
    } catch (JsonException e) {
      throw new TensorFileException(file, "header is not valid JSON: " + e.detail(), e);
    }
    SafetensorsHeader header = SafetensorsHeader.check(file, json, size - 8 - n);
    SequencedMap<String, Tensor> tensors = new LinkedHashMap<>();
    for (SafetensorsHeader.Entry e : header.entries()) {
      tensors.put(e.name(), TensorCodec.read(src, 8 + n + e.begin(), e.type(), ByteOrder.LITTLE_ENDIAN, e.shape(), e.describe()));
    }
    return new Contents(tensors, header.metadata());
  }
}
