package dev.tnet.driver.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tnet.ir.op.OpCatalogue;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The single-op generators cover the whole catalogue, draw mostly valid calls (the op's own check
 * refuses at most one draw in ten), and every op passes the JIT and loop-pass properties on seeds
 * of its own, so each kernel is fuzzed in every CI run whatever the random mix. Seeds are {@code
 * S .. S+9} with {@code S} from {@code -Dtnet.fuzz.seed} (default 20250); a
 * failure prints the command that replays it ({@code ./tnet fuzz --op NAME ...}) and writes the
 * shrunk reproducer under {@code target/fuzz-failures}.
 */
class FuzzEveryOpTest {
  static final int SEEDS_PER_OP = 10;
  static final long SEED = Long.getLong("tnet.fuzz.seed", 20250);

  @Test
  void everyOpOfTheCatalogueHasAGenerator() {
    assertEquals(List.of(), OpCases.opsWithoutGenerator(), "ops without a fuzz generator");
    assertEquals(105, OpCatalogue.names().size(), "the catalogue changed: give new ops a generator");
  }

  @TestFactory
  Stream<DynamicTest> everyOpIsDrawnValidAndPassesJitAndPasses() {
    return OpCatalogue.names().stream().map(op -> DynamicTest.dynamicTest(op, () -> {
      int accepted = OpCases.accepted(op, op.hashCode(), 100);
      assertTrue(accepted >= 90, op + ": only " + accepted + " of 100 draws are valid calls");
      for (GraphProperty p : List.of(new JitProperty().only(op), new PassesProperty().only(op))) {
        for (long seed = SEED; seed < SEED + SEEDS_PER_OP; seed++) {
          Verdict v = p.test(seed);
          if (v.passed()) continue;
          StringWriter log = new StringWriter();
          Fuzzer.shrinkAndWrite(p, v, Shrinking.DEFAULT, FuzzPropertiesTest.OUT, new PrintWriter(log, true));
          fail(v + "\n" + log);
        }
      }
    }));
  }
}
