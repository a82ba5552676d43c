package dev.tnet.runtime.io;

import java.util.List;
import java.util.Map;

/**
 * Strict JSON (RFC 8259) reading and writing with no dependencies, for safetensors headers and
 * test manifests.
 *
 * <p>Values are represented as: object → {@code Map<String, Object>} (a {@code LinkedHashMap} in
 * document order), array → {@code List<Object>} (an {@code ArrayList}), string → {@code String},
 * number → {@code Long} if it is written without fraction or exponent and fits in a long, else
 * {@code Double}, {@code true}/{@code false} → {@code Boolean}, {@code null} → {@code null}.
 */
public final class Json {
  /** The deepest nesting of objects and arrays accepted (a top-level array is depth 1). */
  public static final int MAX_DEPTH = 64;

  private Json() {}

  /**
   * Parses one JSON value. Rejects, with a {@link JsonException} naming {@code whereForErrors},
   * the line and the column: trailing non-whitespace, duplicate object keys, nesting deeper than
   * {@link #MAX_DEPTH}, invalid or unpaired-surrogate escapes, raw control characters in strings,
   * leading zeros, non-finite numbers, comments and a byte order mark. The returned collections
   * are fresh and owned by the caller.
   */
  public static Object parse(String text, String whereForErrors) {
    return new JsonParser(text, whereForErrors).document();
  }

  /**
   * Serialises {@code value} compactly (no whitespace), in the representation {@link #parse}
   * returns; map keys are written in iteration order. Also accepts {@code Integer}, {@code Short},
   * {@code Byte} and {@code Float}. {@code parse(write(v))} equals {@code v} for every value
   * {@code parse} can return.
   *
   * @throws IllegalArgumentException for other types, non-string keys, NaN or infinite numbers,
   *     strings with unpaired surrogates, and nesting deeper than {@link #MAX_DEPTH}
   */
  public static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(value, sb, 0);
    return sb.toString();
  }

  private static void write(Object value, StringBuilder sb, int depth) {
    switch (value) {
      case null -> sb.append("null");
      case String s -> writeString(s, sb);
      case Boolean b -> sb.append(b);
      case Long l -> sb.append(l);
      case Integer i -> sb.append(i);
      case Short s -> sb.append(s);
      case Byte b -> sb.append(b);
      case Double d when !Double.isFinite(d) -> throw new IllegalArgumentException("JSON has no representation for " + d);
      case Float f when !Float.isFinite(f) -> throw new IllegalArgumentException("JSON has no representation for " + f);
      case Double d -> sb.append(d);
      case Float f -> sb.append(f);
      case Map<?, ?> map -> {
        checkDepth(depth + 1);
        sb.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
          if (!(e.getKey() instanceof String key)) {
            throw new IllegalArgumentException("JSON object keys must be strings, got " + e.getKey());
          }
          if (!first) sb.append(',');
          first = false;
          writeString(key, sb);
          sb.append(':');
          write(e.getValue(), sb, depth + 1);
        }
        sb.append('}');
      }
      case List<?> list -> {
        checkDepth(depth + 1);
        sb.append('[');
        for (int i = 0; i < list.size(); i++) {
          if (i > 0) sb.append(',');
          write(list.get(i), sb, depth + 1);
        }
        sb.append(']');
      }
      default -> throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
    }
  }

  private static void checkDepth(int depth) {
    if (depth > MAX_DEPTH) throw new IllegalArgumentException("JSON nesting deeper than " + MAX_DEPTH + " levels");
  }

  private static void writeString(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            sb.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            throw new IllegalArgumentException("string has an unpaired surrogate U+" + Integer.toHexString(c).toUpperCase() + " at index " + i);
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
