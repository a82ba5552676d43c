package dev.tnet.runtime.io;

import dev.tnet.runtime.Shape;
import dev.tnet.runtime.UserException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;

/**
 * A checked safetensors header. Invariants: the entries are in header order, every entry's byte
 * range holds exactly its dtype × shape, and the ranges, sorted, tile the data buffer exactly:
 * no gaps, no overlaps, nothing after the last one. So reading every tensor touches each data
 * byte once and never reads past the file.
 */
record SafetensorsHeader(List<Entry> entries, SequencedMap<String, String> metadata) {
  static final String METADATA_KEY = "__metadata__";
  private static final Set<String> FIELDS = Set.of("dtype", "shape", "data_offsets");
  private static final String SUPPORTED = "F32, F16, BF16, F64, I64, I32, U8 and BOOL";

  /** One tensor: its bytes are {@code [begin, end)} of the data buffer. */
  record Entry(String name, StorageType type, Shape shape, long begin, long end) {
    String describe() {
      return "tensor '" + name + "'";
    }
  }

  /** Checks the parsed JSON {@code json} of {@code file}, whose data buffer is {@code bufferBytes} long. */
  static SafetensorsHeader check(String file, Object json, long bufferBytes) {
    if (!(json instanceof Map<?, ?> map)) {
      throw new TensorFileException(file, "header is " + kind(json) + ", not a JSON object");
    }
    List<Entry> entries = new ArrayList<>();
    SequencedMap<String, String> metadata = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String name = (String) e.getKey();
      if (name.equals(METADATA_KEY)) metadata = metadata(file, e.getValue());
      else entries.add(entry(file, name, e.getValue(), bufferBytes));
    }
    checkLayout(file, entries, bufferBytes);
    return new SafetensorsHeader(List.copyOf(entries), metadata);
  }

  private static SequencedMap<String, String> metadata(String file, Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new TensorFileException(file, "\"__metadata__\" must be an object of strings, but is " + kind(value));
    }
    SequencedMap<String, String> result = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getValue() instanceof String s)) {
        throw new TensorFileException(file, "\"__metadata__\" must map strings to strings, but "
            + show(e.getKey()) + " is " + kind(e.getValue()));
      }
      result.put((String) e.getKey(), s);
    }
    return result;
  }

  private static Entry entry(String file, String name, Object value, long bufferBytes) {
    String what = "tensor '" + name + "'";
    if (!(value instanceof Map<?, ?> info)) {
      throw new TensorFileException(file, what + " must be an object with dtype, shape and data_offsets, but is " + kind(value));
    }
    for (String field : List.of("dtype", "shape", "data_offsets")) {
      if (!info.containsKey(field)) throw new TensorFileException(file, what + " has no \"" + field + "\"");
    }
    for (Object field : info.keySet()) {
      if (!FIELDS.contains(field)) throw new TensorFileException(file, what + " has an unknown field " + show(field));
    }
    StorageType type = dtype(file, what, info.get("dtype"));
    long[] dims = longs(file, what, "shape", info.get("shape"), -1);
    long[] offsets = longs(file, what, "data_offsets", info.get("data_offsets"), 2);
    Shape shape;
    try {
      shape = Shape.ofLongs(dims);
    } catch (UserException e) {
      throw new TensorFileException(file, what + ": " + e.getMessage(), e);
    }
    Entry entry = new Entry(name, type, shape, offsets[0], offsets[1]);
    String range = "data_offsets [" + entry.begin + ", " + entry.end + "]";
    if (entry.begin > entry.end) throw new TensorFileException(file, what + " has " + range + ", whose begin is after its end");
    long need = (long) shape.size() * type.byteSize;
    if (entry.end - entry.begin != need) {
      throw new TensorFileException(file, what + " has " + range + " (" + (entry.end - entry.begin) + " bytes) but "
          + type + shape + " needs " + need + " bytes (" + shape.size() + " elements of " + type.byteSize + " bytes)");
    }
    if (entry.end > bufferBytes) {
      throw new TensorFileException(file, what + " has " + range + " but the data after the header is only "
          + bufferBytes + " bytes long; the file is truncated or the offsets are wrong");
    }
    return entry;
  }

  private static StorageType dtype(String file, String what, Object value) {
    if (value instanceof String s) {
      for (StorageType t : StorageType.values()) {
        if (t.name().equals(s)) return t;
      }
    }
    throw new TensorFileException(file, what + " has unsupported dtype " + show(value) + "; tnet reads " + SUPPORTED);
  }

  /** A JSON array of non-negative integers, of length {@code length} unless that is -1. */
  private static long[] longs(String file, String what, String field, Object value, int length) {
    String expected = length < 0 ? "an array of non-negative integers" : "an array of " + length + " non-negative integers";
    if (!(value instanceof List<?> list) || (length >= 0 && list.size() != length)) {
      throw new TensorFileException(file, what + " has " + field + " " + show(value) + ", expected " + expected);
    }
    long[] result = new long[list.size()];
    for (int i = 0; i < result.length; i++) {
      if (!(list.get(i) instanceof Long v) || v < 0) {
        throw new TensorFileException(file, what + " has " + field + " " + show(value) + ", expected " + expected);
      }
      result[i] = v;
    }
    return result;
  }

  /** Sorted by offsets, the ranges must follow each other exactly and end at the buffer's end. */
  private static void checkLayout(String file, List<Entry> entries, long bufferBytes) {
    List<Entry> sorted = entries.stream()
        .sorted(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end)).toList();
    Entry previous = null;
    long expected = 0;
    for (Entry e : sorted) {
      if (e.begin < expected) {
        throw new TensorFileException(file, e.describe() + " (data_offsets [" + e.begin + ", " + e.end + "]) overlaps "
            + previous.describe() + " (data_offsets [" + previous.begin + ", " + previous.end + "])");
      }
      if (e.begin > expected) {
        throw new TensorFileException(file, "the data has " + (e.begin - expected) + " unused bytes "
            + (previous == null ? "at its start" : "after " + previous.describe() + " (which ends at " + expected + ")")
            + ", before " + e.describe() + " (which begins at " + e.begin + ")");
      }
      previous = e;
      expected = e.end;
    }
    if (expected != bufferBytes) {
      throw new TensorFileException(file, "the data after the header is " + bufferBytes + " bytes long, but the tensors"
          + " end at byte " + expected + "; " + (bufferBytes - expected) + " bytes at the end belong to no tensor");
    }
  }

  /** A JSON value for a message, shortened if long. */
  private static String show(Object json) {
    String s = Json.write(json);
    return s.length() > 100 ? s.substring(0, 100) + "..." : s;
  }

  private static String kind(Object json) {
    return switch (json) {
      case null -> "null";
      case Map<?, ?> m -> "an object";
      case List<?> l -> "an array";
      case String s -> "a string";
      case Boolean b -> "a boolean";
      default -> "a number";
    };
  }
}
