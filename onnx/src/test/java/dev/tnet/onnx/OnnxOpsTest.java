package dev.tnet.onnx;

import static dev.tnet.onnx.Onnx.attr;
import static dev.tnet.onnx.Onnx.floats;
import static dev.tnet.onnx.Onnx.in;
import static dev.tnet.onnx.Onnx.ints;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.tnet.frontend.Frontend;
import dev.tnet.frontend.print.GraphEquivalence;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each op family on small hand-built ONNX models: imported, printed as .tnet and parsed back to
 * the same graph, then run by the interpreter and the JVM backend against ONNX Runtime on random
 * inputs (floats in [-2, 2), indices in [0, 10)). Tolerance: 1e-5 of max(|expected|, 1); these
 * graphs have at most a few dozen terms per sum, so float32 results agree to a few ulps.
 */
class OnnxOpsTest {
  private static final double TOL = 1e-5;

  static Stream<Arguments> cases() {
    List<Arguments> c = new ArrayList<>();
    // Convolutions.
    c.add(of("Conv bias stride pads", Onnx.graph(13).input("x", 1, 3, 9, 9).init("conv1.weight", 4, 3, 3, 3).init("conv1.bias", 4)
        .node("Conv", in("x", "conv1.weight", "conv1.bias"), "y", ints("strides", 2, 2), ints("pads", 1, 1, 1, 1)).output("y")));
    c.add(of("Conv asymmetric pads dilation", Onnx.graph(11).input("x", 1, 2, 10, 8).init("w", 3, 2, 3, 2)
        .node("Conv", in("x", "w"), "y", ints("pads", 0, 1, 2, 0), ints("dilations", 2, 1)).output("y")));
    c.add(of("Conv groups auto_pad SAME_UPPER", Onnx.graph(11).input("x", 1, 4, 7, 7).init("w", 4, 1, 4, 4)
        .node("Conv", in("x", "w"), "y", attr("group", 4L), attr("auto_pad", "SAME_UPPER"), ints("strides", 2, 2)).output("y")));
    c.add(of("Conv 1d + bias Add", Onnx.graph(13).input("x", 2, 3, 12).init("c.w_0", 5, 3, 3).init("c.b_0", 1, 5, 1)
        .node("Conv", in("x", "c.w_0"), "t").node("Add", in("t", "c.b_0"), "y").output("y")));
    c.add(of("ConvTranspose", Onnx.graph(13).input("x", 1, 4, 5, 5).init("w", 4, 3, 3, 3).init("b", 3)
        .node("ConvTranspose", in("x", "w", "b"), "y", ints("strides", 2, 2), ints("pads", 1, 1, 1, 1),
            ints("output_padding", 1, 1)).output("y")));
    c.add(of("ConvTranspose groups + bias Add", Onnx.graph(11).input("x", 1, 4, 4, 4).init("up.w", 4, 1, 2, 2).init("up.b", 1, 2, 1, 1)
        .node("ConvTranspose", in("x", "up.w"), "t", ints("strides", 2, 2), attr("group", 2L)).node("Add", in("t", "up.b"), "y")
        .output("y")));
    // Normalisation.
    c.add(of("BatchNormalization", Onnx.graph(9).input("x", 2, 3, 4, 4).init("bn.s", 3).init("bn.b", 3).init("bn.m", 3)
        .initRange("bn.v", 0.5f, 2f, 3).node("BatchNormalization", in("x", "bn.s", "bn.b", "bn.m", "bn.v"), "y", attr("epsilon", 1e-3f))
        .output("y")));
    c.add(of("InstanceNormalization", Onnx.graph(13).input("x", 2, 3, 5, 5).init("s", 3).init("b", 3)
        .node("InstanceNormalization", in("x", "s", "b"), "y").output("y")));
    c.add(of("LayerNormalization", Onnx.graph(17).input("x", 2, 5, 8).init("ln.weight", 8).init("ln.bias", 8)
        .node("LayerNormalization", in("x", "ln.weight", "ln.bias"), "y", attr("axis", -1L)).output("y")));
    c.add(of("GroupNormalization opset 18 (per group)", Onnx.graph(18).input("x", 2, 6, 3, 3).init("s", 3).init("b", 3)
        .node("GroupNormalization", in("x", "s", "b"), "y", attr("num_groups", 3L)).output("y")));
    c.add(of("GroupNormalization opset 21", Onnx.graph(21).input("x", 2, 6, 3, 3).init("s", 6).init("b", 6)
        .node("GroupNormalization", in("x", "s", "b"), "y", attr("num_groups", 2L)).output("y")));
    // Activations.
    for (String op : List.of("Relu", "Sigmoid", "Tanh", "Elu", "Selu", "Softplus", "Erf", "Abs", "Neg", "Exp")) {
      c.add(of(op, Onnx.graph(13).input("x", 2, 3, 4).node(op, in("x"), "y").output("y")));
    }
    c.add(of("HardSwish", Onnx.graph(14).input("x", 2, 3, 4).node("HardSwish", in("x"), "y").output("y")));
    c.add(of("Sqrt Log of |x|", Onnx.graph(13).input("x", 2, 3, 4).node("Abs", in("x"), "a").node("Sqrt", in("a"), "s")
        .node("Log", in("a"), "l").output("s", "l")));
    c.add(of("LeakyRelu", Onnx.graph(13).input("x", 2, 8).node("LeakyRelu", in("x"), "y", attr("alpha", 0.2f)).output("y")));
    c.add(of("Elu Selu custom", Onnx.graph(13).input("x", 2, 8).node("Elu", in("x"), "e", attr("alpha", 0.5f))
        .node("Selu", in("x"), "s", attr("alpha", 1.5f), attr("gamma", 1.1f)).output("e", "s")));
    c.add(of("PRelu per channel", Onnx.graph(13).input("x", 1, 3, 4, 4).init("act.slope", 3, 1, 1)
        .node("PRelu", in("x", "act.slope"), "y").output("y")));
    c.add(of("HardSigmoid Paddle and PyTorch", Onnx.graph(13).input("x", 2, 8).node("HardSigmoid", in("x"), "a")
        .node("HardSigmoid", in("x"), "b", attr("alpha", 1f / 6), attr("beta", 0.5f)).output("a", "b")));
    c.add(of("Clip opset 9 attrs", Onnx.graph(9).input("x", 2, 8).node("Clip", in("x"), "y", attr("min", -0.5f), attr("max", 1f))
        .output("y")));
    c.add(of("Clip opset 13 inputs (relu6, min only)", Onnx.graph(13).input("x", 2, 8).scalar("lo", 0).scalar("hi", 6).scalar("m", -1)
        .node("Clip", in("x", "lo", "hi"), "a").node("Clip", in("x", "m"), "b").output("a", "b")));
    c.add(of("Gelu", Onnx.graph(20).input("x", 2, 8).node("Gelu", in("x"), "a").node("Gelu", in("x"), "b", attr("approximate", "tanh"))
        .output("a", "b")));
    c.add(of("Softmax opset 11 flattens at axis", Onnx.graph(11).input("x", 2, 3, 4).node("Softmax", in("x"), "a", attr("axis", 1L))
        .node("LogSoftmax", in("x"), "b").output("a", "b")));
    c.add(of("Softmax opset 13 axis", Onnx.graph(13).input("x", 2, 3, 4).node("Softmax", in("x"), "a", attr("axis", 1L))
        .node("LogSoftmax", in("x"), "b").output("a", "b")));
    // Binary ops with numbers and tensors.
    c.add(of("binary ops with scalars", Onnx.graph(13).input("x", 2, 3, 4).scalar("half", 0.5f).scalar("three", 3f)
        .node("Mul", in("x", "half"), "a").node("Add", in("three", "a"), "b").node("Sub", in("three", "b"), "c")
        .node("Div", in("c", "three"), "d").node("Div", in("three", "d"), "e").node("Pow", in("x", "three"), "f")
        .node("Sub", in("f", "half"), "g").output("e", "g")));
    c.add(of("binary ops with tensors and constants", Onnx.graph(13).input("x", 2, 3, 4, 4).input("z", 1, 3, 1, 4)
        .init("se.scale", 1, 3, 1, 1).node("Mul", in("x", "se.scale"), "a").node("Add", in("a", "z"), "b")
        .node("Max", in("b", "x", "a"), "c").node("Min", in("c", "z"), "d").output("d")));
    c.add(of("Pow with tensor exponent", Onnx.graph(13).input("x", 2, 3).input("p", 2, 3).node("Abs", in("x"), "a")
        .node("Pow", in("a", "p"), "y").output("y")));
    // Pooling.
    c.add(of("MaxPool pads ceil_mode", Onnx.graph(11).input("x", 1, 2, 9, 9).node("MaxPool", in("x"), "y",
        ints("kernel_shape", 3, 3), ints("strides", 2, 2), ints("pads", 1, 1, 1, 1), attr("ceil_mode", 1L)).output("y")));
    c.add(of("MaxPool asymmetric pads", Onnx.graph(11).input("x", 1, 2, 8, 8).node("MaxPool", in("x"), "y",
        ints("kernel_shape", 2, 2), ints("strides", 2, 2), ints("pads", 0, 0, 1, 1)).output("y")));
    // End pads that only add ceil_mode's last windows (as tnet's exporter writes avg_pool with ceil_mode): 8 -> 4 and 9 -> 5.
    c.add(of("AveragePool end pads of ceil_mode", Onnx.graph(11).input("x", 1, 2, 8, 9).node("AveragePool", in("x"), "y",
        ints("kernel_shape", 3, 3), ints("strides", 2, 2), ints("pads", 0, 1, 1, 2)).output("y")));
    c.add(of("AveragePool count_include_pad 0 and 1", Onnx.graph(11).input("x", 1, 2, 7, 7)
        .node("AveragePool", in("x"), "a", ints("kernel_shape", 3, 3), ints("pads", 1, 1, 1, 1))
        .node("AveragePool", in("x"), "b", ints("kernel_shape", 3, 3), ints("pads", 1, 1, 1, 1), attr("count_include_pad", 1L),
            ints("strides", 2, 2)).output("a", "b")));
    c.add(of("Global pools", Onnx.graph(13).input("x", 2, 3, 5, 6).node("GlobalAveragePool", in("x"), "a")
        .node("GlobalMaxPool", in("x"), "b").output("a", "b")));
    // Resizing.
    c.add(of("Resize nearest asymmetric floor (interpolate)", Onnx.graph(11).input("x", 1, 2, 4, 5).init("roi", new float[0], 0)
        .init("scales", new float[] {1, 1, 2, 3}, 4).node("Resize", in("x", "roi", "scales"), "y", attr("mode", "nearest"),
            attr("coordinate_transformation_mode", "asymmetric"), attr("nearest_mode", "floor")).output("y")));
    c.add(of("Resize linear half_pixel sizes (bilinear)", Onnx.graph(13).input("x", 1, 2, 4, 5).longs("sizes", 1, 2, 7, 10)
        .node("Resize", in("x", "", "", "sizes"), "y", attr("mode", "linear")).output("y")));
    c.add(of("Resize linear align_corners", Onnx.graph(13).input("x", 1, 2, 4, 5).init("scales", new float[] {1, 1, 2, 2}, 4)
        .node("Resize", in("x", "", "scales"), "y", attr("mode", "linear"), attr("coordinate_transformation_mode", "align_corners"))
        .output("y")));
    c.add(of("Resize cubic (bicubic)", Onnx.graph(13).input("x", 1, 2, 4, 5).init("scales", new float[] {1, 1, 2, 2}, 4)
        .node("Resize", in("x", "", "scales"), "y", attr("mode", "cubic"), attr("cubic_coeff_a", -0.75f)).output("y")));
    c.add(of("Resize nearest half_pixel round_prefer_floor (resize)", Onnx.graph(13).input("x", 1, 2, 5, 5)
        .init("scales", new float[] {1, 1, 1.5f, 0.6f}, 4).node("Resize", in("x", "", "scales"), "y").output("y")));
    c.add(of("Resize linear asymmetric, cubic a=-0.5 (resize)", Onnx.graph(13).input("x", 1, 2, 4, 5)
        .init("scales", new float[] {1, 1, 2, 2}, 4).node("Resize", in("x", "", "scales"), "a", attr("mode", "linear"),
            attr("coordinate_transformation_mode", "asymmetric"))
        .node("Resize", in("x", "", "scales"), "b", attr("mode", "cubic"), attr("cubic_coeff_a", -0.5f)).output("a", "b")));
    c.add(of("Upsample opset 9", Onnx.graph(9).input("x", 1, 2, 3, 4).init("scales", new float[] {1, 1, 2, 2}, 4)
        .node("Upsample", in("x", "scales"), "y").output("y")));
    // Layout.
    c.add(of("Concat Split opset 13", Onnx.graph(13).input("x", 2, 6, 3).input("z", 2, 2, 3).longs("parts", 3, 5)
        .node("Concat", in("x", "z"), "c", attr("axis", 1L)).node("Split", in("c", "parts"), List.of("a", "b"), attr("axis", 1L))
        .node("Split", in("x"), List.of("p", "q", "r"), attr("axis", 1L)).output("a", "b", "q")));
    c.add(of("Split opset 11 attr", Onnx.graph(11).input("x", 2, 6).node("Split", in("x"), List.of("a", "b"), attr("axis", 1L),
        ints("split", 2, 4)).output("a", "b")));
    c.add(of("Slice opset 9 attrs", Onnx.graph(9).input("x", 4, 6, 5).node("Slice", in("x"), "y", ints("starts", 1, -4),
        ints("ends", 3, 100), ints("axes", 0, 2)).output("y")));
    c.add(of("Slice opset 13 inputs with steps", Onnx.graph(13).input("x", 4, 6, 5).longs("st", 0, 1).longs("en", 4, 6)
        .longs("ax", 1, 2).longs("sp", 2, 2).node("Slice", in("x", "st", "en", "ax", "sp"), "y").output("y")));
    c.add(of("Reshape by a folded shape chain", Onnx.graph(13).input("x", 2, 3, 4, 5).longs("i0", 0).longs("minus1", -1)
        .node("Shape", in("x"), "s").node("Gather", in("s", "i0"), "n", attr("axis", 0L))
        .node("Concat", in("n", "minus1"), "target", attr("axis", 0L)).node("Reshape", in("x", "target"), "flat")
        .node("Cast", in("s"), "sf", attr("to", (long) TensorProto.DataType.FLOAT_VALUE)).output("flat")));
    c.add(of("Reshape with 0 and -1, Flatten", Onnx.graph(13).input("x", 2, 3, 4, 5).longs("shape", 0, -1, 5)
        .node("Reshape", in("x", "shape"), "a").node("Flatten", in("x"), "b", attr("axis", 2L)).output("a", "b")));
    c.add(of("Transpose", Onnx.graph(13).input("x", 2, 3, 4).node("Transpose", in("x"), "a", ints("perm", 0, 2, 1))
        .node("Transpose", in("x"), "b", ints("perm", 2, 0, 1)).output("a", "b")));
    c.add(of("Squeeze Unsqueeze opset 11", Onnx.graph(11).input("x", 2, 1, 3).node("Squeeze", in("x"), "a", ints("axes", 1))
        .node("Unsqueeze", in("a"), "b", ints("axes", 0, 3)).output("b")));
    c.add(of("Squeeze Unsqueeze opset 13", Onnx.graph(13).input("x", 2, 1, 3).longs("ax", 1).longs("ax2", -1)
        .node("Squeeze", in("x", "ax"), "a").node("Unsqueeze", in("a", "ax2"), "b").output("b")));
    for (String mode : List.of("constant", "reflect", "edge", "wrap")) {
      c.add(of("Pad " + mode, Onnx.graph(13).input("x", 1, 2, 4, 5).longs("pads", 0, 0, 1, 2, 0, 0, 2, 1).scalar("v", 0.5f)
          .node("Pad", mode.equals("constant") ? in("x", "pads", "v") : in("x", "pads"), "y", attr("mode", mode)).output("y")));
    }
    c.add(of("Pad opset 9 attrs", Onnx.graph(9).input("x", 1, 2, 4, 5).node("Pad", in("x"), "y", ints("pads", 0, 0, 1, 1, 0, 0, 1, 1))
        .output("y")));
    // Linear algebra and lookups.
    c.add(of("Gemm transB alpha beta", Onnx.graph(13).input("x", 3, 5).init("fc.weight", 4, 5).init("fc.bias", 4)
        .node("Gemm", in("x", "fc.weight", "fc.bias"), "y", attr("transB", 1L), attr("alpha", 0.5f), attr("beta", 2f)).output("y")));
    c.add(of("Gemm transA, no bias", Onnx.graph(13).input("x", 5, 3).init("w", 5, 4)
        .node("Gemm", in("x", "w"), "y", attr("transA", 1L)).output("y")));
    c.add(of("Gemm of two inputs", Onnx.graph(13).input("a", 3, 5).input("b", 5, 4).input("c", 3, 4)
        .node("Gemm", in("a", "b", "c"), "y", attr("beta", 0.5f)).output("y")));
    c.add(of("MatMul initializer + Add (linear)", Onnx.graph(13).input("x", 2, 3, 6).init("fc_0.w_0", 6, 4).init("fc_0.b_0", 4)
        .node("MatMul", in("x", "fc_0.w_0"), "t").node("Add", in("t", "fc_0.b_0"), "y").output("y")));
    c.add(of("MatMul of two inputs", Onnx.graph(13).input("a", 2, 3, 6).input("b", 2, 6, 4).node("MatMul", in("a", "b"), "y")
        .output("y")));
    c.add(of("Gather embedding", Onnx.graph(13).inputInt64("ids", 2, 5).init("emb.weight", 10, 4)
        .node("Gather", in("emb.weight", "ids"), "y").output("y")));
    c.add(of("Gather constant index", Onnx.graph(13).input("x", 2, 5, 3).initInts("i", new long[] {-2}).longs("run", 1, 2, 3)
        .node("Gather", in("x", "i"), "a", attr("axis", 1L)).node("Gather", in("x", "run"), "b", attr("axis", 1L)).output("a", "b")));
    // Reductions and no-ops.
    c.add(of("ReduceMean ReduceMax attrs", Onnx.graph(13).input("x", 2, 3, 4).node("ReduceMean", in("x"), "a", ints("axes", 1, 2))
        .node("ReduceMax", in("x"), "b", ints("axes", -1), attr("keepdims", 0L)).output("a", "b")));
    c.add(of("ReduceSum ReduceMean inputs", Onnx.graph(18).input("x", 2, 3, 4).longs("ax", 1).node("ReduceSum", in("x", "ax"), "a")
        .node("ReduceMean", in("x"), "b", attr("keepdims", 0L)).output("a", "b")));
    c.add(of("Dropout Identity Constant", Onnx.graph(13).input("x", 2, 3)
        .node("Constant", in(), "k", Onnx.tensorAttr("value", new float[] {1, 2, 3}, 3)).node("Dropout", in("x"), "d")
        .node("Identity", in("d"), "i").node("Add", in("i", "k"), "y").output("y")));
    // Exporter patterns.
    c.add(of("hardswish pattern (opset 11 Clip)", Onnx.graph(11).input("x", 2, 8).scalar("three", 3).scalar("zero", 0)
        .scalar("six", 6).node("Add", in("x", "three"), "a").node("Clip", in("a", "zero", "six"), "c").node("Mul", in("x", "c"), "m")
        .node("Div", in("m", "six"), "y").output("y")));
    c.add(of("x * hardsigmoid(x) pattern", Onnx.graph(13).input("x", 2, 8).node("HardSigmoid", in("x"), "h",
        attr("alpha", 1f / 6), attr("beta", 0.5f)).node("Mul", in("h", "x"), "y").output("y")));
    return c.stream();
  }

