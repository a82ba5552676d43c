package dev.tnet.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnet.interp.Interpreter;
import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.GraphTyper;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.io.Npy;
import dev.tnet.runtime.io.Safetensors;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A state_dict exported from torchvision's ResNet-18 structure (every width divided by 8, by
 * tools/resnet/export_resnet18_w8.py) loads into samples/resnet18.tnet without renaming, and the
 * interpreter reproduces PyTorch's logits.
 */
class ResNetStateDictTest {
  static final Path DIR = Path.of("../samples/resnet");

  static Graph resnet18w8() {
    return Frontend.compile(Path.of("../samples/resnet18.tnet"), null,
        Map.of("width", "8", "classes", "10", "size", "64")).graph();
  }

  @Test
  void everyTensorOfTheStateDictHasItsPlaceInTheModel() {
    Map<String, Tensor> sd = Safetensors.read(DIR.resolve("resnet18_w8.safetensors"));
    var params = GraphTyper.infer(resnet18w8()).params();
    assertEquals(new java.util.TreeSet<>(sd.keySet()), new java.util.TreeSet<>(params.keySet()));
    for (var p : params.values()) assertEquals(p.type().shape(), sd.get(p.name()).shape(), p.name());
  }

  /**
   * Against PyTorch's float64 run: within 5e-5 absolute (logits are of magnitude ~1; the
   * interpreter rounds to float32 after each of the ~60 ops, each adding at most ~6e-8 relative
   * error, and PyTorch's own float32 run differs from float64 by 7.8e-7).
   */
  @Test
  void logitsMatchPyTorch() {
    Tensor got = Interpreter.run(resnet18w8(), Map.of("image", Npy.read(DIR.resolve("input.npy"))),
        Safetensors.read(DIR.resolve("resnet18_w8.safetensors"))).get("logits");
    Tensor want = Npy.read(DIR.resolve("expected_logits_f64.npy"));
    assertEquals(want.shape(), got.shape());
    for (int i = 0; i < want.size(); i++) {
      assertTrue(Math.abs(want.floats()[i] - got.floats()[i]) <= 5e-5,
          "logit " + i + ": want " + want.floats()[i] + ", got " + got.floats()[i]);
    }
    assertEquals(List.of(2, 10), java.util.Arrays.stream(got.shape().dims()).boxed().toList());
  }
}
