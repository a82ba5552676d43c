package dev.tnet.frontend.parse;

import dev.tnet.frontend.ast.Ast;
import dev.tnet.frontend.diag.DiagnosticException;
import dev.tnet.frontend.source.SourceFile;
import dev.tnet.grammar.TnetLexer;
import dev.tnet.grammar.TnetParser;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;

/** Parses one source file into its {@link Ast.FileAst}, reporting every syntax error at once. */
public final class SourceParser {
  private SourceParser() {}

  public static Ast.FileAst parse(SourceFile file) {
    SyntaxErrors errors = new SyntaxErrors(file);
    TnetLexer lexer = new TnetLexer(CharStreams.fromString(file.text(), file.path()));
    lexer.removeErrorListeners();
    TnetParser parser = new TnetParser(new CommonTokenStream(lexer));
    parser.removeErrorListeners();
    parser.addErrorListener(errors);
    TnetParser.FileContext tree = parser.file();
    if (!errors.diagnostics().isEmpty()) throw new DiagnosticException(errors.diagnostics());
    return new AstBuilder(file).file(tree);
  }
}
