package dev.tnet.onnx.write;

import java.util.List;
import java.util.function.Function;

/**
 * Emits int64 arithmetic for a symbolic {@link dev.tnet.ir.graph.Dim} from its printed normal form
 * ({@code 3*N*H+2}, {@code (H+1)/2}, {@code -N+5}): sum of signed terms, each a product of integers,
 * symbols and parenthesised floor divisions by a constant.
 */
final class DimText {
  private final String text;
  private final Function<String, String> symbol;
  private final OnnxGraphBuilder b;
  private int pos;

  DimText(String text, Function<String, String> symbol, OnnxGraphBuilder b) {
    this.text = text;
    this.symbol = symbol;
    this.b = b;
  }

  /** sum := ['-'] term (('+' | '-') term)* */
  String sum() {
    String acc = null;
    boolean negative = false;
    if (peek() == '-') {
      pos++;
      negative = true;
    }
    while (true) {
      String t = term();
      if (negative) t = b.op("Neg", t);
      acc = acc == null ? t : b.op("Add", List.of(acc, t));
      char c = peek();
      if (c != '+' && c != '-') return acc;
      pos++;
      negative = c == '-';
    }
  }

  /** term := factor ('*' factor)* */
  private String term() {
    String acc = factor();
    while (peek() == '*') {
      pos++;
      acc = b.op("Mul", List.of(acc, factor()));
    }
    return acc;
  }

  /** factor := integer | symbol | '(' sum ')' '/' integer */
  private String factor() {
    char c = peek();
    if (c == '(') {
      pos++;
      String inner = sum();
      expect(')');
      expect('/');
      return b.op("Div", List.of(inner, b.ints(integer())));
    }
    if (Character.isDigit(c)) return b.ints(integer());
    int start = pos;
    while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) pos++;
    if (start == pos) throw new dev.tnet.runtime.CompilerBug("cannot read dim " + text + " at " + start);
    return symbol.apply(text.substring(start, pos));
  }

  private long integer() {
    int start = pos;
    while (pos < text.length() && Character.isDigit(text.charAt(pos))) pos++;
    return Long.parseLong(text.substring(start, pos));
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void expect(char c) {
    if (peek() != c) throw new dev.tnet.runtime.CompilerBug("cannot read dim " + text + ": expected " + c + " at " + pos);
    pos++;
  }
}
