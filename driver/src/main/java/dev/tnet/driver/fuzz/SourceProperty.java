package dev.tnet.driver.fuzz;

import dev.tnet.frontend.Frontend;
import dev.tnet.frontend.print.TnetPrinter;
import dev.tnet.runtime.UserException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Random and mutated {@code .tnet} text never makes the frontend throw anything but a {@link
 * UserException} (a diagnostic or a plain user error): no compiler bug, no index out of bounds,
 * no stack overflow. The texts: one in ten is a soup of tokens; the others are one to six
 * mutations (token inserted, replaced, span deleted or duplicated) of a sample model (when a
 * {@code samples} directory is at hand), a block-heavy snippet, or a random graph printed by
 * {@link TnetPrinter}. Failures shrink by deleting lines, then ever smaller spans ({@link #shrinkText}).
 */
final class SourceProperty extends Property<String> {
  static final List<String> TOKENS = List.of("(", ")", "[", "]", "{", "}", ",", "=", "==", "|>", "@", "@x.0", "*", "**",
      "//", "/", "%", "-", "+", "<", "not", "and", "x", "1", "0", "-1", "2", "64", "1.5", "1e-3", "'same'", "\"", "#", "if",
      "else", "elif", "for", "in", "return", "block", "model", "import", "None", "true", "false", "relu", "conv2d(",
      "linear(", "cat([", "split(", "range(", "channels(", "size(", "rank(", "len(", "f32[", "i64[", "N", ":", "int", "\n",
      " ", "$", "@(weight=w)", "x |> ", "* 2");

  static final String SNIPPET = """
      block b(x, c: int, s: int = 1) {
          y = x |> conv2d(c, 3, stride=s, padding=1) @conv |> batch_norm() @bn |> relu
          return y + x if s == 1 and channels(x) == c else y
      }
      model m(x: f32[N, 4, 8, 8], k: int = 2) {
          h = x |> b(4) * k |> b(8, s=2)
          for i in range(k) {
              h = b(h, 8) @blk{i}
          }
          a, c = split(h, 4, 1)
          e = embedding(x |> flatten(1) |> argmax(dim=1), 10, 3) @emb
          return out = cat([a, c], 1) |> global_avg_pool() |> flatten(1) |> linear(3) @fc, e
      }
      """;

  private final List<String> corpus = corpus();

  public String name() {
    return "source";
  }

  public String description() {
    return "random and mutated .tnet text gives a graph or a user error, never a crash";
  }

  /** Sample models from {@code samples/} (or {@code ../samples/}) and the snippet. */
  private static List<String> corpus() {
    List<String> texts = new ArrayList<>(List.of(SNIPPET));
    for (Path dir : List.of(Path.of("samples"), Path.of("../samples"))) {
      if (!Files.isDirectory(dir)) continue;
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".tnet")).sorted().toList()) texts.add(Files.readString(f));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      break;
    }
    return texts;
  }

  public String generate(long seed) {
    SplittableRandom rng = new SplittableRandom(mix(seed));
    if (rng.nextInt(10) == 0) {
      StringBuilder soup = new StringBuilder();
      for (int i = rng.nextInt(1, 200); i > 0; i--) soup.append(TOKENS.get(rng.nextInt(TOKENS.size()))).append(rng.nextInt(3) == 0 ? " " : "");
      return soup.toString();
    }
    String base = corpus.get(rng.nextInt(corpus.size()));
    if (rng.nextBoolean()) {
      try {
        base = TnetPrinter.print((rng.nextBoolean() ? OpCases.random(rng.nextLong()) : GraphCases.random(rng.nextLong())).graph());
      } catch (RuntimeException e) {
        // a graph .tnet cannot express (the print property reports those): mutate the corpus text
      }
    }
    return mutate(base, rng, rng.nextInt(1, 7));
  }

  static String mutate(String text, SplittableRandom rng, int mutations) {
    StringBuilder src = new StringBuilder(text);
    for (int m = 0; m < mutations; m++) {
      int at = rng.nextInt(src.length() + 1);
      switch (rng.nextInt(4)) {
        case 0 -> src.insert(at, TOKENS.get(rng.nextInt(TOKENS.size())));
        case 1 -> src.delete(at, Math.min(src.length(), at + 1 + rng.nextInt(6)));
        case 2 -> src.replace(at, Math.min(src.length(), at + 1), TOKENS.get(rng.nextInt(TOKENS.size())));
        default -> {
          int from = rng.nextInt(src.length() + 1), len = rng.nextInt(30);
          src.insert(at, src.substring(from, Math.min(src.length(), from + len)));
        }
      }
    }
    return src.toString();
  }

  protected Symptom check(String text) {
    try {
      Frontend.compileSource("case.tnet", text, null, Map.of());
    } catch (UserException expected) {
      // a diagnostic or a plain user error: as it should be
    }
    return null;
  }

  public String shrink(String text, Symptom s, Shrinking budget) {
    return shrinkText(text, t -> {
      Symptom u = checkSafely(t);
      return u != null && u.kind().equals(s.kind());
    }, budget);
  }

  /** Deletes lines, then spans of halving length, while {@code fails} holds. */
  static String shrinkText(String text, java.util.function.Predicate<String> fails, Shrinking budget) {
    long deadline = System.currentTimeMillis() + budget.maxMillis();
    int checks = 0;
    String best = text;
    boolean lines = true;
    for (int span = Math.max(1, text.length() / 2); span >= 1; span = lines ? span : span / 2) {
      boolean progress = true;
      while (progress && checks < budget.maxChecks() && System.currentTimeMillis() < deadline) {
        progress = false;
        List<String> candidates = new ArrayList<>();
        if (lines) {
          String[] l = best.split("\n", -1);
          for (int i = 0; i < l.length; i++) {
            List<String> rest = new ArrayList<>(List.of(l));
            rest.remove(i);
            candidates.add(String.join("\n", rest));
          }
        } else {
          for (int at = 0; at + span <= best.length(); at += span) candidates.add(best.substring(0, at) + best.substring(at + span));
        }
        for (String c : candidates) {
          if (checks++ >= budget.maxChecks()) break;
          if (fails.test(c)) {
            best = c;
            progress = true;
            break;
          }
        }
      }
      if (checks >= budget.maxChecks() || System.currentTimeMillis() >= deadline) break;
      lines = false;
    }
    return best;
  }

  public Path writeReproducer(String text, Verdict v, Path dir) {
    Path d = Reproducer.dirFor(v, dir);
    try {
      Files.createDirectories(d);
      Files.writeString(d.resolve("case.tnet"), text);
      Files.writeString(d.resolve("README.txt"), String.join("\n",
          "property: source", "seed: " + v.seed(), "symptom: " + v.symptom().kind(), "", v.symptom().detail(), "",
          "Replay the seed (the text before shrinking):", "  " + v.replay(), "",
          "Check the shrunk text in this directory:", "  ./tnet check case.tnet", ""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return d;
  }
}
