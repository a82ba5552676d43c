package dev.tnet.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnet.interp.Interpreter;
import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.GraphTyper;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.io.Npy;
import dev.tnet.runtime.io.Safetensors;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The demo model end to end: samples/lenet5.tnet with the weights trained by
 * tools/mnist/train_lenet.py reproduces PyTorch's logits and its held-out accuracy.
 */
class LeNetTest {
  static final Path SAMPLES = Path.of("../samples");

  static Graph lenet() {
    return Frontend.compile(SAMPLES.resolve("lenet5.tnet"), null, Map.of()).graph();
  }

  @Test
  void stateDictNamesAndCountMatchTheTrainedModel() {
    var typed = GraphTyper.infer(lenet());
    Map<String, Tensor> weights = Safetensors.read(SAMPLES.resolve("mnist/lenet5.safetensors"));
    assertEquals(new java.util.TreeSet<>(weights.keySet()), new java.util.TreeSet<>(typed.params().keySet()));
    assertEquals(61_706, typed.params().values().stream().mapToLong(p -> p.type().shape().size()).sum());
  }

  /**
   * Tolerance 1e-4 absolute and relative: PyTorch ran in float32 (summation order free), the
   * interpreter accumulates in double; logits are of magnitude ~10, and 5 layers of float32
   * rounding give differences around 1e-5 there.
   */
  @Test
  void logitsMatchPyTorchOnTheFirst16Digits() {
    Tensor images = Npy.read(SAMPLES.resolve("mnist/test-images.npy"));
    float[] first = Arrays.copyOf(images.floats(), 16 * 784);
    Tensor want = Npy.read(SAMPLES.resolve("mnist/expected-logits.npy"));
    Tensor got = Interpreter.run(lenet(), Map.of("image", Tensor.of(Shape.of(16, 1, 28, 28), first)),
        Safetensors.read(SAMPLES.resolve("mnist/lenet5.safetensors"))).get("logits");
    assertEquals(want.shape(), got.shape());
    for (int i = 0; i < want.size(); i++) {
      double w = want.floats()[i], g = got.floats()[i];
      assertTrue(Math.abs(w - g) <= 1e-4 + 1e-4 * Math.abs(w), "logit " + i + ": want " + w + ", got " + g);
    }
  }

  @Test
  void heldOutAccuracyIsAtLeast97Percent() {
    Tensor logits = Interpreter.run(lenet(), Map.of("image", Npy.read(SAMPLES.resolve("mnist/test-images.npy"))),
        Safetensors.read(SAMPLES.resolve("mnist/lenet5.safetensors"))).get("logits");
    long[] labels = Npy.read(SAMPLES.resolve("mnist/test-labels.npy")).longs();
    int correct = 0;
    for (int i = 0; i < labels.length; i++) {
      int best = 0;
      for (int c = 1; c < 10; c++) if (logits.get(i, c) > logits.get(i, best)) best = c;
      if (best == labels[i]) correct++;
    }
    assertTrue(correct >= 970, "accuracy " + correct + " / " + labels.length);
  }
}
