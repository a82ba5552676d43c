package dev.tnet.frontend.diag;

import dev.tnet.runtime.UserException;
import java.util.List;

/** The source has errors; the diagnostics say which and where, printed by {@link DiagnosticPrinter}. */
public final class DiagnosticException extends UserException {
  private final List<Diagnostic> diagnostics;

  public DiagnosticException(List<Diagnostic> diagnostics) {
    super(DiagnosticPrinter.print(diagnostics).stripTrailing());
    this.diagnostics = List.copyOf(diagnostics);
  }

  public DiagnosticException(Diagnostic d) {
    this(List.of(d));
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }
}
