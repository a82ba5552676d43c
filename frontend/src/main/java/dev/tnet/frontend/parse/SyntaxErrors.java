package dev.tnet.frontend.parse;

import dev.tnet.frontend.diag.Diagnostic;
import dev.tnet.frontend.source.SourceFile;
import dev.tnet.frontend.source.Span;
import dev.tnet.grammar.TnetLexer;
import dev.tnet.grammar.TnetParser;
import dev.tnet.ir.op.Suggestions;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Turns ANTLR's syntax errors into plain-words diagnostics: {@code missing ')' at the end of the
 * line} instead of token-type names, with a note at the unclosed bracket, and hints for the usual
 * slips (a keyword used as a name, {@code =} for {@code ==}, an unterminated string, a doubled
 * comma, a missing comma).
 *
 * <p>Several errors are reported in one run, without the noise of ANTLR's default recovery, which
 * resynchronises at the first plausible token, often a name in the middle of the broken line
 * ({@code @conv1}) that it takes for the start of the next statement. So on the first error this
 * listener parses the file again with {@link Recovery}, which resynchronises only at the start of
 * a line (one statement per line) and skips bracketed groups whole, and reports that parse's
 * errors instead of the first parse's (a file with errors is parsed twice; a good file once).
 * Keeps at most one error per line, since what follows an error on its line is mostly noise.
 */
final class SyntaxErrors extends BaseErrorListener {
  private final SourceFile file;
  /** Whether this listener belongs to the caller's parse, which is re-parsed on the first error. */
  private final boolean reparseOnError;
  private boolean replaced;
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private int lastLine = -1;

  SyntaxErrors(SourceFile file) {
    this(file, true);
  }

  private SyntaxErrors(SourceFile file, boolean reparseOnError) {
    this.file = file;
    this.reparseOnError = reparseOnError;
  }

  List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  /** Parses {@code file} with {@link Recovery} and returns its syntax errors. */
  static List<Diagnostic> parseWithRecovery(SourceFile file) {
    SyntaxErrors errors = new SyntaxErrors(file, false);
    TnetLexer lexer = new TnetLexer(CharStreams.fromString(file.text(), file.path()));
    lexer.removeErrorListeners();
    TnetParser parser = new TnetParser(new CommonTokenStream(lexer));
    parser.removeErrorListeners();
    parser.addErrorListener(errors);
    parser.setErrorHandler(new Recovery());
    parser.file();
    return errors.diagnostics;
  }

