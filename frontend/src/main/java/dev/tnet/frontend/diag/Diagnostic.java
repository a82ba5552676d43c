package dev.tnet.frontend.diag;

import dev.tnet.frontend.source.Span;
import java.util.List;

/** One message about the user's source, with notes that point at related places. */
public record Diagnostic(Severity severity, Span span, String message, List<Note> notes) {
  public enum Severity {
    ERROR,
    WARNING;

    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A secondary location: "the shape f32[1, 3] comes from here". */
  public record Note(Span span, String message) {}

  public Diagnostic {
    notes = List.copyOf(notes);
  }

  public static Diagnostic error(Span span, String message, Note... notes) {
    return new Diagnostic(Severity.ERROR, span, message, List.of(notes));
  }

  public static Diagnostic warning(Span span, String message) {
    return new Diagnostic(Severity.WARNING, span, message, List.of());
  }
}
