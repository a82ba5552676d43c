package dev.tnet.runtime.model;

import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.UserException;
import dev.tnet.runtime.io.Npy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs an ahead-of-time model jar with nothing but the runtime on the class path:
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp tnet-runtime.jar dev.tnet.runtime.model.RunModel \
 *     model.jar image=digits.npy [--output-dir DIR]
 * </pre>
 *
 * Prints each output's shape, and writes it as {@code DIR/NAME.npy} when asked. Exit code 1 on a
 * user error (a bad jar, a wrong input), with the message on stderr.
 */
public final class RunModel {
  private RunModel() {}

  public static void main(String[] args) {
    try {
      run(args);
    } catch (UserException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(1);
    }
  }

  static void run(String[] args) {
    if (args.length < 1) throw new UserException("usage: RunModel MODEL.jar NAME=FILE.npy ... [--output-dir DIR]");
    Path jar = Path.of(args[0]);
    Map<String, Tensor> inputs = new LinkedHashMap<>();
    Path outDir = null;
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--output-dir") && i + 1 < args.length) {
        outDir = Path.of(args[++i]);
        continue;
      }
      int eq = args[i].indexOf('=');
      if (eq <= 0) throw new UserException("expected NAME=FILE.npy, got '" + args[i] + "'");
      inputs.put(args[i].substring(0, eq), Npy.read(Path.of(args[i].substring(eq + 1))));
    }
    CompiledModel m = CompiledModel.load(jar);
    long t0 = System.nanoTime();
    Map<String, Tensor> out = m.run(inputs);
    System.out.printf("ran %s in %.3f s%n", jar.getFileName(), (System.nanoTime() - t0) / 1e9);
    for (var e : out.entrySet()) {
      String where = "";
      if (outDir != null) {
        try {
          Files.createDirectories(outDir);
        } catch (java.io.IOException x) {
          throw new UserException("cannot create " + outDir + ": " + x.getMessage());
        }
        Npy.write(outDir.resolve(e.getKey() + ".npy"), e.getValue());
        where = " -> " + outDir.resolve(e.getKey() + ".npy");
      }
      System.out.println("output " + e.getKey() + ": " + e.getValue().dtype() + e.getValue().shape() + where);
    }
  }
}