  @Override
  public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int col, String msg, RecognitionException e) {
    if (replaced) return;
    Token t = offending instanceof Token tok ? tok : null;
    Diagnostic d = recognizer instanceof Parser p && t != null ? parserError(p, t, msg) : null;
    if (d == null) {
      int length = t == null || t.getType() == Token.EOF ? 1 : Math.max(1, t.getText().length());
      d = Diagnostic.error(new Span(file, line, col + 1, length), "unexpected " + (t == null ? describeChar(msg) : describe(t)));
    }
    if (reparseOnError && recognizer instanceof Parser p && !(p.getErrorHandler() instanceof Recovery)) {
      replaced = true;
      List<Diagnostic> again = parseWithRecovery(file);
      diagnostics.addAll(again.isEmpty() ? List.of(d) : again);
      return;
    }
    // One error per line; an error before the previous one is an echo of the parser's recovery.
    if (d.span().line() <= lastLine) return;
    lastLine = d.span().line();
    diagnostics.add(d);
  }

  private Diagnostic parserError(Parser p, Token t, String msg) {
    TokenStream tokens = p.getInputStream();
    IntervalSet expected = expectedAt(p);
    Token prev = previous(tokens, t);
    Token next = t.getType() == Token.EOF ? t : tokens.get(Math.min(t.getTokenIndex() + 1, tokens.size() - 1));
    int type = t.getType();
    Span at = span(t);
    boolean lineEnded = prev != null && (type == Token.EOF || t.getLine() > prev.getLine());
    Token opener = unclosedOpener(tokens, t);
    int closer = opener == null ? -1 : closerOf(opener.getType());

    if (type == TnetLexer.ERROR_CHAR) return badCharacter(t, next);
    if (isKeyword(type) && !expected.contains(type) && usedAsName(t, next, expected)) {
      return Diagnostic.error(at, "'" + t.getText() + "' is a keyword and cannot be used as a name");
    }
    // A bracket left open: "missing ')' at the end of the line", with a note at the '(' when it is on another line.
    boolean closerMissing = closer > 0 && expected.contains(closer)
        && (msg.startsWith("missing " + literal(closer)) || type == Token.EOF
            || lineEnded && (closer != TnetLexer.RBRACE || startsDecl(type) || type == TnetLexer.ELIF || type == TnetLexer.ELSE));
    if (closerMissing) {
      Span where = lineEnded ? after(prev) : at;
      String message = "missing " + literal(closer)
          + (type == Token.EOF ? " at the end of the file" : lineEnded ? " at the end of the line" : " before " + describe(t));
      return withOpenerNote(where, message, opener);
    }
    if (prev != null && prev.getType() == TnetLexer.STAR && expected.size() == 1 && expected.contains(TnetLexer.INT)) {
      return Diagnostic.error(lineEnded ? after(prev) : at, "expected how many times to repeat the stage after '*' (stage * 2)");
    }
    if (msg.startsWith("missing ")) {
      return Diagnostic.error(lineEnded ? after(prev) : at, "missing " + expectedWords(expected)
          + (lineEnded ? " at the end of the line" : " before " + describe(t)));
    }
    if (type == Token.EOF) {
      return Diagnostic.error(prev == null ? at : after(prev), "unexpected end of file" + expectedClause(expected));
    }
    if (isCloser(type) && !expected.contains(type)) {
      if (opener == null || opener.getType() == TnetLexer.LBRACE && type != TnetLexer.RBRACE) {
        return Diagnostic.error(at, "unmatched " + literal(type));
      }
      if (closer != type && lineEnded) return withOpenerNote(after(prev), "missing " + literal(closer) + " at the end of the line", opener);
      if (closer != type) return withOpenerNote(at, literal(type) + " does not match " + literal(opener.getType()), opener);
    }
    Diagnostic statement = misplacedStatement(p, tokens, t, expected);
    if (statement != null) return statement;
    if (type == TnetLexer.ASSIGN && !expected.contains(TnetLexer.ASSIGN)
        && (expected.contains(TnetLexer.LBRACE) || expected.contains(TnetLexer.ELSE))) {
      return Diagnostic.error(at, "unexpected '=' in a condition; to compare, write '=='");
    }
    if (type == TnetLexer.COLON && expected.contains(TnetLexer.LBRACE)) {
      return Diagnostic.error(at, "unexpected ':'; expected '{' (a body is written in braces, { ... })");
    }
    if (isArithmetic(type) && next.getType() == TnetLexer.ASSIGN && adjacent(t, next) && expected.contains(TnetLexer.ASSIGN)) {
      String name = prev == null ? "x" : prev.getText();
      return Diagnostic.error(at.to(span(next)), "'" + t.getText() + "=' is not supported; write " + name + " = " + name + " "
          + t.getText() + " ...");
    }
    if (type == TnetLexer.COMMA && prev != null && (prev.getType() == TnetLexer.COMMA || isOpener(prev.getType()))) {
      String what = opener != null && opener.getType() == TnetLexer.LPAREN && isName(previous(tokens, opener)) ? "an argument" : "a value";
      return Diagnostic.error(at, "unexpected ','; expected " + what + (opener == null ? "" : " or " + literal(closer)));
    }
    if (type == TnetLexer.LPAREN && isName(prev) && expected.contains(TnetLexer.ASSIGN) && startsLine(tokens, prev)) {
      return Diagnostic.error(span(prev).to(at), "the result of " + prev.getText() + "(...) must be assigned to a name: y = "
          + prev.getText() + "(...)");
    }
    if (!lineEnded && opener != null && opener.getType() != TnetLexer.LBRACE && endsValue(prev) && startsValue(type)) {
      return Diagnostic.error(at, "missing ',' before " + describe(t));
    }
    if (prev != null && prev.getType() == TnetLexer.PIPE && !expected.contains(type)) {
      return Diagnostic.error(at, "expected an op or block after '|>', found " + describe(t));
    }
    return Diagnostic.error(at, "unexpected " + describe(t) + expectedClause(expected));
  }

  /**
   * A name where a statement or declaration should start, followed by something else: a misspelt
   * keyword ({@code retrun x}, {@code modle net(...)}), or a name in the middle of a line that the
   * parser took for the start of a new statement ({@code |> r elu |>}).
   */
  private Diagnostic misplacedStatement(Parser p, TokenStream tokens, Token t, IntervalSet expected) {
    if (t.getType() != TnetLexer.ID && expected.contains(TnetLexer.MODEL) && expected.contains(TnetLexer.BLOCK)) return null;
    if (expected.contains(TnetLexer.MODEL) && expected.contains(TnetLexer.BLOCK)) {
      String hint = Suggestions.didYouMean(t.getText(), List.of("model", "block", "import"));
      return hint.isEmpty() ? null : Diagnostic.error(span(t), "unexpected name '" + t.getText() + "'" + hint);
    }
    if (!(p.getContext() instanceof TnetParser.StmtContext) || !expected.contains(TnetLexer.ASSIGN) || expected.contains(t.getType())) return null;
    int i = t.getTokenIndex() - 1;
    if (i < 0 || tokens.get(i).getType() != TnetLexer.ID) return null;
    while (i >= 2 && tokens.get(i - 1).getType() == TnetLexer.COMMA && tokens.get(i - 2).getType() == TnetLexer.ID) i -= 2;
    Token start = tokens.get(i);
    if (!startsLine(tokens, start)) return Diagnostic.error(span(start), "unexpected name '" + start.getText() + "'");
    String hint = Suggestions.didYouMean(start.getText(), List.of("return", "if", "elif", "else", "for"));
    return hint.isEmpty() ? null : Diagnostic.error(span(start), "unexpected name '" + start.getText() + "'" + hint);
  }

  private Diagnostic withOpenerNote(Span where, String message, Token opener) {
    if (opener.getLine() == where.line()) return Diagnostic.error(where, message);
    return Diagnostic.error(where, message, new Diagnostic.Note(span(opener), "to match this " + literal(opener.getType())));
  }

  /**
   * Whether a keyword stands where a name is meant: where the parser takes a name and the keyword
   * ends its line or is followed by what follows a name ({@code block = ...}), or is declared as
   * a parameter ({@code in: int}).
   */
  private static boolean usedAsName(Token t, Token next, IntervalSet expected) {
    int n = next.getType();
    if (expected.contains(TnetLexer.ID) && (followsName(n) || next.getLine() > t.getLine())) return true;
    return (n == TnetLexer.COLON || n == TnetLexer.ASSIGN) && t.getType() != TnetLexer.ELSE && t.getType() != TnetLexer.ELIF;
  }

  private static boolean isArithmetic(int type) {
    return type == TnetLexer.PLUS || type == TnetLexer.MINUS || type == TnetLexer.STAR || type == TnetLexer.SLASH
        || type == TnetLexer.DSLASH || type == TnetLexer.PERCENT || type == TnetLexer.POW;
  }

  private static boolean adjacent(Token a, Token b) {
    return a.getStopIndex() + 1 == b.getStartIndex();
  }

  /** The token's literal in quotes: {@code ')'}. */
  private static String literal(int type) {
    return TnetLexer.VOCABULARY.getLiteralName(type);
  }

  /** {@code '} or {@code "} starts a string that does not end on its line; other characters are not in the language. */
  private Diagnostic badCharacter(Token t, Token next) {
    String c = t.getText();
    if (c.equals("'") || c.equals("\"")) {
      int rest = file.line(t.getLine()).length() - t.getCharPositionInLine();
      return Diagnostic.error(new Span(file, t.getLine(), t.getCharPositionInLine() + 1, rest),
          "unterminated string: the closing " + c + " is missing");
    }
    boolean doubled = next != t && next.getText().equals(c) && adjacent(t, next);
    String hint = switch (c) {
      case "&" -> "; for logical and, write 'and'";
      case "|" -> doubled ? "; for logical or, write 'or'" : "; for logical or, write 'or' (a pipeline is '|>')";
      case "!" -> "; for logical not, write 'not' ('!=' is not-equal)";
      default -> "";
    };
    if (doubled && !hint.isEmpty()) return Diagnostic.error(span(t).to(span(next)), "unexpected '" + c + c + "'" + hint);
    return Diagnostic.error(span(t), "unexpected character " + describeCharacter(c) + hint);
  }

  private static String describeCharacter(String c) {
    if (c.isEmpty()) return "";
    int cp = c.codePointAt(0);
    if (Character.isISOControl(cp) || Character.isWhitespace(cp)) return String.format("U+%04X", cp);
    return "'" + c + "'";
  }

  /** What the parser could take at the error; ANTLR's set, or the current rule's when the state has none. */
  private static IntervalSet expectedAt(Parser p) {
    try {
      return p.getExpectedTokens();
    } catch (IllegalArgumentException e) {
      return new IntervalSet();
    }
  }

  /** The innermost '(' '[' or '{' before {@code t} that is not closed before it. */
  private static Token unclosedOpener(TokenStream tokens, Token t) {
    int depth = 0;
    for (int i = t.getTokenIndex() - 1; i >= 0; i--) {
      int type = tokens.get(i).getType();
      if (isCloser(type)) {
        depth++;
      } else if (isOpener(type)) {
        if (depth == 0) return tokens.get(i);
        depth--;
      }
    }
    return null;
  }

  private static Token previous(TokenStream tokens, Token t) {
    return t == null || t.getTokenIndex() <= 0 ? null : tokens.get(t.getTokenIndex() - 1);
  }

  static boolean startsLine(TokenStream tokens, Token t) {
    Token prev = previous(tokens, t);
    return prev == null || prev.getLine() < t.getLine();
  }

  private static boolean isName(Token t) {
    return t != null && t.getType() == TnetLexer.ID;
  }

  static boolean isOpener(int type) {
    return type == TnetLexer.LPAREN || type == TnetLexer.LBRACK || type == TnetLexer.LBRACE;
  }

  static boolean isCloser(int type) {
    return type == TnetLexer.RPAREN || type == TnetLexer.RBRACK || type == TnetLexer.RBRACE;
  }

  private static int closerOf(int opener) {
    return opener == TnetLexer.LPAREN ? TnetLexer.RPAREN : opener == TnetLexer.LBRACK ? TnetLexer.RBRACK : TnetLexer.RBRACE;
  }

  /** 'model', 'block' or 'import': what starts a declaration. */
  static boolean startsDecl(int type) {
    return type == TnetLexer.MODEL || type == TnetLexer.BLOCK || type == TnetLexer.IMPORT;
  }

  private static boolean isKeyword(int type) {
    return type >= TnetLexer.MODEL && type <= TnetLexer.NONE;
  }

  /** A token after a name that shows the name is used as a variable or parameter. */
  private static boolean followsName(int next) {
    return next == TnetLexer.ASSIGN || next == TnetLexer.COMMA || next == TnetLexer.COLON || next == TnetLexer.RPAREN
        || next == TnetLexer.RBRACK || next == TnetLexer.PIPE || next == TnetLexer.PLUS || next == TnetLexer.STAR
        || next == TnetLexer.SLASH || next == TnetLexer.LBRACK;
  }

  private static boolean endsValue(Token t) {
    if (t == null) return false;
    int type = t.getType();
    return type == TnetLexer.ID || type == TnetLexer.INT || type == TnetLexer.FLOAT || type == TnetLexer.STRING
        || type == TnetLexer.RPAREN || type == TnetLexer.RBRACK || type == TnetLexer.TRUE || type == TnetLexer.FALSE
        || type == TnetLexer.NONE;
  }

  private static boolean startsValue(int type) {
    return type == TnetLexer.ID || type == TnetLexer.INT || type == TnetLexer.FLOAT || type == TnetLexer.STRING
        || type == TnetLexer.LBRACK || type == TnetLexer.TRUE || type == TnetLexer.FALSE || type == TnetLexer.NONE;
  }

  private Span span(Token t) {
    int length = t.getType() == Token.EOF ? 1 : Math.max(1, t.getText().length());
    return new Span(file, t.getLine(), t.getCharPositionInLine() + 1, length);
  }

  /** Just after {@code t}: where a token missing at the end of a line belongs. */
  private Span after(Token t) {
    return new Span(file, t.getLine(), t.getCharPositionInLine() + t.getText().length() + 1, 1);
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
    boolean statement = types.contains(TnetLexer.RETURN) && types.contains(TnetLexer.IF) && types.contains(TnetLexer.ID);
    if (statement) return types.contains(TnetLexer.RBRACE) ? "a statement or '}'" : "a statement";
    boolean expression = types.contains(TnetLexer.INT) && types.contains(TnetLexer.ID) && types.contains(TnetLexer.LPAREN);
    if (expression) return "an expression";
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

  /**
   * ANTLR's recovery, resynchronising only at a token that starts a line (statements are one per
   * line; a wrapped expression continues with '|>' or an operator, which the follow sets accept)
   * or at a '}' closing the current block, and skipping '(...)', '[...]' and '{...}' groups whole
   * so that the braces stay balanced (an {@code if x = 1 { ... }} skips its body).
   */
  static final class Recovery extends DefaultErrorStrategy {
    /**
     * As ANTLR's, but a token that cannot start the next repetition of a {@code stmt*} or
     * {@code decl*} loop is reported and skipped to the next line instead of failing the whole
     * enclosing rule (which would skip the rest of the block).
     */
    @Override
    public void sync(Parser recognizer) throws RecognitionException {
      ATNState s = recognizer.getInterpreter().atn.states.get(recognizer.getState());
      if (inErrorRecoveryMode(recognizer) || s.getStateType() != ATNState.STAR_LOOP_ENTRY) {
        super.sync(recognizer);
        return;
      }
      IntervalSet next = recognizer.getATN().nextTokens(s);
      int la = recognizer.getInputStream().LA(1);
      if (next.contains(la) || next.contains(Token.EPSILON)) {
        super.sync(recognizer);
        return;
      }
      if (singleTokenDeletion(recognizer) != null) return;
      reportUnwantedToken(recognizer);
      consumeUntil(recognizer, recognizer.getExpectedTokens().or(getErrorRecoverySet(recognizer)));
    }

    @Override
    protected void consumeUntil(Parser recognizer, IntervalSet set) {
      TokenStream in = recognizer.getInputStream();
      int depth = 0;
      while (true) {
        Token t = in.LT(1);
        int type = t.getType();
        if (type == Token.EOF) return;
        if (depth == 0 && set.contains(type) && (type == TnetLexer.RBRACE || resyncPoint(in, t))) return;
        if (isOpener(type)) depth++;
        else if (isCloser(type) && depth > 0) depth--;
        recognizer.consume();
      }
    }

    /** The first token of a line; a declaration keyword only in column 1, as declarations are written. */
    private static boolean resyncPoint(TokenStream in, Token t) {
      return startsLine(in, t) && (!startsDecl(t.getType()) || t.getCharPositionInLine() == 0);
    }
  }
}
