package dev.tnet.frontend.print;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tnet.frontend.Frontend;
import dev.tnet.frontend.diag.DiagnosticException;
import dev.tnet.ir.graph.Graph;
import java.util.Map;
import java.util.Optional;

/** Test helpers: compile printed source, and check a graph survives print → compile unchanged. */
final class RoundTrip {
  private RoundTrip() {}

  /** Compiles printed source; a compile error fails the test with the source in the message. */
  static Graph compile(String source) {
    try {
      return Frontend.compileSource("printed.tnet", source, null, Map.of()).graph();
    } catch (DiagnosticException e) {
      throw new AssertionError("the printed source does not compile:\n" + e.getMessage() + "\n--- source ---\n" + source, e);
    }
  }

  /** Prints {@code g}, compiles it, and asserts the same graph and the same text when printed again; returns the source. */
  static String check(Graph g) {
    String source = TnetPrinter.print(g);
    Graph reparsed = compile(source);
    assertEquals(Optional.empty(), GraphEquivalence.difference(g, reparsed), "--- source ---\n" + source);
    assertEquals(source, TnetPrinter.print(reparsed), "printing the reparsed graph gives the same text");
    return source;
  }
}
