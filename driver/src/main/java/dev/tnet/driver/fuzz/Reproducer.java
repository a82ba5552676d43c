package dev.tnet.driver.fuzz;

import dev.tnet.frontend.Frontend;
import dev.tnet.frontend.print.TnetPrinter;
import dev.tnet.ir.graph.Graph;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.UserException;
import dev.tnet.runtime.io.Npy;
import dev.tnet.runtime.io.Safetensors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a failing case as a directory that {@code tnet run} replays: {@code case.tnet} (the graph
 * printed by {@link TnetPrinter}), {@code inputs/NAME.npy}, {@code weights.safetensors},
 * {@code graph.txt} (the graph IR in its text form), {@code graph.json} (the exact graph, names
 * included, for when {@code .tnet} cannot express it or the printer is what failed) and {@code
 * README.txt} with the seed, the property, the symptom and the commands. {@link #read} loads it
 * back (from {@code graph.json}, else {@code case.tnet}), which is how regression tests run the
 * reproducers kept under {@code src/test/resources}.
 */
public final class Reproducer {
  private Reproducer() {}

  /** The directory for a verdict: {@code DIR/PROPERTY-SEED}. */
  static Path dirFor(Verdict v, Path dir) {
    return dir.resolve(v.property() + "-" + v.seed());
  }

  static Path write(FuzzCase c, Verdict v, Path dir) {
    Path d = dirFor(v, dir);
    try {
      Files.createDirectories(d.resolve("inputs"));
      String source;
      try {
        source = TnetPrinter.print(c.graph());
      } catch (RuntimeException e) {
        source = null;
        Files.writeString(d.resolve("print-error.txt"), e.toString());
      }
      if (source != null) Files.writeString(d.resolve("case.tnet"), source);
      Files.writeString(d.resolve("graph.txt"), c.graph().toString());
      Files.writeString(d.resolve("graph.json"), GraphJson.write(c.graph()));
      for (var e : c.inputs().entrySet()) Npy.write(d.resolve("inputs").resolve(e.getKey() + ".npy"), e.getValue());
      Safetensors.write(d.resolve("weights.safetensors"), c.weights());
      Files.writeString(d.resolve("README.txt"), readme(c, v, source != null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return d;
  }

  private static String readme(FuzzCase c, Verdict v, boolean printed) {
    StringBuilder inputs = new StringBuilder();
    for (String name : c.inputs().keySet()) inputs.append(" --input ").append(name).append("=inputs/").append(name).append(".npy");
    String threads = v.symptom().detail().startsWith("threads=1") ? " --threads 1" : v.property().equals("jit") ? " --threads 2" : "";
    String run = "./tnet run case.tnet --weights weights.safetensors" + inputs;
    return String.join("\n",
        "property: " + v.property(),
        "seed: " + v.seed(),
        "case: " + c.origin() + ", " + c.graph().nodes().size() + " nodes",
        "symptom: " + v.symptom().kind(),
        "",
        v.symptom().detail(),
        "",
        "Replay the seed (the case before shrinking):",
        "  " + v.replay(),
        "",
        printed ? "Run the shrunk case in this directory (./tnet being the launcher at the repository root):"
            : "The graph could not be printed as .tnet (see print-error.txt); graph.txt has its IR.",
        printed ? "  " + run + threads : "",
        printed ? "  " + run + " --backend interp" : "",
        "");
  }

  /** A reproducer directory loaded back: its property, seed and case. */
  public record Loaded(String property, long seed, FuzzCase testCase, String source) {}

  public static Loaded read(Path d) {
    try {
      Map<String, String> fields = new LinkedHashMap<>();
      for (String line : Files.readAllLines(d.resolve("README.txt"))) {
        int colon = line.indexOf(": ");
        if (colon > 0 && !line.startsWith(" ")) fields.putIfAbsent(line.substring(0, colon), line.substring(colon + 2));
      }
      String property = fields.get("property");
      long seed = Long.parseLong(fields.get("seed"));
      Path tnet = d.resolve("case.tnet"), json = d.resolve("graph.json");
      String source = Files.exists(tnet) ? Files.readString(tnet) : null;
      if (property.equals("source")) return new Loaded(property, seed, null, source);
      Graph g = Files.exists(json) ? GraphJson.read(Files.readString(json), json.toString())
          : Frontend.compileSource(tnet.toString(), source, null, Map.of()).graph();
      Map<String, Tensor> in = new LinkedHashMap<>();
      for (Graph.Input i : g.inputs()) in.put(i.name(), Npy.read(d.resolve("inputs").resolve(i.name() + ".npy")));
      Map<String, Tensor> w = Safetensors.read(d.resolve("weights.safetensors"));
      return new Loaded(property, seed, new FuzzCase(seed, "reproducer " + d.getFileName(), g, in, w), source);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (UserException e) {
      throw new UserException(d + ": " + e.getMessage(), e);
    }
  }
}
