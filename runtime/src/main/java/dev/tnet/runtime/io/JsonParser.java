package dev.tnet.runtime.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict recursive-descent parser for RFC 8259 JSON; see {@link Json#parse} for what it returns.
 * One instance parses one text. Invariant: {@code pos} never exceeds {@code text.length()}, and
 * nesting never exceeds {@link Json#MAX_DEPTH}, so the recursion is bounded.
 */
final class JsonParser {
  private final String text;
  private final String where;
  private int pos;

  JsonParser(String text, String where) {
    this.text = text;
    this.where = where;
  }

  Object document() {
    skipWhitespace();
    if (pos == text.length()) throw error("empty document, expected a JSON value", pos);
    Object value = value(0);
    skipWhitespace();
    if (pos < text.length()) throw error("unexpected " + describe(pos) + " after the JSON value", pos);
    return value;
  }

  private Object value(int depth) {
    char c = pos < text.length() ? text.charAt(pos) : 0;
    return switch (c) {
      case '{' -> object(depth + 1);
      case '[' -> array(depth + 1);
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", null);
      default -> {
        if (c == '-' || isDigit(c)) yield number();
        throw error("expected a JSON value but found " + describe(pos), pos);
      }
    };
  }

  private Map<String, Object> object(int depth) {
    checkDepth(depth);
    pos++;
    Map<String, Object> map = new LinkedHashMap<>();
    skipWhitespace();
    if (consume('}')) return map;
    while (true) {
      skipWhitespace();
      int keyPos = pos;
      if (peek() != '"') throw error("expected a string key but found " + describe(pos), pos);
      String key = string();
      if (map.containsKey(key)) throw error("duplicate key " + Json.write(key), keyPos);
      skipWhitespace();
      if (!consume(':')) throw error("expected ':' after key " + Json.write(key) + " but found " + describe(pos), pos);
      skipWhitespace();
      map.put(key, value(depth));
      skipWhitespace();
      if (consume('}')) return map;
      if (!consume(',')) throw error("expected ',' or '}' in object but found " + describe(pos), pos);
    }
  }

  private List<Object> array(int depth) {
    checkDepth(depth);
    pos++;
    List<Object> list = new ArrayList<>();
    skipWhitespace();
    if (consume(']')) return list;
    while (true) {
      skipWhitespace();
      list.add(value(depth));
      skipWhitespace();
      if (consume(']')) return list;
      if (!consume(',')) throw error("expected ',' or ']' in array but found " + describe(pos), pos);
    }
  }

  private String string() {
    int start = pos++;
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= text.length()) throw error("unterminated string", start);
      char c = text.charAt(pos);
      if (c == '"') {
        pos++;
        return sb.toString();
      } else if (c == '\\') {
        escape(sb);
      } else if (c < 0x20) {
        throw error("unescaped control character " + describe(pos) + " in string", pos);
      } else if (Character.isHighSurrogate(c) && pos + 1 < text.length() && Character.isLowSurrogate(text.charAt(pos + 1))) {
        sb.append(c).append(text.charAt(pos + 1));
        pos += 2;
      } else if (Character.isSurrogate(c)) {
        throw error("unpaired surrogate " + describe(pos) + " in string", pos);
      } else {
        sb.append(c);
        pos++;
      }
    }
  }

  /** Appends the escape at {@code pos} (a backslash); pairs surrogates, refuses lone ones. */
  private void escape(StringBuilder sb) {
    int start = pos;
    char e = pos + 1 < text.length() ? text.charAt(pos + 1) : 0;
    pos += 2;
    switch (e) {
      case '"', '\\', '/' -> sb.append(e);
      case 'b' -> sb.append('\b');
      case 'f' -> sb.append('\f');
      case 'n' -> sb.append('\n');
      case 'r' -> sb.append('\r');
      case 't' -> sb.append('\t');
      case 'u' -> {
        char u = hex4(start);
        if (Character.isLowSurrogate(u)) throw error("unpaired low surrogate \\u" + hex(u), start);
        if (Character.isHighSurrogate(u)) {
          int low = pos;
          if (!text.startsWith("\\u", pos)) throw error("unpaired high surrogate \\u" + hex(u), start);
          pos += 2;
          char v = hex4(low);
          if (!Character.isLowSurrogate(v)) throw error("unpaired high surrogate \\u" + hex(u), start);
          sb.append(u);
          u = v;
        }
        sb.append(u);
      }
      default -> throw error("invalid escape sequence '\\" + (e == 0 ? "" : String.valueOf(e)) + "'", start);
    }
  }

  private char hex4(int escapeStart) {
    if (pos + 4 > text.length()) throw error("\\u escape needs 4 hex digits", escapeStart);
    int v = 0;
    for (int i = 0; i < 4; i++) {
      char c = text.charAt(pos + i);
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) throw error("\\u escape needs 4 hex digits", escapeStart);
      v = v * 16 + d;
    }
    pos += 4;
    return (char) v;
  }

  private Object number() {
    int start = pos;
    consume('-');
    if (consume('0')) {
      if (isDigit(peek())) throw error("numbers may not have leading zeros", start);
    } else if (!digits()) {
      throw error("expected a digit after '-' but found " + describe(pos), pos);
    }
    boolean integral = true;
    if (consume('.')) {
      integral = false;
      if (!digits()) throw error("expected a digit after the decimal point but found " + describe(pos), pos);
    }
    if (peek() == 'e' || peek() == 'E') {
      integral = false;
      pos++;
      if (!consume('+')) consume('-');
      if (!digits()) throw error("expected a digit in the exponent but found " + describe(pos), pos);
    }
    String s = text.substring(start, pos);
    if (integral) {
      try {
        return Long.parseLong(s);
      } catch (NumberFormatException outsideLongRange) {
        // falls through: a huge integer is kept as a double, like JavaScript does
      }
    }
    double d = Double.parseDouble(s);
    if (Double.isInfinite(d)) throw error("number " + s + " is out of range", start);
    return d;
  }

  private boolean digits() {
    int start = pos;
    while (isDigit(peek())) pos++;
    return pos > start;
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, pos)) throw error("expected a JSON value but found " + describe(pos), pos);
    pos += word.length();
    return value;
  }

  private void checkDepth(int depth) {
    if (depth > Json.MAX_DEPTH) throw error("nesting deeper than " + Json.MAX_DEPTH + " levels", pos);
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
      pos++;
    }
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : 0;
  }

  private boolean consume(char c) {
    if (pos < text.length() && text.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static String hex(char c) {
    return String.format("%04X", (int) c);
  }

  private String describe(int at) {
    if (at >= text.length()) return "end of input";
    char c = text.charAt(at);
    return c >= 0x20 && c < 0x7F ? "'" + c + "'" : "U+" + hex(c);
  }

  private JsonException error(String problem, int at) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < at && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    int column = at - lineStart + 1;
    return new JsonException(where, problem + " at line " + line + ", column " + column + " (offset " + at + ")", at);
  }
}
