package dev.tnet.frontend;

import dev.tnet.frontend.eval.Evaluator;
import dev.tnet.frontend.eval.Program;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code .tnet} source to graph IR: parse (with imports), evaluate the chosen model, check every
 * op. Errors are thrown as one {@link dev.tnet.frontend.diag.DiagnosticException} listing them all.
 */
public final class Frontend {
  private Frontend() {}

  /** Compiles {@code model} of {@code file} (null: its only model) with model parameters set from text. */
  public static Evaluator.Result compile(Path file, String model, Map<String, String> settings) {
    return Evaluator.compile(Program.load(file), model, settings);
  }

  /** Compiles source text; {@code displayPath} is used in messages and to resolve imports. */
  public static Evaluator.Result compileSource(String displayPath, String text, String model, Map<String, String> settings) {
    return Evaluator.compile(Program.fromSource(displayPath, text), model, settings);
  }
}
