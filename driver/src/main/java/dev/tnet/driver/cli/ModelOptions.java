package dev.tnet.driver.cli;

import dev.tnet.frontend.Frontend;
import dev.tnet.frontend.diag.Diagnostic;
import dev.tnet.frontend.diag.DiagnosticPrinter;
import dev.tnet.frontend.eval.Evaluator;
import dev.tnet.onnx.OnnxImport;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.UserException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The options every command that reads a model shares: the file ({@code .tnet} source, or an
 * {@code .onnx} model that is imported on the fly), --model, --set.
 */
final class ModelOptions {
  @Parameters(index = "0", paramLabel = "FILE.tnet", description = "The network description (or an ONNX model, FILE.onnx).")
  Path file;

  @Option(names = "--model", paramLabel = "NAME", description = "Which model of the file (needed when it defines several).")
  String model;

  @Option(names = "--set", paramLabel = "NAME=VALUE", description = "Set a model parameter, e.g. --set width=8.")
  Map<String, String> settings = new LinkedHashMap<>();

  /** True if the file is an ONNX model, which carries its own weights. */
  boolean isOnnx() {
    return OnnxImport.isOnnx(file);
  }

  /** Imports the ONNX model, its dynamic input dims fixed by {@code shapes}. */
  OnnxImport.Model importOnnx(Map<String, Shape> shapes) {
    if (model != null || !settings.isEmpty()) throw new UserException("--model and --set apply to .tnet files, not to ONNX models");
    return OnnxImport.read(file, shapes);
  }

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
