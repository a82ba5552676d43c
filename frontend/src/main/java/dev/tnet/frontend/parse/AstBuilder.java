package dev.tnet.frontend.parse;

import dev.tnet.frontend.ast.Ast;
import dev.tnet.frontend.ast.Ast.Expr;
import dev.tnet.frontend.ast.Ast.Stmt;
import dev.tnet.frontend.diag.Diagnostic;
import dev.tnet.frontend.diag.DiagnosticException;
import dev.tnet.frontend.source.SourceFile;
import dev.tnet.frontend.source.Span;
import dev.tnet.grammar.TnetParser;
import dev.tnet.grammar.TnetParser.*;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/** Builds the {@link Ast} from ANTLR's parse tree; reports bad literals (an integer too large). */
final class AstBuilder {
  private final SourceFile file;

  AstBuilder(SourceFile file) {
    this.file = file;
  }

  Ast.FileAst file(FileContext ctx) {
    List<Ast.Import> imports = new ArrayList<>();
    List<Ast.Def> defs = new ArrayList<>();
    for (DeclContext d : ctx.decl()) {
      switch (d) {
        case ImportDeclContext i -> imports.add(new Ast.Import(unquote(i.STRING().getText()), span(i)));
        case DefDeclContext def -> defs.add(def(def));
        default -> throw new dev.tnet.runtime.CompilerBug("unknown declaration " + d.getClass());
      }
    }
    return new Ast.FileAst(imports, defs);
  }

  private Ast.Def def(DefDeclContext d) {
    List<Ast.Param> params = new ArrayList<>();
    if (d.paramList() != null) {
      for (ParamContext p : d.paramList().param()) {
        Ast.TypeRef type = null;
        if (p.typeRef() != null) {
          TypeRefContext t = p.typeRef();
          type = new Ast.TypeRef(t.name.getText(), t.LBRACK() == null ? null : exprs(t.expr()), span(t));
        }
        params.add(new Ast.Param(p.name.getText(), type, p.expr() == null ? null : expr(p.expr()), span(p.name)));
      }
    }
    return new Ast.Def(d.kind.getType() == TnetParser.MODEL, d.name.getText(), params, body(d.body()), span(d.name));
  }

  private List<Stmt> body(BodyContext b) {
    return b.stmt().stream().map(this::stmt).toList();
  }

  private Stmt stmt(StmtContext s) {
    return switch (s) {
      case AssignStmtContext a -> new Ast.Assign(a.ID().stream().map(TerminalNode::getText).toList(), expr(a.expr()),
          span(a.ID(0).getSymbol()).to(span(a.ID(a.ID().size() - 1).getSymbol())));
      case ReturnStmtContext r -> new Ast.Return(r.returnItem().stream().map(i ->
          new Ast.ReturnItem(i.ID() == null ? null : i.ID().getText(), expr(i.expr()), span(i))).toList(), span(r.RETURN().getSymbol()));
      case IfStmtContext i -> {
        List<Expr> conditions = exprs(i.expr());
        List<List<Stmt>> branches = new ArrayList<>();
        for (int k = 0; k < conditions.size(); k++) branches.add(body(i.body(k)));
        List<Stmt> orElse = i.ELSE() == null ? List.of() : body(i.body(conditions.size()));
        yield new Ast.If(conditions, branches, orElse, span(i.IF().getSymbol()));
      }
      case ForStmtContext f -> new Ast.For(f.ID().getText(), expr(f.expr()), body(f.body()), span(f.FOR().getSymbol()));
      default -> throw new dev.tnet.runtime.CompilerBug("unknown statement " + s.getClass());
    };
  }

  private List<Expr> exprs(List<? extends ParserRuleContext> list) {
    List<Expr> r = new ArrayList<>();
    for (ParserRuleContext c : list) r.add(c instanceof ExprContext e ? expr(e) : arith((ArithContext) c));
    return r;
  }

  Expr expr(ExprContext e) {
    Expr value = pipe(e.pipe(0));
    if (e.IF() == null) return value;
    return new Ast.Ternary(pipe(e.pipe(1)), value, expr(e.expr()), span(e));
  }

  private Expr pipe(PipeContext p) {
    Expr head = arith(p.arith());
    if (p.stage().isEmpty()) return head;
    List<Ast.Stage> stages = new ArrayList<>();
    for (StageContext s : p.stage()) {
      List<Ast.Arg> args = s.argList() == null ? List.of() : args(s.argList());
      Ast.Call call = new Ast.Call(s.ID().getText(), args, naming(s.naming()), span(s.ID().getSymbol()).to(spanEnd(s)));
      int repeat = s.INT() == null ? 1 : (int) intValue(s.INT().getSymbol());
      stages.add(new Ast.Stage(call, repeat, span(s)));
    }
    return new Ast.Pipeline(head, stages, span(p));
  }

