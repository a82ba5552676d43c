package dev.tnet.frontend.diag;

import dev.tnet.frontend.source.Span;
import java.util.List;

/**
 * Formats diagnostics as compilers do:
 *
 * <pre>
 * net.tnet:4:9: error: unknown op 'conv2' (did you mean 'conv2d'?)
 *     x = conv2(x, 16, 3)
 *         ^~~~~
 * </pre>
 */
public final class DiagnosticPrinter {
  private DiagnosticPrinter() {}

  public static String print(List<Diagnostic> diagnostics) {
    StringBuilder sb = new StringBuilder();
    for (Diagnostic d : diagnostics) {
      located(sb, d.span(), d.severity().toString(), d.message());
      for (Diagnostic.Note n : d.notes()) located(sb, n.span(), "note", n.message());
    }
    return sb.toString();
  }

  private static void located(StringBuilder sb, Span span, String kind, String message) {
    if (span == null) {
      sb.append(kind).append(": ").append(message).append('\n');
      return;
    }
    sb.append(span.where()).append(": ").append(kind).append(": ").append(message).append('\n');
    String line = span.file().line(span.line());
    if (line.isBlank()) return;
    sb.append("    ").append(line.replace('\t', ' ')).append('\n');
    int col = Math.min(span.column(), line.length() + 1);
    int len = Math.max(1, Math.min(span.length(), line.length() - col + 1));
    sb.append("    ").append(" ".repeat(col - 1)).append('^').append("~".repeat(len - 1)).append('\n');
  }
}
