package dev.tnet.driver.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every fuzz property on a bounded number of seeds, sized so that the whole fuzz suite stays under
 * about three minutes on two cores. The seeds are {@code S, S+1, ...} with {@code S} from the
 * system property {@code tnet.fuzz.seed} (default 20250; CI runs are deterministic); a failure
 * prints the seed, the symptom, the shrunk reproducer under {@code target/fuzz-failures} and the
 * command that replays it. To replay or explore:
 *
 * <pre>
 * ./mvnw -pl driver test -Dtest=FuzzPropertiesTest -Dtnet.fuzz.seed=12345
 * ./tnet fuzz --property jit --seed 12345 --tries 1
 * </pre>
 */
class FuzzPropertiesTest {
  static final long SEED = Long.getLong("tnet.fuzz.seed", 20250);
  /** Tries per property: about 25 s of the two-core budget each (see the report of step 4). */
  static final Map<String, Integer> TRIES = Map.of("jit", 400, "aot", 250, "passes", 250, "print", 800, "source", 1500);

  @TestFactory
  Stream<DynamicTest> everyPropertyHolds() {
    System.out.println("fuzz seed " + SEED + " (set -Dtnet.fuzz.seed=S to change it)");
    return Properties.all().stream().map(p -> DynamicTest.dynamicTest(p.name() + " x" + TRIES.get(p.name()), () -> {
      StringWriter log = new StringWriter();
      Fuzzer.Report r = Fuzzer.run(new Fuzzer.Config(SEED, TRIES.get(p.name()), null, List.of(p),
          Path.of("target/fuzz-failures"), Shrinking.DEFAULT, 1), new PrintWriter(log));
      Fuzzer.Stats s = r.stats().getFirst();
      System.out.printf("%s: %d cases, %.1f cases/s%n", p.name(), s.cases(), s.casesPerSecond());
      if (!r.passed()) fail("property " + p.name() + " failed with fuzz seed " + SEED + ":\n" + log);
      assertTrue(s.cases() == TRIES.get(p.name()));
    }));
  }
}
