package dev.tnet.codegen.jvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.LoopProgram;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.loop.Stmt.*;
import dev.tnet.ir.pass.Vectorize;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.UserException;
import dev.tnet.runtime.model.CompiledModel;
import dev.tnet.runtime.model.ModelJar;
import dev.tnet.runtime.model.TnetVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.Utf8Entry;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ahead-of-time jars: written by the backend, loaded by the runtime alone, same results as JIT. */
class ModelJarTest {
  @TempDir Path dir;

  /** {@code y = affine relu} (parallel rows, vector columns) with an int64 weight too: {@code z[i] = ids[i] * 2}. */
  static LoopProgram program() {
    LoopProgram a = DumpTest.affineRelu(Loop.Kind.PARALLEL);
    return Vectorize.run(Programs.named("aot").input("x", ScalarType.F32, 4, 8).weight("w", ScalarType.F32, 8).weight("b", ScalarType.F32, 8)
        .weight("ids", ScalarType.I64, 3).output("y", ScalarType.F32, 4, 8).output("z", ScalarType.I64, 3)
        .kernel("affine_relu", a.kernels().getFirst().body())
        .kernel("ids", new Loop("i", 3, Loop.Kind.SERIAL, new Stmt.Store("z", Expr.idx("i"),
            new Expr.Binary(Expr.BinOp.MUL, new Expr.Load("ids", Expr.idx("i"), ScalarType.I64), new Expr.LongConst(2)))))
        .build());
  }

  static final Map<String, Tensor> WEIGHTS = Map.of("w", CompiledModelTest.WEIGHTS.get("w"), "b", CompiledModelTest.WEIGHTS.get("b"),
      "ids", Tensor.ofLongs(Shape.of(3), new long[] {5, -1, Long.MAX_VALUE}));

  Path written() {
    Path jar = dir.resolve("aot.jar");
    JvmBackend.writeJar(program(), WEIGHTS, jar, new JvmBackend.Options(2, true));
    return jar;
  }

  @Test
  void loadedJarGivesTheJitResults() {
    Path jar = written();
    Map<String, Tensor> in = Map.of("x", CompiledModelTest.x());
    CompiledModel aot = CompiledModel.load(jar);
    assertEquals(JvmBackend.compile(program(), WEIGHTS).inputs(), aot.inputs());
    assertEquals(JvmBackend.compile(program(), WEIGHTS).outputs(), aot.outputs());
    Engines.assertBitIdentical(JvmBackend.compile(program(), WEIGHTS).run(in), aot.run(in), "aot");
  }

  /** Every golden case through a jar equals the JIT bit for bit. */
  @Test
  void goldenCasesThroughJars() throws Exception {
    int n = 0;
    for (var c : dev.tnet.interp.GoldenCases.loadAll()) {
      if (c.error() != null) continue;
      n++;
      try {
        GoldenCasesJvmTest.run(c); // skips (aborts) cases whose op is not lowered yet
      } catch (org.opentest4j.TestAbortedException skipped) {
        continue;
      }
      AotCase.check(c, dir.resolve("case" + n + ".jar"));
    }
  }

  @Test
  void jarHoldsMetadataManifestAndOnlyRuntimeReferences() throws IOException {
    Path jar = written();
    try (JarFile f = new JarFile(jar.toFile())) {
      var attrs = f.getManifest().getMainAttributes();
      assertEquals(TnetVersion.CURRENT, attrs.getValue("Tnet-Version"));
      assertEquals("x: f32[4, 8]", attrs.getValue("Tnet-Inputs"));
      String meta = new String(f.getInputStream(f.getEntry(ModelJar.METADATA)).readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(meta.contains("\"tnetVersion\":\"" + TnetVersion.CURRENT + "\"") && meta.contains("\"shape\":[4,8]") && meta.contains("sha256"), meta);
      ZipEntry cls = f.getEntry("dev/tnet/generated/Model_aot.class");
      TreeSet<String> refs = referencedPackages(f.getInputStream(cls).readAllBytes());
      assertTrue(refs.contains("jdk/incubator/vector") && refs.contains("dev/tnet/runtime/model"), refs.toString());
      for (String r : refs) {
        assertTrue(r.startsWith("java/") || r.startsWith("jdk/incubator/vector") || r.startsWith("dev/tnet/runtime/")
            || r.equals("dev/tnet/generated"), "the class references " + r + ": " + refs);
      }
    }
  }

  /** The packages of every class named in a class file's constant pool, and in its descriptors. */
  static TreeSet<String> referencedPackages(byte[] classFile) {
    TreeSet<String> out = new TreeSet<>();
    Pattern desc = Pattern.compile("L([\\w/$]+);");
    for (PoolEntry e : ClassFile.of().parse(classFile).constantPool()) {
      String name = e instanceof ClassEntry c ? c.asInternalName() : null;
      if (name != null && !name.startsWith("[")) out.add(name.substring(0, Math.max(0, name.lastIndexOf('/'))));
      if (e instanceof Utf8Entry u && (u.stringValue().startsWith("(") || u.stringValue().startsWith("["))) {
        Matcher m = desc.matcher(u.stringValue());
        while (m.find()) out.add(m.group(1).substring(0, Math.max(0, m.group(1).lastIndexOf('/'))));
      }
    }
    return out;
  }

  /** In a class loader that sees only the runtime (not codegen, ir or ASM), the jar loads and runs. */
  @Test
  void loadsWithOnlyTheRuntimeOnTheClassPath() throws Exception {
    Path jar = written();
    URL runtime = CompiledModel.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader cl = new URLClassLoader(new URL[] {runtime}, ClassLoader.getPlatformClassLoader())) {
      for (String hidden : new String[] {"dev.tnet.codegen.jvm.JvmBackend", "dev.tnet.ir.loop.LoopProgram", "org.objectweb.asm.ClassWriter"}) {
        assertThrows(ClassNotFoundException.class, () -> cl.loadClass(hidden));
      }
      Class<?> model = cl.loadClass(CompiledModel.class.getName()), shape = cl.loadClass(Shape.class.getName()),
          tensor = cl.loadClass(Tensor.class.getName());
      assertNotSame(CompiledModel.class, model);
      Object m = model.getMethod("load", Path.class).invoke(null, jar);
      Object s = shape.getMethod("of", int[].class).invoke(null, (Object) new int[] {4, 8});
      Object x = tensor.getMethod("of", shape, float[].class).invoke(null, s, CompiledModelTest.x().floats());
      Map<?, ?> out = (Map<?, ?>) model.getMethod("run", Map.class).invoke(m, Map.of("x", x));
      Map<String, Tensor> want = JvmBackend.compile(program(), WEIGHTS).run(Map.of("x", CompiledModelTest.x()));
      assertArrayEquals(want.get("y").floats(), (float[]) tensor.getMethod("floats").invoke(out.get("y")));
      assertArrayEquals(want.get("z").longs(), (long[]) tensor.getMethod("longs").invoke(out.get("z")));
    }
  }

