package dev.tnet.driver.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tnet.ir.op.OpCatalogue;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The single-op generators cover the whole catalogue, draw mostly valid calls (the op's own check
 * refuses at most one draw in ten), and every op passes the JIT and loop-pass properties on a few
 * seeds of its own, so each kernel is fuzzed in every CI run whatever the random mix.
 */
class FuzzEveryOpTest {
  static final int SEEDS_PER_OP = 3;

  @Test
  void everyOpOfTheCatalogueHasAGenerator() {
    assertEquals(List.of(), OpCases.opsWithoutGenerator(), "ops without a fuzz generator");
    assertEquals(103, OpCatalogue.names().size(), "the catalogue changed: give new ops a generator");
  }

  @TestFactory
  Stream<DynamicTest> everyOpIsDrawnValidAndPassesJitAndPasses() {
    JitProperty jit = new JitProperty();
    PassesProperty passes = new PassesProperty();
    return OpCatalogue.names().stream().map(op -> DynamicTest.dynamicTest(op, () -> {
      int accepted = OpCases.accepted(op, op.hashCode(), 100);
      assertTrue(accepted >= 90, op + ": only " + accepted + " of 100 draws are valid calls");
      for (int i = 0; i < SEEDS_PER_OP; i++) {
        long seed = op.hashCode() * 31L + i;
        FuzzCase c = OpCases.of(op, seed);
        for (Property<FuzzCase> p : List.of(jit, passes)) {
          Symptom s = p.checkSafely(c);
          if (s != null) fail(p.name() + " fails on " + op + " (OpCases.of(\"" + op + "\", " + seed + ")): " + s + "\n" + c);
        }
      }
    }));
  }
}
