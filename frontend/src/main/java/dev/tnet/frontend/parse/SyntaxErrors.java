package dev.tnet.frontend.parse;

import dev.tnet.frontend.diag.Diagnostic;
import dev.tnet.frontend.source.SourceFile;
import dev.tnet.frontend.source.Span;
import dev.tnet.grammar.TnetLexer;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Turns ANTLR's syntax errors into plain-words diagnostics: {@code expected ')' but found 'x'}
 * instead of token-type names. Keeps at most one error per line, since recovery after the first
 * error on a line mostly produces noise.
 */
final class SyntaxErrors extends BaseErrorListener {
  private final SourceFile file;
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private int lastLine = -1;
  private int lastColumn = -1;

  SyntaxErrors(SourceFile file) {
    this.file = file;
  }

  List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  @Override
  public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int col, String msg, RecognitionException e) {
    // One error per line; and an error placed before the previous one is an echo of the parser's recovery.
    if (line == lastLine || line < lastLine || (line == lastLine && col < lastColumn)) return;
    lastLine = line;
    lastColumn = col;
    Token t = offending instanceof Token tok ? tok : null;
    int length = t == null || t.getType() == Token.EOF ? 1 : Math.max(1, t.getText().length());
    Span span = new Span(file, line, col + 1, length);
    String found = t == null ? describeChar(msg) : describe(t);
    String message;
    if (recognizer instanceof Parser p) {
      IntervalSet expected = p.getExpectedTokens();
      message = msg.startsWith("missing ") ? "missing " + expectedWords(expected) + " before " + found
          : "unexpected " + found + expectedClause(expected);
    } else {
      message = "unexpected character " + found;
    }
    diagnostics.add(Diagnostic.error(span, message));
  }

  private static String describeChar(String antlrMessage) {
    int q = antlrMessage.indexOf('\'');
    return q < 0 ? "character" : antlrMessage.substring(q);
  }

  static String describe(Token t) {
    return switch (t.getType()) {
      case Token.EOF -> "end of file";
      case TnetLexer.ID -> "name '" + t.getText() + "'";
      case TnetLexer.INT, TnetLexer.FLOAT -> "number " + t.getText();
      case TnetLexer.STRING -> "string " + t.getText();
      case TnetLexer.ERROR_CHAR -> "character '" + t.getText() + "'";
      default -> "'" + t.getText() + "'";
    };
  }

  private static String expectedClause(IntervalSet expected) {
    String words = expectedWords(expected);
    return words.isEmpty() ? "" : "; expected " + words;
  }

  /** A short phrase for what the parser could have taken: a few literal tokens, or a category. */
  static String expectedWords(IntervalSet expected) {
    if (expected == null || expected.isNil()) return "";
    List<Integer> types = expected.toList();
    boolean expression = types.contains(TnetLexer.INT) && types.contains(TnetLexer.ID) && types.contains(TnetLexer.LPAREN);
    if (expression) return types.contains(TnetLexer.RETURN) ? "a statement" : "an expression";
    if (types.contains(TnetLexer.MODEL) && types.contains(TnetLexer.BLOCK)) return "'model', 'block' or 'import'";
    List<String> words = new ArrayList<>();
    for (int type : types) words.add(word(type));
    if (words.size() > 5) return "one of " + String.join(" ", words.subList(0, 5)) + " ...";
    if (words.size() == 1) return words.get(0);
    return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
  }

  private static String word(int type) {
    if (type == Token.EOF) return "end of file";
    if (type == TnetLexer.ID) return "a name";
    if (type == TnetLexer.INT) return "an integer";
    if (type == TnetLexer.FLOAT) return "a number";
    if (type == TnetLexer.STRING) return "a string";
    String literal = TnetLexer.VOCABULARY.getLiteralName(type);
    return literal != null ? literal : TnetLexer.VOCABULARY.getDisplayName(type).toLowerCase(java.util.Locale.ROOT);
  }
}