  // ---- broken jars ----

  /** Rewrites the jar's entries through {@code edit} (name to bytes, in order). */
  static void rewrite(Path jar, Consumer<Map<String, byte[]>> edit) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipFile z = new ZipFile(jar.toFile())) {
      for (ZipEntry e : java.util.Collections.list(z.entries())) entries.put(e.getName(), z.getInputStream(e).readAllBytes());
    }
    edit.accept(entries);
    try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream out = new ZipOutputStream(file)) {
      for (var e : entries.entrySet()) {
        out.putNextEntry(new ZipEntry(e.getKey()));
        out.write(e.getValue());
        out.closeEntry();
      }
    }
  }

  String loadError(Path jar) {
    return assertThrows(UserException.class, () -> CompiledModel.load(jar)).getMessage();
  }

  @Test
  void anotherVersionIsRefused() throws IOException {
    Path jar = written();
    rewrite(jar, e -> e.put(ModelJar.METADATA, new String(e.get(ModelJar.METADATA), StandardCharsets.UTF_8)
        .replace(TnetVersion.CURRENT, "0.0.1").getBytes(StandardCharsets.UTF_8)));
    String msg = loadError(jar);
    assertTrue(msg.contains("written by tnet 0.0.1") && msg.contains("this is tnet " + TnetVersion.CURRENT), msg);
  }

  @Test
  void truncatedJarIsRefused() throws IOException {
    Path jar = written();
    byte[] bytes = Files.readAllBytes(jar);
    Files.write(jar, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertTrue(loadError(jar).contains("not a readable model jar"));
  }

  @Test
  void checksumMismatchIsRefused() throws IOException {
    Path jar = written();
    rewrite(jar, e -> {
      byte[] w = e.get(ModelJar.WEIGHTS);
      w[w.length - 1] ^= 1; // a bit of the last weight
    });
    String msg = loadError(jar);
    assertTrue(msg.contains("corrupted model jar: checksum of " + ModelJar.WEIGHTS), msg);
    Path other = dir.resolve("other.jar");
    JvmBackend.writeJar(program(), WEIGHTS, other);
    rewrite(other, e -> e.get("dev/tnet/generated/Model_aot.class")[200] ^= 4);
    assertTrue(loadError(other).contains("checksum of dev/tnet/generated/Model_aot.class"));
  }

  @Test
  void missingEntriesAreRefused() throws IOException {
    Path jar = written();
    rewrite(jar, e -> e.remove("dev/tnet/generated/Model_aot.class"));
    assertTrue(loadError(jar).contains("entry dev/tnet/generated/Model_aot.class is missing"));
    Path noMeta = dir.resolve("nometa.jar");
    JvmBackend.writeJar(program(), WEIGHTS, noMeta);
    rewrite(noMeta, e -> e.remove(ModelJar.METADATA));
    assertTrue(loadError(noMeta).contains("not a tnet model jar"));
  }

  @Test
  void notAJarAndNoFile() throws IOException {
    Path junk = dir.resolve("junk.jar");
    Files.writeString(junk, "not a zip");
    assertTrue(loadError(junk).contains("not a readable model jar"));
    assertTrue(loadError(dir.resolve("absent.jar")).contains("no such model jar"));
  }

  @Test
  void malformedMetadataIsRefused() throws IOException {
    Path jar = written();
    rewrite(jar, e -> e.put(ModelJar.METADATA, "{\"format\":1,\"tnetVersion\":\"".concat(TnetVersion.CURRENT).concat("\"}")
        .getBytes(StandardCharsets.UTF_8)));
    assertTrue(loadError(jar).contains("malformed metadata"));
  }

  @Test
  void wrongWeightsAreRefusedWhenWriting() {
    UserException e = assertThrows(UserException.class, () -> JvmBackend.writeJar(program(), Map.of(), dir.resolve("x.jar")));
    assertTrue(e.getMessage().contains("missing weight 'ids' i64[3]"), e.getMessage());
    assertTrue(Files.notExists(dir.resolve("x.jar")));
  }
}
