package dev.tnet.frontend.eval;

import dev.tnet.frontend.diag.Diagnostic;
import dev.tnet.frontend.source.Span;

/** Aborts evaluation of the current statement with a diagnostic; the statement's targets become poison. */
final class EvalError extends RuntimeException {
  final Diagnostic diagnostic;

  EvalError(Diagnostic diagnostic) {
    super(diagnostic.message(), null, false, false);
    this.diagnostic = diagnostic;
  }

  EvalError(Span span, String message, Diagnostic.Note... notes) {
    this(Diagnostic.error(span, message, notes));
  }
}
