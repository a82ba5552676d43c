package dev.tnet.frontend.print;

import dev.tnet.grammar.TnetLexer;
import dev.tnet.ir.op.AttrValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * The lexical side of printing {@code .tnet}: which words are identifiers, how a parameter name is
 * written as an {@code @} path, and how an attribute value is written as a literal that evaluates
 * back to an equal {@link AttrValue}.
 *
 * <p>Questions about tokens are answered by the language's own lexer, so a new keyword in the
 * grammar cannot silently make the printer emit something that does not parse.
 */
final class TnetSyntax {
  private TnetSyntax() {}

  /** True if {@code s} lexes as one identifier token (so it is not a keyword such as {@code model} or {@code None}). */
  static boolean isIdentifier(String s) {
    return isOneToken(s, TnetLexer.ID);
  }

  /**
   * {@code name} as the text of an {@code @} path ({@code layer1.0.conv1}), or empty if the
   * grammar cannot write it. A segment must be an identifier or a run of digits: an integer
   * segment is kept as text ({@code 007} stays {@code 007}), and two integer segments lex as one
   * float token ({@code 0.1}) that the parser splits again. Keywords are words too in a path
   * ({@code model.0.conv}). Empty segments and any other characters cannot be written.
   */
  static Optional<String> path(String name) {
    for (String segment : name.split("\\.", -1)) {
      if (!isWord(segment) && !isOneToken(segment, TnetLexer.INT)) return Optional.empty();
    }
    return Optional.of(name);
  }

  /** True if {@code s} lexes as one identifier or keyword token, what the grammar's {@code word} accepts. */
  private static boolean isWord(String s) {
    if (isIdentifier(s)) return true;
    TnetLexer lexer = new TnetLexer(CharStreams.fromString(s));
    lexer.removeErrorListeners();
    List<Token> tokens = new ArrayList<>(lexer.getAllTokens());
    return tokens.size() == 1 && tokens.get(0).getText().equals(s)
        && tokens.get(0).getType() >= TnetLexer.MODEL && tokens.get(0).getType() <= TnetLexer.NONE;
  }

  /** {@code s} made into an identifier: other characters become {@code _}, a keyword or leading digit gets a {@code _}. */
  static String sanitize(String s) {
    String id = s.replaceAll("[^A-Za-z0-9_]", "_");
    if (id.isEmpty() || Character.isDigit(id.charAt(0))) id = "_" + id;
    return isIdentifier(id) ? id : id + "_";
  }

  /**
   * A literal that the evaluator turns back into {@code v}: ints and floats exactly (a float
   * keeps its {@code .} or exponent so it stays a float; infinities and NaN are written as
   * arithmetic that overflows), strings with escapes, lists as tuples.
   */
  static String literal(AttrValue v) {
    return switch (v) {
      case AttrValue.IntV i -> i.value() == Long.MIN_VALUE ? "(" + (Long.MIN_VALUE + 1) + " - 1)" : Long.toString(i.value());
      case AttrValue.FloatV f -> floatLiteral(f.value());
      case AttrValue.BoolV b -> b.value() ? "True" : "False";
      case AttrValue.StrV s -> stringLiteral(s.value());
      case AttrValue.NoneV n -> "None";
      case AttrValue.ListV l -> l.items().stream().map(TnetSyntax::literal)
          .collect(Collectors.joining(", ", "(", l.items().size() == 1 ? ",)" : ")"));
    };
  }

  /**
   * {@code Double.toString} gives the shortest digits that read back exactly, always with a
   * {@code .} ({@code 1.0E-5} is a FLOAT token: digits on both sides of the dot, then an
   * exponent). {@code 1e400} overflows to infinity when the literal is read.
   */
  private static String floatLiteral(double d) {
    if (Double.isNaN(d)) return "(1e400 - 1e400)";
    if (Double.isInfinite(d)) return d > 0 ? "1e400" : "-1e400";
    return Double.toString(d);
  }

  /**
   * Single-quoted. The lexer forbids a raw line break but accepts a backslash before any
   * character, which the parser reads as that character ({@code \n} and {@code \t} excepted), so
   * a carriage return is written as a backslash and the raw character.
   */
  private static String stringLiteral(String s) {
    StringBuilder sb = new StringBuilder("'");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '\\', '\'', '\r' -> sb.append('\\').append(c);
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        default -> sb.append(c);
      }
    }
    return sb.append('\'').toString();
  }

  private static boolean isOneToken(String s, int type) {
    TnetLexer lexer = new TnetLexer(CharStreams.fromString(s));
    lexer.removeErrorListeners();
    List<Token> tokens = new ArrayList<>(lexer.getAllTokens());
    return tokens.size() == 1 && tokens.get(0).getType() == type && tokens.get(0).getText().equals(s);
  }
}