  private static Arguments of(String name, Onnx model) {
    return Arguments.of(name, model);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesOnnxRuntime(String name, Onnx model) {
    byte[] bytes = model.bytes();
    OnnxImport.Model m = OnnxImport.read(name, bytes, Map.of());
    String source = m.source();
    var reparsed = Frontend.compileSource(name + ".tnet", source, null, Map.of()).graph();
    assertTrue(GraphEquivalence.same(m.graph(), reparsed), () -> "the printed source does not give the graph back:\n" + source
        + GraphEquivalence.difference(m.graph(), reparsed).orElse(""));
    Map<String, Tensor> inputs = inputs(model);
    List<Tensor> expected = OrtOracle.ort(bytes, inputs);
    for (OrtOracle.Engine engine : List.of(OrtOracle.Engine.INTERP, OrtOracle.Engine.JVM)) {
      List<Tensor> actual = OrtOracle.tnet(m, inputs, engine);
      assertEquals(expected.size(), actual.size());
      for (int i = 0; i < expected.size(); i++) {
        OrtOracle.Error e = OrtOracle.Error.of(actual.get(i), expected.get(i), 1.0);
        assertTrue(e.maxRel() <= TOL, () -> name + " (" + engine.label() + "): " + e + "\n" + source);
      }
    }
  }

  private static Map<String, Tensor> inputs(Onnx model) {
    Map<String, Tensor> in = new LinkedHashMap<>();
    Random r = new Random(11);
    for (ValueInfoProto v : model.model().getGraph().getInputList()) {
      var tt = v.getType().getTensorType();
      int[] shape = tt.getShape().getDimList().stream().mapToInt(d -> (int) d.getDimValue()).toArray();
      Shape s = Shape.of(shape);
      if (tt.getElemType() == TensorProto.DataType.INT64_VALUE) {
        long[] x = new long[s.size()];
        for (int i = 0; i < x.length; i++) x[i] = r.nextInt(10);
        in.put(v.getName(), Tensor.ofLongs(s, x));
      } else {
        in.put(v.getName(), OrtOracle.uniform(r.nextLong(), -2, 2, shape));
      }
    }
    return in;
  }
}
