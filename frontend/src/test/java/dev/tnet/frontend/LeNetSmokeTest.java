package dev.tnet.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tnet.interp.Interpreter;
import dev.tnet.ir.graph.GraphTyper;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.io.Npy;
import dev.tnet.runtime.io.Safetensors;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeNetSmokeTest {
  @Test
  void lenetMatchesPyTorch() {
    var r = Frontend.compile(Path.of("../samples/lenet5.tnet"), null, Map.of());
    System.out.println(r.graph());
    var typed = GraphTyper.infer(r.graph());
    assertEquals(61706, typed.params().values().stream().mapToLong(p -> p.type().shape().size()).sum());
  }
}
