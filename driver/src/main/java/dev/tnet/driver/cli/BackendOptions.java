package dev.tnet.driver.cli;

import dev.tnet.codegen.jvm.JvmBackend;
import dev.tnet.codegen.opencl.OpenClBackend;
import dev.tnet.driver.Tnet;
import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.loop.LoopPrinter;
import dev.tnet.ir.pass.LoopPipeline;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options of commands that compile: backend, threads, and what to dump. */
final class BackendOptions {
  @Option(names = "--backend", paramLabel = "NAME", defaultValue = "jvm", description = "jvm (compiled, default), opencl (OpenCL C on --device) or interp (the reference interpreter).")
  String backend;

  @Option(names = "--threads", paramLabel = "N", description = "Threads for parallel loops (default: all cores).")
  Integer threads;

  @Option(names = "--no-vectorize", description = "Keep every loop scalar (no Vector API code).")
  boolean noVectorize;

  @Option(names = "--dump-ir", paramLabel = "PASS", arity = "0..1", fallbackValue = "all",
      description = "Print the loop IR after PASS (lower, parallelize, vectorize) or after every pass (all) on stderr.")
  String dumpIr;

  @Option(names = "--device", paramLabel = "N", defaultValue = "0", description = "The OpenCL device for --backend opencl (see tnet devices).")
  int device;

  @Option(names = "--dump-opencl", paramLabel = "FILE", description = "Write the generated OpenCL C kernels to FILE.")
  Path dumpOpenCl;

  @Option(names = "--dump-bytecode", paramLabel = "FILE", description = "Write the generated class in readable form (ASM Textifier) to FILE.")
  Path dumpBytecode;

  String name() {
    return backend;
  }

  /** The options; {@code --dump-ir} output goes to {@code err}. */
  Tnet.Options options(ModelOptions model, java.io.PrintWriter err) {
    Tnet.Backend b = switch (backend.toLowerCase(Locale.ROOT)) {
      case "jvm" -> Tnet.Backend.JVM;
      case "interp" -> Tnet.Backend.INTERP;
      case "opencl" -> Tnet.Backend.OPENCL;
      default -> throw new UserException("unknown backend '" + backend + "'; available: jvm, opencl, interp");
    };
    if (dumpIr != null && !dumpIr.equals("all") && !LoopPipeline.PASSES.contains(dumpIr)) {
      throw new UserException("--dump-ir " + dumpIr + ": no such pass; passes are " + LoopPipeline.PASSES);
    }
    Tnet.Options o = Tnet.Options.defaults().model(model.model).settings(model.settings).backend(b).vectorize(!noVectorize).device(device);
    if (threads != null) o = o.threads(threads);
    if (dumpIr != null) {
      o = o.dumpIr((pass, program) -> {
        if (dumpIr.equals("all") || dumpIr.equals(pass)) {
          err.print("=== loop IR after " + pass + " ===\n" + LoopPrinter.print(program));
          err.flush();
        }
      });
    }
    return o;
  }

  /** Writes the bytecode dump and the OpenCL dump if asked. */
  void dumpBytecode(Graph g, Map<String, Tensor> weights, ModelOptions model, Map<String, Shape> shapes) {
    Tnet.Options o = options(model, new java.io.PrintWriter(java.io.Writer.nullWriter()));
    if (dumpOpenCl != null) write(dumpOpenCl, OpenClBackend.source(Tnet.lowerForOpenCl(g, o.inputShapes(shapes))));
    if (dumpBytecode == null) return;
    var p = Tnet.lower(g, o.inputShapes(shapes));
    try {
      Files.writeString(dumpBytecode, JvmBackend.dump(p, new JvmBackend.Options(o.threads(), !noVectorize)));
    } catch (IOException e) {
      throw new UserException("cannot write " + dumpBytecode + ": " + e.getMessage());
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UserException("cannot write " + file + ": " + e.getMessage());
    }
  }
}
