package dev.tnet.driver.fuzz;

import dev.tnet.frontend.Frontend;
import dev.tnet.frontend.print.GraphEquivalence;
import dev.tnet.frontend.print.TnetPrinter;
import dev.tnet.ir.graph.Graph;
import dev.tnet.runtime.UserException;
import java.util.Map;
import java.util.Optional;

/** A graph printed as {@code .tnet} ({@link TnetPrinter}) parses back to the same graph ({@link GraphEquivalence}). */
final class PrintProperty extends GraphProperty {
  public String name() {
    return "print";
  }

  public String description() {
    return "printing a graph as .tnet and parsing it back gives the same graph";
  }

  protected Symptom check(FuzzCase c) {
    String text = TnetPrinter.print(c.graph());
    Graph back;
    try {
      back = Frontend.compileSource("case.tnet", text, null, Map.of()).graph();
    } catch (UserException e) {
      return new Symptom("the printed graph does not compile", e.getMessage() + "\n--- printed source:\n" + text);
    }
    Optional<String> diff = GraphEquivalence.difference(c.graph(), back);
    return diff.map(d -> new Symptom("the printed graph compiles to another graph", d + "\n--- printed source:\n" + text)).orElse(null);
  }
}
