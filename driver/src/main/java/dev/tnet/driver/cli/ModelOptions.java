package dev.tnet.driver.cli;

import dev.tnet.frontend.Frontend;
import dev.tnet.frontend.diag.Diagnostic;
import dev.tnet.frontend.diag.DiagnosticPrinter;
import dev.tnet.frontend.eval.Evaluator;
import dev.tnet.runtime.UserException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options every command that reads a {@code .tnet} file shares: the file, --model, --set. */
final class ModelOptions {
  @Parameters(index = "0", paramLabel = "FILE.tnet", description = "The network description.")
  Path file;

  @Option(names = "--model", paramLabel = "NAME", description = "Which model of the file (needed when it defines several).")
  String model;

  @Option(names = "--set", paramLabel = "NAME=VALUE", description = "Set a model parameter, e.g. --set width=8.")
  Map<String, String> settings = new LinkedHashMap<>();

  /** Compiles the model, printing warnings to {@code err}. */
  Evaluator.Result compile(PrintWriter err) {
    if (!Files.isRegularFile(file)) throw new UserException(file + ": no such file");
    Evaluator.Result r = Frontend.compile(file, model, settings);
    List<Diagnostic> warnings = r.warnings();
    if (!warnings.isEmpty()) err.print(DiagnosticPrinter.print(warnings));
    err.flush();
    return r;
  }
}
