package dev.tnet.runtime.model;

import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.UserException;
import dev.tnet.runtime.io.Json;
import dev.tnet.runtime.io.Safetensors;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The layout of a model jar and its loading. A jar written by the JVM backend holds:
 *
 * <ul>
 *   <li>{@value #METADATA}: JSON with the format number, the tnet version that wrote the jar, the
 *       generated class's name, the thread count, the signature (inputs with their shapes,
 *       outputs, weights) and the SHA-256 of every other entry;
 *   <li>the generated class file, which references only {@code java.*},
 *       {@code jdk.incubator.vector} and {@code dev.tnet.runtime.*};
 *   <li>{@value #WEIGHTS}: the weights;
 *   <li>{@code META-INF/MANIFEST.MF}, which repeats the version, class and inputs for people.
 * </ul>
 *
 * Loading checks the version before anything else, then every checksum, then defines the class in
 * a {@link ModelClassLoader} of its own (so a discarded model can be unloaded, and its kernels are
 * its own).
 */
public final class ModelJar {
  public static final String METADATA = "META-INF/tnet/model.json";
  public static final String WEIGHTS = "META-INF/tnet/weights.safetensors";
  /** Bumped when the layout or the generated class's contract with {@link GeneratedModel} changes. */
  public static final int FORMAT = 1;

  private ModelJar() {}

  /** The metadata entry: everything {@link #load} checks before defining the class. */
  public record Metadata(String tnetVersion, String className, int threads, ModelSignature signature,
      Map<String, String> sha256) {
    public Metadata {
      sha256 = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sha256));
    }

    public String toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("format", (long) FORMAT);
      m.put("tnetVersion", tnetVersion);
      m.put("className", className);
      m.put("threads", (long) threads);
      m.put("signature", Json.parse(signature.toJson(), "signature"));
      m.put("sha256", new LinkedHashMap<String, Object>(sha256));
      return Json.write(m);
    }
  }

  /** The hex SHA-256 of {@code bytes}. */
  public static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  static CompiledModel load(Path jar) {
    String where = jar.toString();
    if (!Files.exists(jar)) throw new UserException(where + ": no such model jar");
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      Metadata meta = metadata(zip, where);
      byte[] classBytes = null;
      Map<String, Tensor> weights = null;
      for (Map.Entry<String, String> e : meta.sha256().entrySet()) {
        ZipEntry entry = zip.getEntry(e.getKey());
        if (entry == null) throw new UserException(where + ": corrupted model jar: entry " + e.getKey() + " is missing");
        MessageDigest md = digest();
        try (InputStream in = new DigestInputStream(zip.getInputStream(entry), md)) {
          if (e.getKey().equals(WEIGHTS)) weights = Safetensors.read(where + "!/" + WEIGHTS, in);
          else classBytes = in.readAllBytes();
          in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (UserException bad) {
          throw new UserException(where + ": corrupted model jar: " + bad.getMessage(), bad);
        }
        String got = HexFormat.of().formatHex(md.digest());
        if (!got.equals(e.getValue())) {
          throw new UserException(where + ": corrupted model jar: checksum of " + e.getKey() + " is " + got + ", expected " + e.getValue());
        }
      }
      String classEntry = meta.className().replace('.', '/') + ".class";
      if (classBytes == null || weights == null || !meta.sha256().containsKey(classEntry)) {
        throw new UserException(where + ": corrupted model jar: the metadata does not list " + classEntry + " and " + WEIGHTS);
      }
      return instantiate(meta, classBytes, weights, where);
    } catch (NoSuchFileException e) {
      throw new UserException(where + ": no such model jar", e);
    } catch (IOException e) {
      throw new UserException(where + ": not a readable model jar (" + e.getMessage() + ")", e);
    }
  }

  private static Metadata metadata(ZipFile zip, String where) throws IOException {
    ZipEntry entry = zip.getEntry(METADATA);
    if (entry == null) throw new UserException(where + ": not a tnet model jar (no " + METADATA + ")");
    String text;
    try (InputStream in = zip.getInputStream(entry)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String at = where + "!/" + METADATA;
    try {
      Map<?, ?> m = (Map<?, ?>) Json.parse(text, at);
      String version = (String) m.get("tnetVersion");
      if (!TnetVersion.CURRENT.equals(version) || !Long.valueOf(FORMAT).equals(m.get("format"))) {
        throw new UserException(where + ": the model jar was written by tnet " + version + " (format " + m.get("format")
            + "); this is tnet " + TnetVersion.CURRENT + " (format " + FORMAT + "): compile the model again with this version");
      }
      Map<String, String> sums = new LinkedHashMap<>();
      ((Map<?, ?>) m.get("sha256")).forEach((k, v) -> sums.put((String) k, (String) v));
      ModelSignature sig = ModelSignature.fromJson(Json.write(m.get("signature")), at);
      return new Metadata(version, (String) m.get("className"), Math.toIntExact((Long) m.get("threads")), sig, sums);
    } catch (ClassCastException | NullPointerException | IllegalArgumentException | ArithmeticException e) {
      throw new UserException(at + ": corrupted model jar: malformed metadata (" + e + ")", e);
    }
  }

  private static CompiledModel instantiate(Metadata meta, byte[] classBytes, Map<String, Tensor> weights, String where) {
    Class<?> c;
    try {
      c = new ModelClassLoader().define(meta.className(), classBytes);
    } catch (LinkageError e) {
      throw new UserException(where + ": corrupted model jar: cannot define " + meta.className() + " (" + e + ")", e);
    }
    if (!GeneratedModel.class.isAssignableFrom(c)) {
      throw new UserException(where + ": corrupted model jar: " + meta.className() + " is not a generated model");
    }
    try {
      var ctor = c.getConstructor(Map.class, WorkerPool.class);
      GeneratedModel model = (GeneratedModel) ctor.newInstance(weights, WorkerPool.shared(meta.threads()));
      if (!model.signature().equals(meta.signature())) {
        throw new UserException(where + ": corrupted model jar: the class's signature differs from the metadata's");
      }
      return model;
    } catch (InvocationTargetException | LinkageError e) {
      Throwable cause = e instanceof InvocationTargetException i ? i.getCause() : e;
      if (String.valueOf(cause).contains("jdk/incubator/vector") || String.valueOf(cause).contains("jdk.incubator.vector")) {
        throw new UserException(where + ": the model uses the Vector API: run java with --add-modules jdk.incubator.vector", cause);
      }
      if (cause instanceof RuntimeException r) throw r;
      throw new UserException(where + ": cannot create the model (" + cause + ")", cause);
    } catch (ReflectiveOperationException e) {
      throw new UserException(where + ": corrupted model jar: " + meta.className() + " has no model constructor (" + e + ")", e);
    }
  }
}
