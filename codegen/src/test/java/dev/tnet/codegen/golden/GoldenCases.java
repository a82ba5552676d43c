package dev.tnet.codegen.golden;

import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.io.Json;
import dev.tnet.runtime.io.Safetensors;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A copy of ir's test harness (ir publishes no test jar). Loads the PyTorch golden cases of every family (tools/golden), for every engine's tests. */
public final class GoldenCases {
  public static final List<String> FAMILIES = List.of("spatial", "nn", "tensor");

  private GoldenCases() {}

  public static List<GoldenCase> loadAll() throws IOException, URISyntaxException {
    List<GoldenCase> all = new ArrayList<>();
    Path dir = Path.of(GoldenCases.class.getResource("/conformance").toURI());
    for (String family : FAMILIES) {
      @SuppressWarnings("unchecked")
      Map<String, Object> manifest = (Map<String, Object>) Json.parse(Files.readString(dir.resolve(family + ".json")), family + ".json");
      Map<String, Tensor> tensors = Safetensors.read(dir.resolve(family + ".safetensors"));
      all.addAll(GoldenCase.parse(family, manifest, tensors));
    }
    return all;
  }
}
