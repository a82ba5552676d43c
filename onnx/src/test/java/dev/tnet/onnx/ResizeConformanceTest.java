package dev.tnet.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.ByteString;
import dev.tnet.codegen.jvm.JvmBackend;
import dev.tnet.interp.Interpreter;
import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.GraphBuilder;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.pass.LoopPipeline;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance suite of tnet's {@code resize}: ONNX Runtime's CPU Resize is the oracle. For every
 * mode x coordinate_transformation_mode x nearest_mode (nearest only; the interpolating modes ignore
 * it) x exclude_outside and two cubic_coeff_a (cubic only), in 1, 2 and 3 spatial dims, upsampling
 * and downsampling, by scales and by sizes (some of them to a single output, the corner of
 * align_corners and pytorch_half_pixel), a one-node ONNX model runs in ONNX Runtime and the same
 * resize runs in tnet's interpreter and, lowered and compiled, on the JVM backend.
 *
 * <p>ONNX Runtime's cubic mode takes only 4-D inputs, so 1-D cubic runs there as {@code [N, C, 1,
 * W]}, and 3-D cubic as two separable passes: {@code (H, W)} on {@code [N*C, D, H, W]}, then {@code
 * D} on {@code [N, C, D, H'*W']} (a dim of scale 1 is the identity in ONNX Runtime).
 *
 * <p>Tolerance: nearest is a gather and must be bit-identical. Linear and cubic allow {@code |tnet -
 * ort| <= 2e-5 * (1 + |ort|)} on inputs in [-1, 1]: ONNX Runtime rounds its weights to float32 and
 * sums at most 4^3 = 64 float32 products of magnitude at most about 1.3 (two passes for 3-D cubic),
 * an error below 64 * 1.3 * 2^-24 = 5e-6; tnet's reference sums in double and its JIT uses float32
 * weights. A wrong tap or weight errs by far more (about 0.01 and up on this data).
 *
 * <p>Not compared: tf_crop_and_resize (refused by tnet), and scales that leave every dim's size
 * unchanged while not being 1 (ONNX Runtime then copies the input; tnet samples with the scale, as
 * the ONNX specification says); the draws avoid scales that leave any dim's size unchanged.
 */
class ResizeConformanceTest {
  private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
  static final List<String> COORDS = List.of("half_pixel", "half_pixel_symmetric", "pytorch_half_pixel",
      "tf_half_pixel_for_nn", "align_corners", "asymmetric");
  static final List<String> NEAREST = List.of("round_prefer_floor", "round_prefer_ceil", "floor", "ceil");
  static final double TOLERANCE = 2e-5;

  /** One comparison: attributes, input shape, and scales or sizes for the spatial dims. */
  record Case(String mode, String coord, String nearest, double cubicA, boolean exclude, long[] shape,
      double[] scales, long[] sizes) {
    int dims() {
      return shape.length - 2;
    }

    long[] outShape() {
      long[] o = shape.clone();
      for (int i = 0; i < dims(); i++) {
        o[2 + i] = scales != null ? (long) Math.floor((float) shape[2 + i] * (float) scales[i]) : sizes[i];
      }
      return o;
    }

    public String toString() {
      return mode + " " + coord + (mode.equals("nearest") ? " " + nearest : "")
          + (mode.equals("cubic") ? " A=" + cubicA + (exclude ? " exclude_outside" : "") : "") + " x" + Arrays.toString(shape)
          + (scales != null ? " scales=" + Arrays.toString(scales) : " sizes=" + Arrays.toString(sizes));
    }
  }

