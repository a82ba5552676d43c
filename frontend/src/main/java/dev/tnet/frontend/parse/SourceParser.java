package dev.tnet.frontend.parse;

import dev.tnet.frontend.ast.Ast;
import dev.tnet.frontend.diag.Diagnostic;
import dev.tnet.frontend.diag.DiagnosticException;
import dev.tnet.frontend.source.SourceFile;
import dev.tnet.frontend.source.Span;
import dev.tnet.grammar.TnetLexer;
import dev.tnet.grammar.TnetParser;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;

/**
 * Parses one source file into its {@link Ast.FileAst}, reporting every syntax error at once.
 * Brackets nested deeper than {@link #MAX_NESTING} are refused before parsing: ANTLR's adaptive
 * prediction slows down sharply (and recursion overflows the stack) on pathological nesting.
 */
public final class SourceParser {
  /** Far beyond what a network needs; the parser stays fast well past it. */
  static final int MAX_NESTING = 256;

  private SourceParser() {}

  public static Ast.FileAst parse(SourceFile file) {
    SyntaxErrors errors = new SyntaxErrors(file);
    TnetLexer lexer = new TnetLexer(CharStreams.fromString(file.text(), file.path()));
    lexer.removeErrorListeners();
    CommonTokenStream tokens = new CommonTokenStream(lexer);
    tokens.fill();
    checkNesting(file, tokens.getTokens());
    TnetParser parser = new TnetParser(tokens);
    parser.removeErrorListeners();
    parser.addErrorListener(errors);
    TnetParser.FileContext tree = parser.file();
    if (!errors.diagnostics().isEmpty()) throw new DiagnosticException(errors.diagnostics());
    return new AstBuilder(file).file(tree);
  }

  private static void checkNesting(SourceFile file, List<Token> tokens) {
    int depth = 0;
    for (Token t : tokens) {
      switch (t.getType()) {
        case TnetLexer.LPAREN, TnetLexer.LBRACK, TnetLexer.LBRACE -> depth++;
        case TnetLexer.RPAREN, TnetLexer.RBRACK, TnetLexer.RBRACE -> depth--;
        default -> { }
      }
      if (depth > MAX_NESTING) {
        Span at = new Span(file, t.getLine(), t.getCharPositionInLine() + 1, 1);
        throw new DiagnosticException(List.of(Diagnostic.error(at, "brackets nested more than " + MAX_NESTING + " deep")));
      }
    }
  }
}
