package dev.tnet.frontend.eval;

import dev.tnet.frontend.ast.Ast;
import dev.tnet.frontend.diag.Diagnostic;
import dev.tnet.frontend.diag.DiagnosticException;
import dev.tnet.frontend.parse.SourceParser;
import dev.tnet.frontend.source.SourceFile;
import dev.tnet.runtime.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed file with everything it imports: every model and block by name. Imports are resolved
 * relative to the importing file; an import cycle, a missing file or a name defined twice is an
 * error at the import or definition.
 */
public final class Program {
  final Map<String, Ast.Def> defs = new LinkedHashMap<>();
  private final java.util.Set<Path> loaded = new java.util.HashSet<>();
  /** Each loaded file's path as shown in messages: relative the way the user wrote it. */
  private final Map<Path, String> display = new java.util.HashMap<>();
  private final List<Ast.Def> ownModels = new ArrayList<>();

  private Program() {}

  /** Parses {@code path} and its imports. */
  public static Program load(Path path) {
    Program p = new Program();
    Ast.FileAst main = p.read(path, path.toString(), null, new ArrayList<>());
    for (Ast.Def d : main.defs()) if (d.isModel()) p.ownModels.add(d);
    return p;
  }

  /** Parses source text (no imports allowed but of absolute or cwd-relative paths). */
  public static Program fromSource(String displayPath, String text) {
    Program p = new Program();
    SourceFile file = new SourceFile(displayPath, text);
    Ast.FileAst ast = SourceParser.parse(file);
    Path self = Path.of(displayPath).toAbsolutePath().normalize();
    p.display.put(self, displayPath);
    p.add(ast, self, new ArrayList<>());
    for (Ast.Def d : ast.defs()) if (d.isModel()) p.ownModels.add(d);
    return p;
  }

  /** The models defined in the main file, in source order. */
  public List<String> models() {
    return ownModels.stream().map(Ast.Def::name).toList();
  }

  private Ast.FileAst read(Path path, String shownAs, Ast.Import from, List<Path> stack) {
    String text;
    try {
      text = Files.readString(path);
    } catch (IOException | java.io.UncheckedIOException e) {
      String why = e instanceof java.nio.file.NoSuchFileException ? "no such file" : "cannot read it (" + e.getMessage() + ")";
      if (from != null) throw new DiagnosticException(Diagnostic.error(from.span(), "cannot import '" + from.path() + "': " + why));
      throw new UserException(path + ": " + why);
    }
    Ast.FileAst ast = SourceParser.parse(new SourceFile(shownAs, text));
    Path self = path.toAbsolutePath().normalize();
    display.put(self, shownAs);
    add(ast, self, stack);
    return ast;
  }

  private void add(Ast.FileAst ast, Path self, List<Path> stack) {
    stack.add(self);
    loaded.add(self);
    for (Ast.Import imp : ast.imports()) {
      Path target = self.resolveSibling(imp.path()).normalize();
      String shown = Path.of(display.get(self)).resolveSibling(imp.path()).normalize().toString();
      if (stack.contains(target)) {
        List<String> chain = new ArrayList<>();
        for (Path q : stack.subList(stack.indexOf(target), stack.size())) chain.add(display.get(q));
        chain.add(shown);
        throw new DiagnosticException(Diagnostic.error(imp.span(), "import cycle: " + String.join(" -> ", chain)));
      }
      if (!loaded.contains(target)) read(target, shown, imp, stack);
    }
    stack.remove(stack.size() - 1);
    for (Ast.Def d : ast.defs()) {
      Ast.Def prev = defs.putIfAbsent(d.name(), d);
      if (prev != null && prev != d) {
        throw new DiagnosticException(Diagnostic.error(d.span(), "'" + d.name() + "' is defined twice",
            new Diagnostic.Note(prev.span(), "first defined here")));
      }
    }
  }

  Ast.Def def(String name) {
    return defs.get(name);
  }
}