  @TestFactory
  Stream<DynamicTest> tnetMatchesOnnxRuntime() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String mode : List.of("nearest", "linear", "cubic")) {
      for (String coord : COORDS) {
        for (String nearest : mode.equals("nearest") ? NEAREST : List.of("round_prefer_floor")) {
          for (double a : mode.equals("cubic") ? List.of(-0.75, -0.5) : List.of(-0.75)) {
            for (boolean exclude : mode.equals("cubic") ? List.of(false, true) : List.of(false)) {
              for (int dims = 1; dims <= 3; dims++) {
                for (String direction : List.of("up", "down")) {
                  for (boolean bySizes : List.of(false, true)) {
                    long seed = (mode + coord + nearest + a + exclude + dims + direction + bySizes).hashCode();
                    Case c = draw(new SplittableRandom(seed), mode, coord, nearest, a, exclude, dims, direction.equals("up"), bySizes);
                    tests.add(DynamicTest.dynamicTest(c.toString(), () -> check(c)));
                  }
                }
              }
            }
          }
        }
      }
    }
    return tests.stream();
  }

  /**
   * A case with random sizes. Scales never leave a dim's size unchanged (see the class comment: the
   * 4-D passes of 1-D and 3-D cubic would each be such a copy in ONNX Runtime).
   */
  static Case draw(SplittableRandom r, String mode, String coord, String nearest, double a, boolean exclude, int dims,
      boolean up, boolean bySizes) {
    double[] upScales = {1.5, 1.7, 2.0, 2.5, 3.0, 4.0};
    double[] downScales = {0.3, 0.5, 0.6, 0.75, 0.8};
    while (true) {
      long[] shape = new long[dims + 2];
      shape[0] = 1 + r.nextInt(2);
      shape[1] = 1 + r.nextInt(3);
      for (int i = 0; i < dims; i++) shape[2 + i] = up ? 1 + r.nextInt(dims == 3 ? 4 : 6) : 2 + r.nextInt(dims == 3 ? 6 : 9);
      double[] scales = null;
      long[] sizes = null;
      if (bySizes) {
        sizes = new long[dims];
        for (int i = 0; i < dims; i++) {
          long in = shape[2 + i];
          sizes[i] = up ? in + 1 + r.nextInt((int) (2 * in)) : r.nextInt(3) == 0 ? 1 : 1 + r.nextInt((int) in - 1);
        }
      } else {
        scales = new double[dims];
        for (int i = 0; i < dims; i++) scales[i] = up ? upScales[r.nextInt(upScales.length)] : downScales[r.nextInt(downScales.length)];
      }
      Case c = new Case(mode, coord, nearest, a, exclude, shape, scales, sizes);
      long[] out = c.outShape();
      boolean empty = Arrays.stream(out).anyMatch(v -> v < 1), unchanged = Arrays.equals(out, shape);
      for (int i = 0; i < dims && scales != null; i++) unchanged |= out[2 + i] == shape[2 + i];
      if (!empty && !unchanged) return c;
    }
  }

  static void check(Case c) throws OrtException {
    SplittableRandom r = new SplittableRandom(Arrays.hashCode(c.shape()));
    Shape shape = Shape.ofLongs(c.shape());
    float[] xs = new float[shape.size()];
    for (int i = 0; i < xs.length; i++) xs[i] = (float) r.nextDouble(-1, 1);
    Tensor x = Tensor.of(shape, xs);

    Tensor ort = ort(c, x);
    Graph g = graph(c);
    Tensor interp = Interpreter.run(g, Map.of("x", x), Map.of()).get("y");
    Tensor jit = JvmBackend.compile(LoopPipeline.compile(g, Map.of("x", shape), LoopPipeline.Listener.NONE), Map.of())
        .run(Map.of("x", x)).get("y");
    compare("interpreter", c, ort, interp);
    compare("JVM backend", c, ort, jit);
  }

  static void compare(String engine, Case c, Tensor want, Tensor got) {
    assertEquals(want.shape(), got.shape(), engine + ": output shape");
    float[] w = want.floats(), g = got.floats();
    for (int i = 0; i < w.length; i++) {
      boolean ok = c.mode().equals("nearest") ? Float.floatToIntBits(w[i]) == Float.floatToIntBits(g[i])
          : Math.abs(w[i] - g[i]) <= TOLERANCE * (1 + Math.abs(w[i]));
      if (!ok) fail(engine + " element " + i + " of " + want.shape() + ": ONNX Runtime " + w[i] + ", tnet " + g[i]);
    }
  }

  /** The tnet graph: {@code y = resize(x, ...)} with the spatial scales or sizes. */
  static Graph graph(Case c) {
    Map<String, Object> args = new LinkedHashMap<>();
    if (c.scales() != null) args.put("scales", Arrays.stream(c.scales()).boxed().toList());
    else args.put("size", Arrays.stream(c.sizes()).mapToInt(v -> (int) v).toArray());
    args.put("mode", c.mode());
    args.put("coordinate_transformation_mode", c.coord());
    args.put("nearest_mode", c.nearest());
    args.put("cubic_coeff_a", c.cubicA());
    args.put("exclude_outside", c.exclude());
    GraphBuilder b = new GraphBuilder("resize");
    b.input("x", TensorType.f32(c.shape()));
    return b.output("y", b.call("resize", args, "x")).build();
  }

  /** ONNX Runtime's result, directly or (cubic in 1-D and 3-D) through 4-D passes. */
  static Tensor ort(Case c, Tensor x) throws OrtException {
    long[] s = c.shape();
    if (!c.mode().equals("cubic") || c.dims() == 2) return resize(c, x, s, spatial(c.scales()), spatialSizes(c, s));
    if (c.dims() == 1) {
      long[] s4 = {s[0], s[1], 1, s[2]};
      Tensor y = resize(c, reshape(x, s4), s4, c.scales() == null ? null : new double[] {1, 1, 1, c.scales()[0]},
          c.sizes() == null ? null : new long[] {s[0], s[1], 1, c.sizes()[0]});
      return reshape(y, c.outShape());
    }
    long[] out = c.outShape();
    long[] first = {s[0] * s[1], s[2], s[3], s[4]};
    Tensor hw = resize(c, reshape(x, first), first, c.scales() == null ? null : new double[] {1, 1, c.scales()[1], c.scales()[2]},
        c.sizes() == null ? null : new long[] {first[0], first[1], out[3], out[4]});
    long[] second = {s[0], s[1], s[2], out[3] * out[4]};
    Tensor d = resize(c, reshape(hw, second), second, c.scales() == null ? null : new double[] {1, 1, c.scales()[0], 1},
        c.sizes() == null ? null : new long[] {s[0], s[1], out[2], second[3]});
    return reshape(d, out);
  }

  private static double[] spatial(double[] scales) {
    if (scales == null) return null;
    double[] full = new double[scales.length + 2];
    full[0] = full[1] = 1;
    System.arraycopy(scales, 0, full, 2, scales.length);
    return full;
  }

  private static long[] spatialSizes(Case c, long[] s) {
    if (c.sizes() == null) return null;
    long[] full = s.clone();
    System.arraycopy(c.sizes(), 0, full, 2, c.sizes().length);
    return full;
  }

  private static Tensor reshape(Tensor t, long[] shape) {
    return Tensor.of(Shape.ofLongs(shape), t.floats());
  }

  /** Runs a one-node Resize model in ONNX Runtime, with full-rank {@code scales} or {@code sizes}. */
  static Tensor resize(Case c, Tensor x, long[] shape, double[] scales, long[] sizes) throws OrtException {
    byte[] model = model(c, shape, scales, sizes);
    OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
    opts.setIntraOpNumThreads(1);
    opts.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR); // tf_half_pixel_for_nn's deprecation warning
    try (OrtSession session = ENV.createSession(model, opts);
        OnnxTensor in = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(x.floats()), shape);
        OrtSession.Result r = session.run(Map.of("X", in))) {
      OnnxTensor y = (OnnxTensor) r.get(0);
      FloatBuffer b = y.getFloatBuffer();
      float[] d = new float[b.remaining()];
      b.get(d);
      return Tensor.of(Shape.ofLongs(y.getInfo().getShape()), d);
    }
  }

  /**
   * {@code Y = Resize(X, roi='', scales | sizes)} at opset 19 (opset 13 for tf_half_pixel_for_nn,
   * which opset 18 dropped), with every attribute written out.
   */
  static byte[] model(Case c, long[] shape, double[] scales, long[] sizes) {
    OnnxMl.NodeProto.Builder node = OnnxMl.NodeProto.newBuilder().setOpType("Resize").setName("resize").addInput("X")
        .addInput("").addOutput("Y");
    OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder().setName("resize");
    if (scales != null) {
      node.addInput("scales");
      OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName("scales")
          .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).addDims(scales.length);
      for (double v : scales) t.addFloatData((float) v);
      graph.addInitializer(t);
    } else {
      node.addInput("").addInput("sizes");
      OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName("sizes")
          .setDataType(OnnxMl.TensorProto.DataType.INT64.getNumber()).addDims(sizes.length);
      for (long v : sizes) t.addInt64Data(v);
      graph.addInitializer(t);
    }
    node.addAttribute(str("mode", c.mode())).addAttribute(str("coordinate_transformation_mode", c.coord()))
        .addAttribute(str("nearest_mode", c.nearest()))
        .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("cubic_coeff_a").setType(OnnxMl.AttributeProto.AttributeType.FLOAT)
            .setF((float) c.cubicA()))
        .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("exclude_outside").setType(OnnxMl.AttributeProto.AttributeType.INT)
            .setI(c.exclude() ? 1 : 0));
    graph.addNode(node).addInput(value("X", shape)).addOutput(value("Y", null));
    int opset = c.coord().equals("tf_half_pixel_for_nn") ? 13 : 19;
    return OnnxMl.ModelProto.newBuilder().setIrVersion(9).setProducerName("tnet-test").setGraph(graph)
        .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset)).build().toByteArray();
  }

  private static OnnxMl.AttributeProto str(String name, String value) {
    return OnnxMl.AttributeProto.newBuilder().setName(name).setType(OnnxMl.AttributeProto.AttributeType.STRING)
        .setS(ByteString.copyFromUtf8(value)).build();
  }

  /** A float tensor's value info; {@code shape == null} leaves the shape unknown. */
  private static OnnxMl.ValueInfoProto value(String name, long[] shape) {
    OnnxMl.TypeProto.Tensor.Builder t = OnnxMl.TypeProto.Tensor.newBuilder().setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber());
    if (shape != null) {
      OnnxMl.TensorShapeProto.Builder s = OnnxMl.TensorShapeProto.newBuilder();
      for (long d : shape) s.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
      t.setShape(s);
    }
    return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder().setTensorType(t)).build();
  }
}
