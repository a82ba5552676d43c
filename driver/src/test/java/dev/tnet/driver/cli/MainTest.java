package dev.tnet.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
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
    for (String c : new String[] {"check", "params", "run", "ops", "version"}) assertTrue(r.out().contains(c), r.out());
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
  void runClassifiesTheHeldOutDigitsAndWritesTheOutputs(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    Result r = run("run", "../samples/lenet5.tnet", "--weights", "../samples/mnist/lenet5.safetensors",
        "--input", "image=../samples/mnist/test-images.npy", "--labels", "logits=../samples/mnist/test-labels.npy",
        "--output-dir", dir.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("output logits: f32[1000, 10] -> " + dir.resolve("logits.npy")), r.out());
    assertTrue(r.out().contains("accuracy of logits: 985 / 1000 = 98.50%"), r.out());
    assertEquals(dev.tnet.runtime.Shape.of(1000, 10), dev.tnet.runtime.io.Npy.read(dir.resolve("logits.npy")).shape());
  }

  @Test
  void checkPrintsLayersAndTotals() {
    Result r = run("check", "../samples/lenet5.tnet");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("conv1     conv2d      f32[N, 6, 28, 28]      156"), r.out());
    assertTrue(r.out().contains("lenet5: 13 layers, 61,706 parameters (+0 buffer values)"), r.out());
    Result p = run("params", "../samples/lenet5.tnet");
    assertTrue(p.out().contains("fc1.weight") && p.out().contains("61,706 parameters in 10 tensors"), p.out());
  }

  /** ResNet-18's intermediate values sum to 32.9 MB at batch 1; with buffers of disjoint lifetimes sharing memory, far less is live. */
  @Test
  void checkReportsPeakActivationBytesForConcreteShapes() {
    Result symbolic = run("check", "../samples/resnet18.tnet");
    assertTrue(symbolic.out().contains("activation bytes: 32919552*N bytes if every intermediate value had its own buffer"), symbolic.out());
    assertTrue(symbolic.out().contains("peak activation bytes: pass --input-shape"), symbolic.out());
    Result r = run("check", "../samples/resnet18.tnet", "--input-shape", "image=1x3x224x224");
    assertEquals(0, r.code(), r.err());
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("peak activation bytes for image=\\[1, 3, 224, 224\\]: ([0-9,]+)").matcher(r.out());
    assertTrue(m.find(), r.out());
    long peak = Long.parseLong(m.group(1).replace(",", ""));
    // At least the largest value (the stem's 64x112x112 floats) and the two largest live together, at most a fifth of the sum.
    assertTrue(peak >= 64L * 112 * 112 * 4 && peak <= 32919552 / 5, r.out());
  }

  @Test
  void userErrorsExitOneWithoutAStackTrace() {
    Result bad = run("check", "no/such/file.tnet");
    assertEquals(1, bad.code());
    assertTrue(bad.err().startsWith("error: no/such/file.tnet: no such file"), bad.err());
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

  @Test
  void compileWritesAJarThatRunRuns(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    String jar = dir.resolve("lenet5.jar").toString();
    Result c = run("compile", "../samples/lenet5.tnet", "--weights", "../samples/mnist/lenet5.safetensors",
        "--input-shape", "image=1000x1x28x28", "-o", jar, "--threads", "1");
    assertEquals(0, c.code(), c.err());
    assertTrue(c.out().startsWith("wrote " + jar), c.out());
    Result r = run("run", jar, "--input", "image=../samples/mnist/test-images.npy", "--labels", "logits=../samples/mnist/test-labels.npy");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("jvm, ahead of time") && r.out().contains("985 / 1000"), r.out());
    Result wrongShape = run("run", jar, "--input", "image=" + writeDigits(dir, 2));
    assertEquals(1, wrongShape.code());
    assertTrue(wrongShape.err().contains("image"), wrongShape.err());
    Result otherBackend = run("run", jar, "--input", "image=" + writeDigits(dir, 1), "--backend", "interp");
    assertEquals(1, otherBackend.code());
    assertTrue(otherBackend.err().startsWith("error: a model jar holds JVM code"), otherBackend.err());
    Result openClJar = run("compile", "../samples/lenet5.tnet", "--weights", "../samples/mnist/lenet5.safetensors",
        "--input-shape", "image=1x1x28x28", "-o", jar, "--backend", "opencl");
    assertEquals(1, openClJar.code());
    assertTrue(openClJar.err().startsWith("error: compile writes JVM jars"), openClJar.err());
  }

  static String writeDigits(java.nio.file.Path dir, int n) {
    java.nio.file.Path p = dir.resolve("digits" + n + ".npy");
    dev.tnet.runtime.io.Npy.write(p, dev.tnet.runtime.Tensor.zeros(dev.tnet.runtime.Shape.of(n, 1, 28, 28)));
    return p.toString();
  }

  @Test
  void dumpsShowTheLoopIrAndTheBytecode(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path bytecode = dir.resolve("lenet5.asm.txt");
    Result r = run("run", "../samples/lenet5.tnet", "--random-weights", "3", "--input", "image=" + writeDigits(dir, 1),
        "--dump-ir", "lower", "--dump-bytecode", bytecode.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("=== loop IR after lower ===") && r.err().contains("kernel conv1 (conv2d+relu):")
        && r.err().contains("library conv2d(") && r.err().contains("kernel x.2 (max_pool2d):"), r.err());
    String asm = java.nio.file.Files.readString(bytecode);
    assertTrue(asm.contains("k0_") && asm.contains("FALOAD"), asm.substring(0, Math.min(400, asm.length())));
  }

  @Test
  void runProfilesTheKernelsOfTheRepeatedRuns(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    String digits = writeDigits(dir, 2);
    Result r = run("run", "../samples/lenet5.tnet", "--random-weights", "3", "--input", "image=" + digits, "--repeat", "5", "--profile");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("profile over 3 runs: 9 kernels") && r.out().contains("%  conv1\n") && r.out().contains("%  fc3\n"), r.out());
    Result interp = run("run", "../samples/lenet5.tnet", "--random-weights", "3", "--input", "image=" + digits, "--profile", "--backend", "interp");
    assertEquals(1, interp.code());
    assertTrue(interp.err().startsWith("error: --profile times the kernels of the jvm backend"), interp.err());
  }

  @Test
  void everyCommandTakesHelp() {
    for (String command : List.of("check", "params", "run", "compile", "import", "export", "devices", "fuzz", "ops", "version")) {
      Result r = run(command, "--help");
      assertEquals(0, r.code(), command + ": " + r.err());
      assertTrue(r.out().contains("Usage: tnet " + command), command + ": " + r.out());
    }
  }

  @Test
  void replayingAMissingReproducerIsAUserError() {
    Result r = run("fuzz", "--replay", "no-such-reproducer");
    assertEquals(1, r.code(), r.err());
    assertTrue(r.err().startsWith("error: no-such-reproducer: not a reproducer directory"), r.err());
  }

  @Test
  void sourceNestedTooDeeplyIsAUserErrorWithAPosition(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path deep = dir.resolve("deep.tnet");
    java.nio.file.Files.writeString(deep, "model m(x: f32[2]) {\n    return y = " + "(".repeat(100_000) + "x" + ")".repeat(100_000) + "\n}\n");
    Result r = run("check", deep.toString());
    assertEquals(1, r.code(), r.err().substring(0, Math.min(300, r.err().length())));
    assertTrue(r.err().startsWith(deep + ":2:271: error: brackets nested more than 256 deep"), r.err().substring(0, Math.min(300, r.err().length())));
  }
}
