package dev.tnet.driver.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnet.driver.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tnet fuzz}: prints its seed, progress and rates, and exits 0 when every property holds. */
class FuzzCommandTest {
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter(), err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void fuzzPrintsTheSeedAndTheRatePerProperty(@TempDir Path dir) {
    Run r = run("fuzz", "--seed", "42", "--tries", "3", "--property", "jit", "print", "--out", dir.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().startsWith("tnet fuzz --seed 42: [jit, print], 3 tries each"), r.out());
    assertTrue(r.out().matches("(?s).*jit +3 cases .* cases/s .*print +3 cases.*all properties held.*"), r.out());
  }

  @Test
  void badArgumentsAreUserErrors() {
    assertEquals(Main.USER_ERROR, run("fuzz", "--property", "nope").code());
    assertEquals(Main.USER_ERROR, run("fuzz", "--time", "soon").code());
    assertEquals(Main.USER_ERROR, run("fuzz", "--backend", "opencl").code());
    assertEquals(Main.USER_ERROR, run("fuzz", "--tries", "1", "--time", "1s").code());
  }
}