  private Expr arith(ArithContext a) {
    return switch (a) {
      case BinaryExprContext b -> new Ast.Binary(b.op.getText(), arith(b.arith(0)), arith(b.arith(1)), span(b.op));
      case UnaryExprContext u -> new Ast.Unary(u.op.getText(), arith(u.arith()), span(u));
      case CallExprContext c -> new Ast.Call(c.ID().getText(), c.argList() == null ? List.of() : args(c.argList()),
          naming(c.naming()), span(c.ID().getSymbol()).to(span(c.RPAREN().getSymbol())));
      case IndexExprContext i -> new Ast.Index(arith(i.arith()), expr(i.expr()), span(i));
      case PrimaryExprContext p -> primary(p.primary());
      default -> throw new dev.tnet.runtime.CompilerBug("unknown expression " + a.getClass());
    };
  }

  private Expr primary(PrimaryContext p) {
    Span s = span(p);
    return switch (p) {
      case IntLitContext i -> new Ast.IntLit(intValue(i.INT().getSymbol()), s);
      case FloatLitContext f -> new Ast.FloatLit(Double.parseDouble(f.FLOAT().getText()), s);
      case StringLitContext str -> new Ast.StrLit(unquote(str.STRING().getText()), s);
      case BoolLitContext b -> new Ast.BoolLit(b.TRUE() != null, s);
      case NoneLitContext n -> new Ast.NoneLit(s);
      case NameRefContext n -> new Ast.Name(n.ID().getText(), s);
      case ParensContext par -> expr(par.expr());
      case TupleLitContext t -> new Ast.ListLit(exprs(t.expr()), true, s);
      case ListLitContext l -> new Ast.ListLit(exprs(l.expr()), false, s);
      default -> throw new dev.tnet.runtime.CompilerBug("unknown literal " + p.getClass());
    };
  }

  private List<Ast.Arg> args(ArgListContext list) {
    return list.arg().stream().map(a -> new Ast.Arg(a.ID() == null ? null : a.ID().getText(), expr(a.expr()), span(a))).toList();
  }

  private Ast.Naming naming(NamingContext n) {
    return switch (n) {
      case null -> null;
      case PathNamingContext p -> new Ast.PathNaming(path(p.namePath()), span(p));
      case RenameNamingContext r -> new Ast.RenameNaming(r.ID().stream().map(TerminalNode::getText).toList(),
          r.namePath().stream().map(this::path).toList(), span(r));
      default -> throw new dev.tnet.runtime.CompilerBug("unknown naming " + n.getClass());
    };
  }

  /** Path segments; a FLOAT token such as {@code 0.1} (lexed from {@code features.0.1}) splits in two. */
  private List<Ast.NamePart> path(NamePathContext p) {
    List<Ast.NamePart> parts = new ArrayList<>();
    for (NamePartContext part : p.namePart()) {
      List<Expr> interps = exprs(part.expr());
      if (part.FLOAT() != null) {
        String text = part.FLOAT().getText();
        if (!text.matches("[0-9]+\\.[0-9]+")) {
          throw new DiagnosticException(Diagnostic.error(span(part.FLOAT().getSymbol()), "'" + text + "' is not a layer name"));
        }
        String[] two = text.split("\\.");
        parts.add(new Ast.NamePart(two[0], List.of()));
        parts.add(new Ast.NamePart(two[1], interps));
      } else {
        String lead = part.word() != null ? part.word().getText() : part.INT() != null ? part.INT().getText() : "";
        parts.add(new Ast.NamePart(lead, interps));
      }
    }
    return parts;
  }

  private long intValue(Token t) {
    try {
      return Long.parseLong(t.getText());
    } catch (NumberFormatException e) {
      throw new DiagnosticException(Diagnostic.error(span(t), "integer " + t.getText() + " is too large"));
    }
  }

  private static String unquote(String s) {
    String body = s.substring(1, s.length() - 1);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\' && i + 1 < body.length()) {
        char n = body.charAt(++i);
        sb.append(switch (n) {
          case 'n' -> '\n';
          case 't' -> '\t';
          default -> n;
        });
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private Span span(Token t) {
    return new Span(file, t.getLine(), t.getCharPositionInLine() + 1, t.getText() == null ? 1 : t.getText().length());
  }

  /** The span of a rule: its first token, extended to its last when on the same line. */
  private Span span(ParserRuleContext ctx) {
    Span start = span(ctx.getStart());
    Token stop = ctx.getStop();
    if (stop == null || stop.getLine() != ctx.getStart().getLine()) return start;
    return new Span(file, start.line(), start.column(), stop.getStopIndex() - ctx.getStart().getStartIndex() + 1);
  }

  private Span spanEnd(StageContext s) {
    return s.RPAREN() != null ? span(s.RPAREN().getSymbol()) : span(s.ID().getSymbol());
  }
}
