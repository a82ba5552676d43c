package dev.tnet.frontend;

import dev.tnet.runtime.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Mutated source never crashes the frontend: it compiles, or it fails with a user error (a
 * diagnostic with a position, or a plain user error). Anything else is a compiler bug.
 */
class MutatedSourceTest {
  static final List<String> TOKENS = List.of("(", ")", "[", "]", "{", "}", ",", "=", "==", "|>", "@", "@x.0", "*", "**",
      "//", "/", "-", "+", "x", "1", "0", "-1", "1.5", "1e9", "999999999999", "'s'", "\"", "#", "if", "else", "for",
      "in", "return", "block", "model", "import", "None", "true", "relu", "conv2d(", "linear(", "range(", "channels(", "\n", " ", "$");

  static final List<String> SEEDS = List.of(read("../samples/lenet5.tnet"), read("src/test/resources/lang/blocks.tnet"),
      """
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
          return out = cat([a, c], 1) |> global_avg_pool() |> flatten(1) |> linear(3) @fc
      }
      """);

  static String read(String path) {
    try {
      return Files.readString(Path.of(path));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Property(tries = 600)
  void mutatedSourceCompilesOrGetsADiagnostic(@ForAll @IntRange(min = 0, max = 2) int which,
      @ForAll @IntRange(min = 1, max = 4) int mutations, @ForAll long seed) {
    Random rng = new Random(seed);
    StringBuilder src = new StringBuilder(SEEDS.get(which));
    for (int m = 0; m < mutations; m++) {
      int at = rng.nextInt(src.length() + 1);
      switch (rng.nextInt(4)) {
        case 0 -> src.insert(at, TOKENS.get(rng.nextInt(TOKENS.size())));
        case 1 -> src.delete(at, Math.min(src.length(), at + 1 + rng.nextInt(6)));
        case 2 -> src.replace(at, Math.min(src.length(), at + 1), TOKENS.get(rng.nextInt(TOKENS.size())));
        default -> {
          int from = rng.nextInt(src.length() + 1), len = rng.nextInt(20);
          src.insert(at, src.substring(from, Math.min(src.length(), from + len)));
        }
      }
    }
    try {
      Frontend.compileSource("../samples/mutated.tnet", src.toString(), null, Map.of());
    } catch (UserException expected) {
      // a diagnostic or a plain user error: fine
    } catch (RuntimeException | StackOverflowError bug) {
      throw new AssertionError("crash on mutated source (seed " + seed + "):\n" + src, bug);
    }
  }
}
