package dev.tnet.runtime.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parser for the Python literals that appear in .npy headers (which numpy reads with
 * {@code ast.literal_eval}): dicts with string keys, tuples, lists, strings, integers (an old
 * Python 2 {@code L} suffix is allowed), {@code True}, {@code False} and {@code None}.
 *
 * <p>Dicts become {@code LinkedHashMap<String, Object>}, lists {@code List<Object>}, tuples
 * {@link Tuple}, integers {@code Long}, {@code None} null. Errors are {@link TensorFileException}s
 * naming the file and the header offset. Nesting is limited to {@link #MAX_DEPTH}.
 */
final class PyLiteral {
  static final int MAX_DEPTH = 16;

  /** A Python tuple, kept apart from lists because numpy requires the shape to be one. */
  record Tuple(List<Object> items) {}

  private final String text;
  private final String file;
  private int pos;

  private PyLiteral(String text, String file) {
    this.text = text;
    this.file = file;
  }

  /** Parses {@code text}, which must hold one literal and nothing but whitespace around it. */
  static Object parse(String text, String file) {
    PyLiteral p = new PyLiteral(text, file);
    Object v = p.value(0);
    p.skipWhitespace();
    if (p.pos < text.length()) throw p.error("unexpected " + p.describe() + " after the header dict");
    return v;
  }

  private Object value(int depth) {
    if (depth > MAX_DEPTH) throw error("nesting deeper than " + MAX_DEPTH + " levels");
    skipWhitespace();
    char c = peek();
    if (c == '{') return dict(depth + 1);
    if (c == '(' || c == '[') return sequence(depth + 1, c);
    if (c == '\'' || c == '"') return string();
    if (c == '-' || (c >= '0' && c <= '9')) return integer();
    if (Character.isLetter(c) || c == '_') return name();
    throw error("expected a value but found " + describe());
  }

  private Map<String, Object> dict(int depth) {
    pos++;
    Map<String, Object> map = new LinkedHashMap<>();
    while (true) {
      skipWhitespace();
      if (consume('}')) return map;
      int keyPos = pos;
      if (!(value(depth) instanceof String key)) throw errorAt(keyPos, "dict keys must be strings");
      if (map.containsKey(key)) throw errorAt(keyPos, "duplicate key '" + key + "'");
      skipWhitespace();
      if (!consume(':')) throw error("expected ':' but found " + describe());
      map.put(key, value(depth));
      skipWhitespace();
      if (consume('}')) return map;
      if (!consume(',')) throw error("expected ',' or '}' but found " + describe());
    }
  }

  /** A list, a tuple, or a parenthesised value ({@code (3)} is 3, {@code (3,)} a tuple). */
  private Object sequence(int depth, char open) {
    char close = open == '(' ? ')' : ']';
    pos++;
    List<Object> items = new ArrayList<>();
    boolean sawComma = false;
    while (true) {
      skipWhitespace();
      if (consume(close)) break;
      items.add(value(depth));
      skipWhitespace();
      if (consume(close)) break;
      if (!consume(',')) throw error("expected ',' or '" + close + "' but found " + describe());
      sawComma = true;
    }
    if (open == '[') return items;
    if (items.size() == 1 && !sawComma) return items.getFirst();
    return new Tuple(items);
  }

  private String string() {
    char quote = text.charAt(pos++);
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= text.length() || text.charAt(pos) == '\n') throw error("unterminated string");
      char c = text.charAt(pos++);
      if (c == quote) return sb.toString();
      if (c == '\\') {
        char e = peek();
        if (e != '\\' && e != '\'' && e != '"') throw error("unsupported escape in string");
        pos++;
        c = e;
      }
      sb.append(c);
    }
  }

  private Long integer() {
    int start = pos;
    if (peek() == '-') pos++;
    int digits = pos;
    while (peek() >= '0' && peek() <= '9') pos++;
    if (pos == digits) throw error("expected a digit after '-'");
    String s = text.substring(start, pos);
    if (peek() == 'L' || peek() == 'l') pos++;
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw errorAt(start, "integer " + s + " is too large");
    }
  }

  private Object name() {
    int start = pos;
    while (Character.isLetterOrDigit(peek()) || peek() == '_') pos++;
    String word = text.substring(start, pos);
    return switch (word) {
      case "True" -> Boolean.TRUE;
      case "False" -> Boolean.FALSE;
      case "None" -> null;
      default -> throw errorAt(start, "unexpected name '" + word + "' (only True, False and None are allowed)");
    };
  }

  private void skipWhitespace() {
    while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) pos++;
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : 0;
  }

  private boolean consume(char c) {
    if (peek() != c || pos >= text.length()) return false;
    pos++;
    return true;
  }

  private String describe() {
    if (pos >= text.length()) return "the end of the header";
    char c = text.charAt(pos);
    return c >= 0x20 && c < 0x7F ? "'" + c + "'" : String.format("U+%04X", (int) c);
  }

  private TensorFileException error(String problem) {
    return errorAt(pos, problem);
  }

  private TensorFileException errorAt(int at, String problem) {
    return new TensorFileException(file, "header is not a valid Python dict literal: " + problem
        + " at header character " + at + " in " + NpyHeader.quote(text));
  }
}
