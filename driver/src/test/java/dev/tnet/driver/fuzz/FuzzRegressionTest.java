package dev.tnet.driver.fuzz;

import static org.junit.jupiter.api.Assertions.fail;

import dev.tnet.runtime.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every bug the fuzzer found, as the reproducer it wrote (shrunk), kept under {@code
 * src/test/resources/fuzz-regressions/NAME/}: each graph case must now pass every graph property
 * (jit, aot, passes, print, onnx), each source text the source property. NAME says what the bug
 * was; the README in the directory has the seed, the symptom and the commands. A kernel bug may
 * also be fixed by refusing the program (the shrunk case then no longer compiles). An optional
 * {@code known-differences.txt} lists {@code property: reason} lines for external engines that
 * are known to differ from PyTorch on that case (ONNX Runtime keeps an infinity where PyTorch
 * gives NaN); those properties are skipped for it, with the reason printed.
 */
class FuzzRegressionTest {
  static final Path DIR = Path.of("src/test/resources/fuzz-regressions");

  @TestFactory
  Stream<DynamicTest> everyFoundBugStaysFixed() throws IOException {
    if (!Files.isDirectory(DIR)) return Stream.empty();
    try (Stream<Path> dirs = Files.list(DIR)) {
      return dirs.filter(Files::isDirectory).sorted().toList().stream().map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> {
        Reproducer.Loaded r;
        try {
          r = Reproducer.read(d);
        } catch (UserException e) {
          // The fix made the frontend refuse the program: fine for a kernel bug, not for the printer.
          if (Files.readString(d.resolve("README.txt")).startsWith("property: print")) throw e;
          System.out.println(d.getFileName() + ": the program is now refused: " + e.getMessage());
          return;
        }
        if (r.property().equals("source")) {
          Symptom s = new SourceProperty().checkSafely(r.source());
          if (s != null) fail(d.getFileName() + " (source, seed " + r.seed() + ") still fails: " + s);
          return;
        }
        Map<String, String> known = knownDifferences(d);
        for (Property<?> p : Properties.all()) {
          if (!(p instanceof GraphProperty g)) continue;
          if (known.containsKey(p.name())) {
            System.out.println(d.getFileName() + ": " + p.name() + " not checked: " + known.get(p.name()));
            continue;
          }
          Symptom s = g.checkSafely(r.testCase());
          if (s != null) fail(d.getFileName() + " (found by " + r.property() + ", seed " + r.seed() + ") fails " + p.name() + ": " + s);
        }
      }));
    }
  }

  private static Map<String, String> knownDifferences(Path dir) throws IOException {
    Path f = dir.resolve("known-differences.txt");
    Map<String, String> known = new LinkedHashMap<>();
    if (!Files.exists(f)) return known;
    for (String line : Files.readAllLines(f)) {
      int colon = line.indexOf(':');
      if (line.isBlank() || line.startsWith("#")) continue;
      if (colon < 0) throw new IllegalStateException(f + ": expected 'property: reason', got '" + line + "'");
      String name = line.substring(0, colon).trim();
      if (!Properties.names().contains(name)) throw new IllegalStateException(f + ": no property '" + name + "'");
      known.put(name, line.substring(colon + 1).trim());
    }
    return known;
  }
}
