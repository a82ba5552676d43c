package dev.tnet.frontend.ast;

import dev.tnet.frontend.source.Span;
import java.util.List;

/**
 * The syntax tree of a {@code .tnet} file: immutable records, each with the {@link Span} that
 * diagnostics point at. Built from the ANTLR parse tree by {@code AstBuilder}; evaluated by
 * {@code Evaluator}.
 */
public final class Ast {
  private Ast() {}

  /** A whole file: its imports and its model and block definitions, in source order. */
  public record FileAst(List<Import> imports, List<Def> defs) {}

  public record Import(String path, Span span) {}

  /** A {@code model} or a {@code block}. */
  public record Def(boolean isModel, String name, List<Param> params, List<Stmt> body, Span span) {}

  /** A parameter: {@code x}, {@code planes: int = 64}, {@code image: f32[N, 3, 32, 32]}. */
  public record Param(String name, TypeRef type, Expr defaultValue, Span span) {}

  /** {@code int}, {@code list}, or a tensor type {@code f32[N, 3]} (then {@code dims != null}). */
  public record TypeRef(String name, List<Expr> dims, Span span) {}

  public sealed interface Stmt {
    Span span();
  }

  public record Assign(List<String> targets, Expr value, Span span) implements Stmt {}

  public record Return(List<ReturnItem> items, Span span) implements Stmt {}

  /** {@code name} is null when the output takes the expression's variable name. */
  public record ReturnItem(String name, Expr value, Span span) {}

  public record If(List<Expr> conditions, List<List<Stmt>> branches, List<Stmt> orElse, Span span) implements Stmt {}

  public record For(String variable, Expr iterable, List<Stmt> body, Span span) implements Stmt {}

  public sealed interface Expr {
    Span span();
  }

  public record IntLit(long value, Span span) implements Expr {}

  public record FloatLit(double value, Span span) implements Expr {}

  public record StrLit(String value, Span span) implements Expr {}

  public record BoolLit(boolean value, Span span) implements Expr {}

  public record NoneLit(Span span) implements Expr {}

  public record Name(String name, Span span) implements Expr {}

  public record ListLit(List<Expr> items, boolean isTuple, Span span) implements Expr {}

  /** {@code op} is the operator's source text: {@code -}, {@code not}. */
  public record Unary(String op, Expr operand, Span span) implements Expr {}

  /** {@code op} is the operator's source text: {@code +}, {@code //}, {@code and}, {@code ==}. */
  public record Binary(String op, Expr left, Expr right, Span span) implements Expr {}

  public record Ternary(Expr condition, Expr then, Expr otherwise, Span span) implements Expr {}

  public record Index(Expr target, Expr index, Span span) implements Expr {}

  /** A call of an op, block or built-in; {@code naming} may be null. */
  public record Call(String callee, List<Arg> args, Naming naming, Span span) implements Expr {}

  /** {@code keyword} is null for a positional argument. */
  public record Arg(String keyword, Expr value, Span span) {}

  /** {@code head |> stage |> stage ...}. */
  public record Pipeline(Expr head, List<Stage> stages, Span span) implements Expr {}

  /** One pipeline stage: a call whose first tensor argument is the pipeline's value, repeated {@code repeat} times. */
  public record Stage(Call call, int repeat, Span span) {}

  /** How a layer is named: {@code @conv1}, {@code @layer{i}.0}, or per parameter. */
  public sealed interface Naming {
    Span span();
  }

  public record PathNaming(List<NamePart> parts, Span span) implements Naming {}

  /** {@code @(weight=a.w, bias=a.b)}: each parameter slot to a full path. */
  public record RenameNaming(List<String> slots, List<List<NamePart>> paths, Span span) implements Naming {}

  /** A path segment: literal text, and integer expressions interpolated into it. */
  public record NamePart(String text, List<Expr> interpolations) {}
}
