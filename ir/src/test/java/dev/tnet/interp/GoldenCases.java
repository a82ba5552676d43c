package dev.tnet.interp;

import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.io.Json;
import dev.tnet.runtime.io.Safetensors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Loads the PyTorch golden cases of every family (tools/golden), for every engine's tests. */
public final class GoldenCases {
  public static final List<String> FAMILIES = List.of("spatial", "nn", "tensor");

  private GoldenCases() {}

  public static List<GoldenCase> loadAll() throws IOException {
    // Read as class-path resources, so the cases load from ir's test classes and from its test-jar alike.
    List<GoldenCase> all = new ArrayList<>();
    for (String family : FAMILIES) {
      @SuppressWarnings("unchecked")
      Map<String, Object> manifest = (Map<String, Object>) Json.parse(
          new String(resource(family + ".json").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), family + ".json");
      Map<String, Tensor> tensors = Safetensors.read(family + ".safetensors", resource(family + ".safetensors"));
      all.addAll(GoldenCase.parse(family, manifest, tensors));
    }
    return all;
  }

  private static java.io.InputStream resource(String name) {
    java.io.InputStream in = GoldenCases.class.getResourceAsStream("/conformance/" + name);
    if (in == null) throw new IllegalStateException("golden data /conformance/" + name + " is not on the class path");
    return in;
  }
}
