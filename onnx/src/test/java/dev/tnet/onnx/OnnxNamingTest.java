package dev.tnet.onnx;

import static dev.tnet.onnx.Onnx.attr;
import static dev.tnet.onnx.Onnx.in;
import static dev.tnet.onnx.Onnx.ints;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The .tnet an import prints: layers named after initializers, exporter patterns folded back into one op. */
class OnnxNamingTest {
  @Test
  void paddleNamesConvThenBatchNormThenHardswish() {
    Onnx m = Onnx.graph(11).input("x", 1, 3, 8, 8).init("conv2d_57.w_0", 4, 3, 3, 3).init("batch_norm_3.w_0", 4)
        .init("batch_norm_3.b_0", 4).init("batch_norm_3.w_1", 4).initRange("batch_norm_3.w_2", 0.5f, 1, 4).scalar("three", 3)
        .scalar("zero", 0).scalar("six", 6).init("fc_0.w_0", 4, 2).init("fc_0.b_0", 2)
        .node("Conv", in("x", "conv2d_57.w_0"), "c", ints("pads", 1, 1, 1, 1))
        .node("BatchNormalization", in("c", "batch_norm_3.w_0", "batch_norm_3.b_0", "batch_norm_3.w_1", "batch_norm_3.w_2"), "bn")
        .node("Add", in("bn", "three"), "a").node("Clip", in("a", "zero", "six"), "cl").node("Mul", in("bn", "cl"), "mu")
        .node("Div", in("mu", "six"), "hs").node("GlobalAveragePool", in("hs"), "g").node("Flatten", in("g"), "f")
        .node("MatMul", in("f", "fc_0.w_0"), "mm").node("Add", in("mm", "fc_0.b_0"), "logits")
        .node("Softmax", in("logits"), "probs", attr("axis", 1L)).output("probs");
    OnnxImport.Model imported = OnnxImport.read("paddle.onnx", m.bytes(), Map.of());
    assertEquals("""
        model paddle(x: f32[1, 3, 8, 8]) {
            conv2d_57 = conv2d(x, 4, 3, padding=1, bias=False) @conv2d_57
            batch_norm_3 = batch_norm(conv2d_57) @batch_norm_3
            hardswish = hardswish(batch_norm_3)
            global_avg_pool = global_avg_pool(hardswish)
            flatten = flatten(global_avg_pool, start_dim=1)
            fc_0 = linear(flatten, 2) @fc_0
            softmax = softmax(fc_0, 1)
            return probs = softmax
        }
        """, imported.source());
    assertEquals("[batch_norm_3.bias, batch_norm_3.num_batches_tracked, batch_norm_3.running_mean, batch_norm_3.running_var,"
        + " batch_norm_3.weight, conv2d_57.weight, fc_0.bias, fc_0.weight]", new TreeSet<>(imported.weights().keySet()).toString());
  }

  @Test
  void pytorchNamesAndScalarsAndConstants() {
    Onnx m = Onnx.graph(13).input("input.1", 2, 3, 4, 4).init("features.0.weight", 3, 3, 1, 1).init("features.0.bias", 3)
        .init("onnx::Mul_7", 1, 3, 1, 1).scalar("onnx::Div_8", 255)
        .node("Div", in("input.1", "onnx::Div_8"), "d").node("Conv", in("d", "features.0.weight", "features.0.bias"), "c")
        .node("Mul", in("c", "onnx::Mul_7"), "y").output("y");
    assertEquals("""
        model pytorch(input_1: f32[2, 3, 4, 4]) {
            div = div(input_1, other=255.0)
            features_0 = conv2d(div, 3, 1) @features.0
            onnx__Mul_7 = constant((1, 3, 1, 1)) @onnx__Mul_7
            mul = mul(features_0, onnx__Mul_7)
            return y = mul
        }
        """, OnnxImport.read("pytorch.onnx", m.bytes(), Map.of()).source());
  }
}
