package dev.tnet.codegen.jvm;

import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.UserException;
import dev.tnet.runtime.io.Safetensors;
import dev.tnet.runtime.model.IoSpec;
import dev.tnet.runtime.model.ModelJar;
import dev.tnet.runtime.model.ModelSignature;
import dev.tnet.runtime.model.TnetVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/** Writes a model jar in the layout {@link ModelJar} describes and loads. */
final class JarWriter {
  private JarWriter() {}

  static void write(ModelSignature sig, String internalName, byte[] classFile, Map<String, Tensor> weights, int threads, Path jar) {
    sig.check("weight", sig.weights(), weights);
    Map<String, Tensor> ordered = new LinkedHashMap<>();
    for (IoSpec w : sig.weights()) ordered.put(w.name(), weights.get(w.name()));
    byte[] weightBytes = Safetensors.toBytes(ordered, Map.of("format", "pt"));
    String classEntry = internalName + ".class";
    Map<String, String> sums = new LinkedHashMap<>();
    sums.put(classEntry, ModelJar.sha256(classFile));
    sums.put(ModelJar.WEIGHTS, ModelJar.sha256(weightBytes));
    String className = internalName.replace('/', '.');
    byte[] metadata = new ModelJar.Metadata(TnetVersion.CURRENT, className, threads, sig, sums).toJson().getBytes(StandardCharsets.UTF_8);

    Manifest manifest = new Manifest();
    Attributes a = manifest.getMainAttributes();
    a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    a.putValue("Created-By", "tnet " + TnetVersion.CURRENT);
    a.putValue("Tnet-Version", TnetVersion.CURRENT);
    a.putValue("Tnet-Model", sig.name());
    a.putValue("Tnet-Model-Class", className);
    a.putValue("Tnet-Inputs", sig.inputs().stream().map(IoSpec::toString).collect(Collectors.joining("; ")));
    a.putValue("Tnet-Metadata-SHA-256", ModelJar.sha256(metadata));

    Path dir = jar.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, ".tnet-", ".jar.tmp");
      try (OutputStream file = Files.newOutputStream(tmp); JarOutputStream out = new JarOutputStream(file, manifest)) {
        entry(out, ModelJar.METADATA, metadata);
        entry(out, classEntry, classFile);
        entry(out, ModelJar.WEIGHTS, weightBytes);
      }
      Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UserException(jar + ": cannot write the model jar (" + e.getMessage() + ")", e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort: the temporary file is hidden and named as ours
        }
      }
    }
  }

  private static void entry(JarOutputStream out, String name, byte[] bytes) throws IOException {
    out.putNextEntry(new JarEntry(name));
    out.write(bytes);
    out.closeEntry();
  }
}
