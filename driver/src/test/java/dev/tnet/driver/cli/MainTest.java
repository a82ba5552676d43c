package dev.tnet.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {
  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter(), err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void helpListsTheCommands() {
    Result r = run("--help");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("version") && r.out().contains("demo"), r.out());
  }

  @Test
  void versionNamesTnetAndTheJvm() {
    Result r = run("version");
    assertEquals(0, r.code());
    assertTrue(r.out().startsWith("tnet 0."), r.out());
    assertTrue(r.out().contains("Java 25"), r.out());
    assertTrue(r.out().contains("Vector API: enabled"), r.out());
  }

  @Test
  void demoClassifiesEveryImageOfTheBatch() {
    Result r = run("demo", "--batch", "3", "--seed", "1");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("graph tinynet(image: f32[N, 3, 32, 32])"), r.out());
    for (int i = 0; i < 3; i++) assertTrue(r.out().contains("image " + i + ": class "), r.out());
    String again = run("demo", "--batch", "3", "--seed", "1").out();
    assertEquals(withoutTime(r.out()), withoutTime(again), "same seed, same output");
  }

  static String withoutTime(String s) {
    return s.replaceAll("in [0-9.]+ ms", "in _ ms");
  }

  @Test
  void userErrorsExitOneWithoutAStackTrace() {
    Result bad = run("demo", "--batch", "0");
    assertEquals(1, bad.code());
    assertTrue(bad.err().startsWith("error: --batch must be 1 to 1024"), bad.err());
    assertFalse(bad.err().contains("\tat "), "no stack trace: " + bad.err());
    Result unknown = run("frobnicate");
    assertEquals(1, unknown.code());
    assertTrue(unknown.err().contains("frobnicate"), unknown.err());
  }

  @Test
  void opsPrintsSignaturesWithDefaults() {
    Result r = run("ops", "linear");
    assertEquals(0, r.code(), r.err());
    assertEquals("linear(out_features, bias=True)\n", r.out());
    Result all = run("ops");
    assertTrue(all.out().contains("conv2d(") && all.out().contains("softmax(") && all.out().contains("reshape("), all.out());
    assertEquals(1, run("ops", "convolution").code());
  }
}
