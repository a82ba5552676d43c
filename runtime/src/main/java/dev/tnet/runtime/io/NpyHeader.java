package dev.tnet.runtime.io;

import dev.tnet.runtime.Shape;
import dev.tnet.runtime.UserException;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The dict in a .npy header: {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }}.
 * Invariant: {@code type} and {@code order} are what {@code descr} says, and {@code shape} passed
 * {@link Shape}'s validation.
 */
record NpyHeader(String descr, StorageType type, ByteOrder order, Shape shape) {
  /** numpy's own default limit on header length when reading ({@code max_header_size}). */
  static final int MAX_HEADER_BYTES = 10_000;

  private static final Map<String, StorageType> CODES = Map.of(
      "f2", StorageType.F16, "f4", StorageType.F32, "f8", StorageType.F64, "i4", StorageType.I32,
      "i8", StorageType.I64, "u1", StorageType.U8, "b1", StorageType.BOOL);
  private static final String SUPPORTED = "<f4, <f8, <f2, <i8, <i4 (or '>' for big-endian), |u1 and |b1";

  /** The number of data bytes the header promises. */
  long dataBytes() {
    return (long) shape.size() * type.byteSize;
  }

  /** Parses and checks the header text of {@code file}, as numpy's {@code read_array_header} does. */
  static NpyHeader parse(String file, String text) {
    if (!(PyLiteral.parse(text, file) instanceof Map<?, ?> dict)) {
      throw new TensorFileException(file, "header is not a Python dict: " + quote(text));
    }
    if (!dict.keySet().equals(Set.of("descr", "fortran_order", "shape"))) {
      throw new TensorFileException(file, "header must have exactly the keys 'descr', 'fortran_order' and 'shape', but has "
          + dict.keySet().stream().map(k -> "'" + k + "'").toList());
    }
    if (!(dict.get("descr") instanceof String descr)) {
      throw new TensorFileException(file, "descr " + repr(dict.get("descr")) + " is not supported (structured dtypes"
          + " are not); tnet reads " + SUPPORTED);
    }
    if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
      throw new TensorFileException(file, "fortran_order must be True or False, got " + repr(dict.get("fortran_order")));
    }
    if (fortran) {
      throw new TensorFileException(file, "the array is stored in Fortran (column-major) order, which tnet does not"
          + " read; save a C-ordered array instead, e.g. np.save(path, np.ascontiguousarray(a))");
    }
    StorageType type = descr.length() == 3 ? CODES.get(descr.substring(1)) : null;
    char orderChar = descr.isEmpty() ? 0 : descr.charAt(0);
    boolean orderOk = orderChar == '<' || orderChar == '>' || (orderChar == '|' && type != null && type.byteSize == 1);
    if (type == null || !orderOk) {
      throw new TensorFileException(file, "unsupported descr '" + descr + "'; tnet reads " + SUPPORTED);
    }
    ByteOrder order = orderChar == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    return new NpyHeader(descr, type, order, shape(file, dict.get("shape")));
  }

  private static Shape shape(String file, Object value) {
    if (!(value instanceof PyLiteral.Tuple(List<Object> items))) {
      throw new TensorFileException(file, "shape must be a tuple of integers, got " + repr(value));
    }
    long[] dims = new long[items.size()];
    for (int i = 0; i < dims.length; i++) {
      if (!(items.get(i) instanceof Long d) || d < 0) {
        throw new TensorFileException(file, "shape " + repr(value) + " must hold non-negative integers");
      }
      dims[i] = d;
    }
    try {
      return Shape.ofLongs(dims);
    } catch (UserException e) {
      throw new TensorFileException(file, e.getMessage(), e);
    }
  }

  /** numpy's header text for a C-ordered array, before padding: {@code {'descr': ..., }}. */
  static String format(String descr, Shape shape) {
    return "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + repr(shape) + ", }";
  }

  /** A shape as a Python tuple: {@code ()}, {@code (3,)}, {@code (2, 3)}. */
  static String repr(Shape shape) {
    return repr(new PyLiteral.Tuple(Arrays.stream(shape.dims()).<Object>mapToObj(d -> d).toList()));
  }

  /** A parsed value written back as Python would print it. */
  static String repr(Object value) {
    return switch (value) {
      case null -> "None";
      case Boolean b -> b ? "True" : "False";
      case String s -> "'" + s + "'";
      case PyLiteral.Tuple(List<Object> items) when items.size() == 1 -> "(" + repr(items.getFirst()) + ",)";
      case PyLiteral.Tuple(List<Object> items) -> join("(", items, ")");
      case List<?> items -> join("[", items, "]");
      case Map<?, ?> map -> "{" + String.join(", ", map.entrySet().stream()
          .map(e -> repr(e.getKey()) + ": " + repr(e.getValue())).toList()) + "}";
      default -> value.toString();
    };
  }

  private static String join(String open, List<?> items, String close) {
    StringJoiner j = new StringJoiner(", ", open, close);
    items.forEach(item -> j.add(repr(item)));
    return j.toString();
  }

  /** Header text for an error message: trailing padding dropped, long text shortened. */
  static String quote(String text) {
    String t = text.stripTrailing();
    String shown = t.length() > 200 ? t.substring(0, 200) + "..." : t;
    StringBuilder sb = new StringBuilder("\"");
    shown.chars().forEach(c -> sb.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c)
        : String.format(c < 0x100 ? "\\x%02x" : "\\u%04x", c)));
    return sb.append('"').toString();
  }
}
