package dev.tnet.driver.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** A model written to a jar and loaded again gives the JIT's outputs bit for bit (or its error). */
final class AotProperty extends GraphProperty {
  public String name() {
    return "aot";
  }

  public String description() {
    return "an ahead-of-time jar, loaded, equals the JIT bit for bit";
  }

  protected Symptom check(FuzzCase c) {
    Path dir;
    try {
      dir = Files.createTempDirectory("tnet-fuzz-aot");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Outcome jit = Engines.jit(c, 2), aot = Engines.aot(c, 2, dir);
      return switch (jit) {
        case Outcome.Error e -> aot instanceof Outcome.Error a && a.message().equals(e.message()) ? null
            : new Symptom("the jar does not raise the JIT's error", "JIT " + e + "; jar " + JitProperty.describe(aot));
        case Outcome.Ok(var want) -> switch (aot) {
          case Outcome.Error a -> new Symptom("the jar raises an error the JIT does not", a.toString());
          case Outcome.Ok(var got) -> {
            String diff = Engines.bitwiseDiff(want, got);
            yield diff == null ? null : new Symptom("the jar differs from the JIT", diff);
          }
        };
      };
    } finally {
      delete(dir);
    }
  }

  private static void delete(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp dir left behind is harmless
    }
  }
}
