package dev.tnet.driver.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnet.ir.graph.Node;
import dev.tnet.ir.op.Conv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shrinker reduces a failing graph to the node that fails, with small dims, and the
 * reproducer it writes loads back to a case that fails the same way.
 */
class FuzzShrinkerTest {
  /** A stand-in bug: "fails" whenever the graph has a padded 2-d convolution. */
  static final Predicate<FuzzCase> HAS_PADDED_CONV = c -> c.graph().nodes().stream()
      .anyMatch(n -> n.op() instanceof Conv conv && conv.spatialDims() == 2 && conv.padsPerSide().stream().anyMatch(p -> p > 0));

  @Test
  void aFailingGraphShrinksToOneSmallNode() {
    int shrunk = 0;
    for (long seed = 0; seed < 400 && shrunk < 5; seed++) {
      FuzzCase c = GraphCases.random(seed);
      if (!HAS_PADDED_CONV.test(c) || c.size() < 5) continue;
      FuzzCase s = GraphShrinker.shrink(c, HAS_PADDED_CONV, Shrinking.DEFAULT);
      assertEquals(1, s.size(), "seed " + seed + ": shrunk to\n" + s.graph());
      assertTrue(HAS_PADDED_CONV.test(s));
      Node n = s.graph().nodes().getFirst();
      long elements = s.inputs().values().stream().mapToLong(t -> t.size()).sum();
      assertTrue(elements <= 8, "seed " + seed + ": inputs still hold " + elements + " elements\n" + s.graph());
      assertTrue(((Conv) n.op()).outChannels() == 1, "out_channels not shrunk: " + n.op());
      shrunk++;
    }
    assertEquals(5, shrunk);
  }

  @Test
  void aReproducerLoadsBackAsTheSameCase(@TempDir Path dir) throws Exception {
    FuzzCase c = GraphCases.random(3);
    Verdict v = new Verdict("jit", 7, c, new Symptom("test", "a stand-in failure"), "./tnet fuzz --property jit --seed 7 --tries 1");
    Path d = Reproducer.write(c, v, dir);
    assertTrue(Files.exists(d.resolve("case.tnet")) && Files.exists(d.resolve("weights.safetensors")));
    String readme = Files.readString(d.resolve("README.txt"));
    assertTrue(readme.contains("./tnet run case.tnet --weights weights.safetensors --input"), readme);
    Reproducer.Loaded back = Reproducer.read(d);
    assertEquals("jit", back.property());
    assertEquals(7, back.seed());
    assertEquals(c.graph(), back.testCase().graph(), "graph.json holds the exact graph");
    var parsed = dev.tnet.frontend.Frontend.compileSource("case.tnet", back.source(), null, java.util.Map.of()).graph();
    assertTrue(dev.tnet.frontend.print.GraphEquivalence.same(c.graph(), parsed), "case.tnet compiles to the same graph");
    assertEquals(c.inputs(), back.testCase().inputs());
    assertEquals(c.weights(), back.testCase().weights());
  }

  @Test
  void sourceTextShrinksToWhatFails() {
    String text = "model m(x: f32[1]) {\n    y = relu(x)\n    z = sigmoid(y)\n    return z\n}\n";
    String s = SourceProperty.shrinkText(text, t -> t.contains("sigmoid"), Shrinking.DEFAULT);
    assertEquals("sigmoid", s);
  }
}
