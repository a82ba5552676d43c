package dev.tnet.driver.demo;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.GraphBuilder;
import dev.tnet.ir.graph.TensorType;
import java.util.Map;

/**
 * The built-in demo network: a small image classifier (two conv blocks, global pooling, a linear
 * classifier) over 3×32×32 images, with a symbolic batch size {@code N}.
 */
public final class DemoNetwork {
  private DemoNetwork() {}

  public static Graph build() {
    var b = new GraphBuilder("tinynet");
    String x = b.input("image", TensorType.f32(Dim.sym("N"), Dim.of(3), Dim.of(32), Dim.of(32)));
    String h = b.layer("conv1", "conv2d", Map.of("out_channels", 16, "kernel_size", 3, "padding", 1, "bias", false), x);
    h = b.layer("bn1", "batch_norm", Map.of(), h);
    h = b.call("relu", Map.of(), h);
    h = b.call("max_pool2d", Map.of("kernel_size", 2), h);
    h = b.layer("conv2", "conv2d", Map.of("out_channels", 32, "kernel_size", 3, "stride", 2, "padding", 1), h);
    h = b.call("relu", Map.of(), h);
    h = b.call("global_avg_pool", Map.of(), h);
    h = b.call("flatten", Map.of("start_dim", 1), h);
    h = b.layer("fc", "linear", Map.of("out_features", 10), h);
    String p = b.call("softmax", Map.of("dim", 1), h);
    return b.output("probabilities", p).build();
  }
}
