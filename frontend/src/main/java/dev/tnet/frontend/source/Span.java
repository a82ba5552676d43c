package dev.tnet.frontend.source;

/**
 * A stretch of source on one line: 1-based line and column, and a length of at least 1, for the
 * caret line under it. A construct spanning lines is reduced to its first line.
 */
public record Span(SourceFile file, int line, int column, int length) {
  public Span {
    length = Math.max(1, length);
  }

  /** {@code path:line:col}. */
  public String where() {
    return file.path() + ":" + line + ":" + column;
  }

  /** From this span's start to the end of {@code other} if on the same line, else this span. */
  public Span to(Span other) {
    if (other == null || other.line != line || other.column + other.length <= column) return this;
    return new Span(file, line, column, other.column + other.length - column);
  }
}
