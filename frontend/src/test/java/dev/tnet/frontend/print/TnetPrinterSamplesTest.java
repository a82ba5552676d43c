package dev.tnet.frontend.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnet.frontend.Frontend;
import dev.tnet.ir.graph.Graph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample model (with its default settings, and the variants the samples document), and the
 * language test file, printed and compiled back: the same graph, and the same text when printed
 * again.
 */
class TnetPrinterSamplesTest {
  /** A source file and the model settings to compile it with. */
  record Case(Path file, Map<String, String> settings) {
    @Override
    public String toString() {
      return file.getFileName() + (settings.isEmpty() ? "" : " " + settings);
    }
  }

  static Stream<Case> cases() throws IOException {
    List<Case> defaults;
    try (Stream<Path> files = Files.list(Path.of("../samples"))) {
      defaults = files.filter(p -> p.toString().endsWith(".tnet")).sorted().map(p -> new Case(p, Map.of())).toList();
    }
    assertTrue(defaults.size() >= 11, "the samples are found: " + defaults);
    Path lang = Path.of("src/test/resources/lang/main.tnet");
    return Stream.concat(defaults.stream(), Stream.of(
        new Case(Path.of("../samples/resnet18.tnet"), Map.of("width", "8")),
        new Case(Path.of("../samples/unet.tnet"), Map.of("bilinear", "true")),
        new Case(lang, Map.of()),
        new Case(lang, Map.of("deep", "true", "width", "8"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void printsSourceThatCompilesToTheSameGraph(Case c) {
    Graph original = Frontend.compile(c.file(), null, c.settings()).graph();

    String source = RoundTrip.check(original);

    assertEquals(original.nodes().size() + 3, source.lines().count(), "one line per node, the header, return and }");
  }
}
