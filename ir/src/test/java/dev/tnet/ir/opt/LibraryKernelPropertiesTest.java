package dev.tnet.ir.opt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnet.interp.Interpreter;
import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.GraphBuilder;
import dev.tnet.ir.graph.GraphTyper;
import dev.tnet.ir.graph.RandomWeights;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.loop.LoopInterpreter;
import dev.tnet.ir.loop.LoopProgram;
import dev.tnet.ir.lower.Lowering;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The library kernels, through planning, lowering and the loop interpreter, against the reference
 * interpreter on random layers. Inputs and weights are in [-1, 1]; a result of a reduction over
 * {@code K} products may differ from the reference (which sums in another order, partly in double)
 * by at most {@code 1e-6 * K * (1 + |want|)} (a few float ulps per term).
 */
class LibraryKernelPropertiesTest {
  @Property(tries = 150)
  void convMatchesReference(@ForAll @IntRange(min = 1, max = 2) int n, @ForAll @IntRange(min = 1, max = 3) int groups,
      @ForAll @IntRange(min = 1, max = 5) int cg, @ForAll @IntRange(min = 1, max = 9) int mg, @ForAll @IntRange(min = 1, max = 13) int h,
      @ForAll @IntRange(min = 1, max = 19) int w, @ForAll @IntRange(min = 1, max = 4) int k, @ForAll @IntRange(min = 1, max = 3) int stride,
      @ForAll @IntRange(min = 0, max = 2) int pad, @ForAll @IntRange(min = 1, max = 2) int dilation, @ForAll boolean depthwise,
      @ForAll boolean bias, @ForAll @IntRange(min = 0, max = 3) int epilogue, @ForAll @IntRange(min = 0, max = ACTIVATIONS) int act,
      @ForAll boolean manyOutputs, @ForAll long seed) {
    // Fewer than 8 panels of output channels per group read the taps in place, more gather B panels (Conv2dKernel.tapsInPlace).
    if (manyOutputs && !depthwise) mg += 28;
    int c = depthwise ? cg * groups : cg * groups, m = depthwise ? c * (1 + mg % 2) : mg * groups, g = depthwise ? c : groups;
    int oh = (h + 2 * pad - dilation * (k - 1) - 1) / stride + 1, ow = (w + 2 * pad - dilation * (k - 1) - 1) / stride + 1;
    if (oh < 1 || ow < 1 || h + 2 * pad < dilation * (k - 1) + 1 || w + 2 * pad < dilation * (k - 1) + 1) return;
    GraphBuilder b = new GraphBuilder("conv");
    String x = b.input("x", TensorType.f32(n, c, h, w));
    Map<String, Object> args = new LinkedHashMap<>(Map.of("out_channels", m, "kernel_size", k, "stride", stride, "padding", pad,
        "dilation", dilation, "groups", g, "bias", bias));
    String y = b.layer("conv", "conv2d", args, x);
    if ((epilogue & 1) != 0) y = b.layer("bn", "batch_norm", Map.of(), y);
    if ((epilogue & 2) != 0) y = b.call("add", Map.of(), y, b.input("r", TensorType.f32(n, m, oh, ow)));
    y = activation(b, y, act);
    b.output("y", y);
    boolean dw = g > 1 && c == g;
    check(b.build(), seed, (long) (dw ? 1 : cg) * k * k, dw ? "depthwise2d" : "conv2d");
  }

  /**
   * 3×3 stride-1 convolutions by Winograd F(2×2, 3×3): odd and even output sizes (tiles cut by
   * the edge), vectors of tiles spanning tile rows, a last block past the last tile, one or two
   * images, every fusable epilogue; few blocks make items split channel panels over a shared
   * transformed input.
   */
  @Property(tries = 60)
  void winogradConvMatchesReference(@ForAll @IntRange(min = 1, max = 2) int n, @ForAll @IntRange(min = 16, max = 40) int c,
      @ForAll @IntRange(min = 32, max = 44) int m, @ForAll @IntRange(min = 5, max = 19) int h, @ForAll @IntRange(min = 5, max = 23) int w,
      @ForAll @IntRange(min = 0, max = 2) int pad, @ForAll boolean bias, @ForAll @IntRange(min = 0, max = 3) int epilogue,
      @ForAll @IntRange(min = 0, max = ACTIVATIONS) int act, @ForAll long seed) {
    int oh = h + 2 * pad - 2, ow = w + 2 * pad - 2;
    if (!dev.tnet.runtime.kernel.WinogradKernel.worthIt(c, m, oh, ow)) return;
    GraphBuilder b = new GraphBuilder("conv");
    String x = b.input("x", TensorType.f32(n, c, h, w));
    String y = b.layer("conv", "conv2d", Map.of("out_channels", m, "kernel_size", 3, "padding", pad, "bias", bias), x);
    if ((epilogue & 1) != 0) y = b.layer("bn", "batch_norm", Map.of(), y);
    if ((epilogue & 2) != 0) y = b.call("add", Map.of(), y, b.input("r", TensorType.f32(n, m, oh, ow)));
    b.output("y", activation(b, y, act));
    check(b.build(), seed, 9L * c, "conv2d_winograd");
  }

  /** Long reductions: {@code K = cg * k * k} past the kernel's K block (1024), so blocks continue partial sums (B panels of one or more tiles). */
  @Property(tries = 15)
  void longReductionConvMatchesReference(@ForAll @IntRange(min = 114, max = 150) int cg, @ForAll @IntRange(min = 1, max = 13) int mg,
      @ForAll @IntRange(min = 1, max = 9) int h, @ForAll @IntRange(min = 1, max = 20) int w, @ForAll @IntRange(min = 1, max = 2) int stride,
      @ForAll boolean residual, @ForAll @IntRange(min = 0, max = 2) int outputs, @ForAll long seed) {
    // 0: few outputs, the taps read in place; 1: past Conv2dKernel.tapsInPlace, gathered B panels;
    // 2: weights past Conv2dKernel.WEIGHTS_PAST_L2, several tiles per work item.
    mg += new int[] {0, 28, 260}[outputs];
    GraphBuilder b = new GraphBuilder("conv");
    String x = b.input("x", TensorType.f32(1, cg, h, w));
    String y = b.layer("conv", "conv2d", Map.of("out_channels", mg, "kernel_size", 3, "stride", stride, "padding", 1), x);
    int oh = (h - 1) / stride + 1, ow = (w - 1) / stride + 1;
    if (residual) y = b.call("add", Map.of(), y, b.input("r", TensorType.f32(1, mg, oh, ow)));
    b.output("y", b.call("relu", Map.of(), y));
    check(b.build(), seed, 9L * cg, "conv2d");
  }

  /**
   * Layers with at least 32 channel panels over small planes: tiles of output pixels whose B panels
   * are gathered once per layer (Conv2dKernel.pixelTiles), narrow last tiles run two channel panels
   * at a time; images and groups each have their own panels (two or more input channels per group:
   * one would make a depthwise layer).
   */
  @Property(tries = 25)
  void pixelTileConvMatchesReference(@ForAll @IntRange(min = 1, max = 2) int n, @ForAll @IntRange(min = 1, max = 2) int groups,
      @ForAll @IntRange(min = 2, max = 3) int cg, @ForAll @IntRange(min = 125, max = 135) int mg, @ForAll @IntRange(min = 1, max = 9) int h,
      @ForAll @IntRange(min = 1, max = 9) int w, @ForAll @IntRange(min = 1, max = 3) int k, @ForAll @IntRange(min = 1, max = 2) int stride,
      @ForAll @IntRange(min = 0, max = 1) int pad, @ForAll boolean residual, @ForAll long seed) {
    int oh = (h + 2 * pad - k) / stride + 1, ow = (w + 2 * pad - k) / stride + 1;
    if (h + 2 * pad < k || w + 2 * pad < k) return;
    GraphBuilder b = new GraphBuilder("conv");
    String x = b.input("x", TensorType.f32(n, cg * groups, h, w));
    String y = b.layer("conv", "conv2d", Map.of("out_channels", mg * groups, "kernel_size", k, "stride", stride, "padding", pad,
        "groups", groups), x);
    if (residual) y = b.call("add", Map.of(), y, b.input("r", TensorType.f32(n, mg * groups, oh, ow)));
    b.output("y", b.call("relu", Map.of(), y));
    check(b.build(), seed, (long) cg * k * k, "conv2d");
  }

  /**
   * Pixel tiles whose short last tile holds 1 or 2 pixels, computed pixel by pixel
   * (Conv2dKernel.pixelColumns): planes of 17, 18, 49 or 50 pixels, a last channel panel full or
   * not, and a reduction within one K block or past it (114 × 9 = 1026 > Conv2dKernel.KC = 1024:
   * the second block adds to the first's sums).
   */
  @Property(tries = 16)
  void pixelColumnConvMatchesReference(@ForAll @IntRange(min = 0, max = 3) int plane, @ForAll @IntRange(min = 0, max = 3) int extra,
      @ForAll boolean longK, @ForAll boolean residual, @ForAll long seed) {
    int h = new int[] {1, 2, 7, 5}[plane], w = new int[] {17, 9, 7, 10}[plane], cg = longK ? 114 : 3, mg = 128 + extra;
    GraphBuilder b = new GraphBuilder("conv");
    String x = b.input("x", TensorType.f32(1, cg, h, w));
    String y = b.layer("conv", "conv2d", Map.of("out_channels", mg, "kernel_size", 3, "padding", 1), x);
    if (residual) y = b.call("add", Map.of(), y, b.input("r", TensorType.f32(1, mg, h, w)));
    b.output("y", b.call("relu", Map.of(), y));
    check(b.build(), seed, 9L * cg, "conv2d");
  }

  /**
   * Transposed convolutions: the equivalent convolution over the zero-upsampled input, or (kernel
   * = stride, no padding) the sub-pixel GEMM and interleave; every fusable epilogue.
   */
  @Property(tries = 150)
  void convTransposeMatchesReference(@ForAll @IntRange(min = 1, max = 2) int n, @ForAll @IntRange(min = 1, max = 2) int groups,
      @ForAll @IntRange(min = 1, max = 5) int cg, @ForAll @IntRange(min = 1, max = 9) int mg, @ForAll @IntRange(min = 1, max = 9) int h,
      @ForAll @IntRange(min = 1, max = 13) int w, @ForAll @IntRange(min = 1, max = 4) int k, @ForAll @IntRange(min = 1, max = 3) int stride,
      @ForAll @IntRange(min = 0, max = 3) int pad, @ForAll @IntRange(min = 1, max = 2) int dilation, @ForAll @IntRange(min = 0, max = 2) int outPad,
      @ForAll boolean subPixel, @ForAll boolean bias, @ForAll @IntRange(min = 0, max = 3) int epilogue,
      @ForAll @IntRange(min = 0, max = ACTIVATIONS) int act, @ForAll long seed) {
    if (subPixel) { // the common upsampling layer: kernel = stride, nothing else
      stride = k;
      pad = 0;
      dilation = 1;
      outPad = 0;
      groups = 1;
    }
    if (pad > dilation * (k - 1) || outPad >= Math.max(stride, dilation)) return;
    int c = cg * groups, m = mg * groups;
    int oh = (h - 1) * stride - 2 * pad + dilation * (k - 1) + outPad + 1, ow = (w - 1) * stride - 2 * pad + dilation * (k - 1) + outPad + 1;
    if (oh < 1 || ow < 1) return;
    GraphBuilder b = new GraphBuilder("convt");
    String x = b.input("x", TensorType.f32(n, c, h, w));
    Map<String, Object> args = new LinkedHashMap<>(Map.of("out_channels", m, "kernel_size", k, "stride", stride, "padding", pad,
        "output_padding", outPad, "dilation", dilation, "groups", groups, "bias", bias));
    String y = b.layer("convt", "conv_transpose2d", args, x);
    if ((epilogue & 1) != 0) y = b.layer("bn", "batch_norm", Map.of(), y);
    if ((epilogue & 2) != 0) y = b.call("add", Map.of(), y, b.input("r", TensorType.f32(n, m, oh, ow)));
    b.output("y", activation(b, y, act));
    check(b.build(), seed, (long) cg * k * k, "conv_transpose2d");
  }

  /**
   * Depthwise 3×3, stride 1, padding 1, at least a vector wide (8 lanes with AVX2): the kernel
   * reads the input in place (no padded copy), the last vector overlapping, the edge columns'
   * padding taps made by permuting lanes (a row exactly one vector wide has both).
   */
  @Property(tries = 60)
  void directDepthwiseMatchesReference(@ForAll @IntRange(min = 1, max = 2) int n, @ForAll @IntRange(min = 2, max = 5) int c,
      @ForAll @IntRange(min = 1, max = 2) int multiplier, @ForAll @IntRange(min = 1, max = 9) int h,
      @ForAll @IntRange(min = 8, max = 45) int w, @ForAll boolean bias, @ForAll boolean residual,
      @ForAll @IntRange(min = 0, max = ACTIVATIONS) int act, @ForAll long seed) {
    GraphBuilder b = new GraphBuilder("dw");
    String x = b.input("x", TensorType.f32(n, c, h, w));
    String y = b.layer("conv", "conv2d", Map.of("out_channels", c * multiplier, "kernel_size", 3, "padding", 1, "groups", c, "bias", bias), x);
    if (residual) y = b.call("add", Map.of(), y, b.input("r", TensorType.f32(n, c * multiplier, h, w)));
    b.output("y", activation(b, y, act));
    check(b.build(), seed, 9, "depthwise2d");
  }

  /**
   * Depthwise convolutions through the per-channel phase buffer with wide rows: blocks of eight
   * and four vectors, single vectors and a partial last one; a multiplier makes consecutive output
   * channels share an input plane.
   */
  @Property(tries = 40)
  void wideDepthwiseMatchesReference(@ForAll @IntRange(min = 2, max = 4) int c, @ForAll @IntRange(min = 1, max = 2) int multiplier,
      @ForAll @IntRange(min = 1, max = 4) int h, @ForAll @IntRange(min = 50, max = 150) int w, @ForAll @IntRange(min = 1, max = 3) int half,
      @ForAll @IntRange(min = 1, max = 2) int stride, @ForAll boolean residual, @ForAll @IntRange(min = 0, max = ACTIVATIONS) int act,
      @ForAll long seed) {
    int k = 2 * half + 1, oh = (h - 1) / stride + 1, ow = (w - 1) / stride + 1;
    GraphBuilder b = new GraphBuilder("dw");
    String x = b.input("x", TensorType.f32(1, c, h, w));
    String y = b.layer("conv", "conv2d", Map.of("out_channels", c * multiplier, "kernel_size", k, "stride", stride, "padding", half, "groups", c), x);
    if (residual) y = b.call("add", Map.of(), y, b.input("r", TensorType.f32(1, c * multiplier, oh, ow)));
    b.output("y", activation(b, y, act));
    check(b.build(), seed, (long) k * k, "depthwise2d");
  }

  /**
   * Max pooling: any window, stride, padding, dilation and ceil_mode; the result is one of the
   * inputs, so it must be exact. Rows up to 140 wide: one to nine vectors of outputs, the last
   * partial; 2×2 and 3×3 windows at stride 2 over rows of 20 or more pool by rows first.
   */
  @Property(tries = 150)
  void maxPoolMatchesReference(@ForAll @IntRange(min = 1, max = 2) int n, @ForAll @IntRange(min = 1, max = 4) int c,
      @ForAll @IntRange(min = 1, max = 13) int h, @ForAll @IntRange(min = 1, max = 140) int w, @ForAll @IntRange(min = 1, max = 4) int k,
      @ForAll @IntRange(min = 1, max = 3) int stride, @ForAll @IntRange(min = 0, max = 2) int pad,
      @ForAll @IntRange(min = 1, max = 2) int dilation, @ForAll boolean ceil, @ForAll long seed) {
    if (pad > k / 2 || h + 2 * pad < dilation * (k - 1) + 1 || w + 2 * pad < dilation * (k - 1) + 1) return;
    GraphBuilder b = new GraphBuilder("pool");
    String x = b.input("x", TensorType.f32(n, c, h, w));
    b.output("y", b.call("max_pool2d", Map.of("kernel_size", k, "stride", stride, "padding", pad, "dilation", dilation, "ceil_mode", ceil), x));
    check(b.build(), seed, 0, "max_pool2d");
  }

  /**
   * Max pooling by rows first (PoolKernel.rowsFirst: 2×2 or 3×3 windows at stride 2, padding 0 or
   * 1): bit for bit the reference's row-major fold, over inputs with NaNs, -0.0 and 0.0, and
   * infinities (the last NaN, else the first of the largest, of -0.0 and 0.0 the first, wins).
   */
  @Property(tries = 60)
  void maxPoolByRowsIsTheReferenceBitForBit(@ForAll @IntRange(min = 1, max = 3) int c, @ForAll @IntRange(min = 2, max = 13) int h,
      @ForAll @IntRange(min = 20, max = 70) int w, @ForAll @IntRange(min = 2, max = 3) int k, @ForAll @IntRange(min = 0, max = 1) int pad,
      @ForAll boolean ceil, @ForAll long seed) {
    if (h + 2 * pad < k) return;
    GraphBuilder b = new GraphBuilder("pool");
    String x = b.input("x", TensorType.f32(1, c, h, w));
    b.output("y", b.call("max_pool2d", Map.of("kernel_size", k, "stride", 2, "padding", pad, "ceil_mode", ceil), x));
    Graph g = b.build();
    Random r = new Random(seed);
    float[] special = {Float.NaN, Float.intBitsToFloat(0x7fc00001), -0.0f, 0.0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
    float[] v = new float[c * h * w];
    for (int i = 0; i < v.length; i++) v[i] = r.nextInt(8) == 0 ? special[r.nextInt(special.length)] : r.nextInt(5) - 2;
    Map<String, Tensor> in = Map.of("x", Tensor.of(Shape.of(1, c, h, w), v));
    LoopProgram p = Lowering.lower(g, Map.of("x", Shape.of(1, c, h, w)));
    assertTrue(p.toString().contains("library max_pool2d("), p.toString());
    float[] got = LoopInterpreter.run(p, in, Map.of()).get("y").floats(), want = Interpreter.run(g, in, Map.of()).get("y").floats();
    assertEquals(want.length, got.length);
    for (int i = 0; i < want.length; i++) {
      assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(got[i]), "element " + i + ": got " + got[i] + ", want " + want[i]);
    }
  }

  /** Global average pooling of rank 3 to 5, planes from 1 element to several vector blocks. */
  @Property(tries = 100)
  void globalAvgPoolMatchesReference(@ForAll @IntRange(min = 1, max = 2) int n, @ForAll @IntRange(min = 1, max = 5) int c,
      @ForAll @IntRange(min = 1, max = 3) int spatialDims, @ForAll @IntRange(min = 1, max = 40) int h, @ForAll @IntRange(min = 1, max = 9) int w,
      @ForAll boolean adaptive, @ForAll long seed) {
    TensorType type = switch (spatialDims) {
      case 1 -> TensorType.f32(n, c, h);
      case 2 -> TensorType.f32(n, c, h, w);
      default -> TensorType.f32(n, c, h, w, 3);
    };
    GraphBuilder b = new GraphBuilder("gap");
    String x = b.input("x", type); // adaptive_avg_pool to size 1 is the same pool (batched; unbatched keeps its loop nest)
    b.output("y", adaptive ? b.call("adaptive_avg_pool" + spatialDims + "d", Map.of("output_size", 1), x) : b.call("global_avg_pool", Map.of(), x));
    check(b.build(), seed, type.shape().size() / (n * c), "global_avg_pool");
  }

  /** Nearest interpolation by scale factor (any positive scale, per dim or not) or by size; results are copies, so exact. */
  @Property(tries = 150)
  void nearestInterpolateMatchesReference(@ForAll @IntRange(min = 1, max = 2) int n, @ForAll @IntRange(min = 1, max = 3) int c,
      @ForAll @IntRange(min = 1, max = 11) int h, @ForAll @IntRange(min = 1, max = 11) int w, @ForAll @IntRange(min = 1, max = 40) int a,
      @ForAll @IntRange(min = 1, max = 40) int b, @ForAll boolean bySize, @ForAll long seed) {
    GraphBuilder g = new GraphBuilder("up");
    Map<String, Object> args = bySize ? Map.of("size", java.util.List.of(a, b), "mode", "nearest")
        : Map.of("scale_factor", java.util.List.of(a / 8.0, b / 8.0), "mode", "nearest");
    if (!bySize && (Math.floor(h * a / 8.0) < 1 || Math.floor(w * b / 8.0) < 1)) return;
    g.output("y", g.call("interpolate", args, g.input("x", TensorType.f32(n, c, h, w))));
    check(g.build(), seed, 0, "interpolate_nearest2d");
  }

  @Property(tries = 100)
  void linearMatchesReference(@ForAll @IntRange(min = 1, max = 13) int rows, @ForAll @IntRange(min = 1, max = 70) int k,
      @ForAll @IntRange(min = 1, max = 70) int out, @ForAll boolean bias, @ForAll boolean bn, @ForAll @IntRange(min = 0, max = ACTIVATIONS) int act,
      @ForAll long seed) {
    GraphBuilder b = new GraphBuilder("linear");
    String y = b.layer("fc", "linear", Map.of("out_features", out, "bias", bias), b.input("x", TensorType.f32(rows, k)));
    if (bn && rows > 1) y = b.layer("bn", "batch_norm", Map.of(), y);
    b.output("y", activation(b, y, act));
    check(b.build(), seed, k, "linear");
  }

  /** The largest code {@link #activation} knows. */
  private static final int ACTIVATIONS = 8;

  /**
   * What follows the layer: nothing, relu, relu6, leaky_relu, hardswish, hardsigmoid, Paddle's
   * hardsigmoid ({@code clamp(x*0.2 + 0.5, 0, 1)}), PP-LCNet's learnable affine block around a
   * hardswish ({@code 0.7 * hardswish(1.3x + 0.4) - 0.2}), or a lone scalar multiply.
   */
  private static String activation(GraphBuilder b, String y, int act) {
    return switch (act) {
      case 1 -> b.call("relu", Map.of(), y);
      case 2 -> b.call("relu6", Map.of(), y);
      case 3 -> b.call("leaky_relu", Map.of("negative_slope", 0.1), y);
      case 4 -> b.call("hardswish", Map.of(), y);
      case 5 -> b.call("hardsigmoid", Map.of(), y);
      case 6 -> b.call("clamp", Map.of("min", 0.0, "max", 1.0), b.call("add", Map.of("other", 0.5), b.call("mul", Map.of("other", 0.2), y)));
      case 7 -> b.call("sub", Map.of("other", 0.2), b.call("mul", Map.of("other", 0.7),
          b.call("hardswish", Map.of(), b.call("add", Map.of("other", 0.4), b.call("mul", Map.of("other", 1.3), y)))));
      case 8 -> b.call("mul", Map.of("other", -1.5), y);
      default -> y;
    };
  }

  /** Plans {@code g} (Winograd convolutions only when {@code kernel} is conv2d_winograd: the others test the direct kernel) and checks it runs {@code kernel}. */
  private static void check(Graph g, long seed, long reduction, String kernel) {
    KernelPlan plan = KernelPlanner.plan(g, kernel.equals("conv2d_winograd"));
    assertTrue(plan.explain().getFirst().contains(kernel), plan.explain().toString());
    assertEquals(1, plan.layers().size());
    Map<String, Tensor> weights = RandomWeights.generate(GraphTyper.infer(g), Map.of(), seed);
    Map<String, Tensor> inputs = new HashMap<>();
    Map<String, Shape> shapes = new HashMap<>();
    Random r = new Random(seed);
    for (Graph.Input in : g.inputs()) {
      Shape s = in.type().shape();
      float[] v = new float[s.size()];
      for (int i = 0; i < v.length; i++) v[i] = 2 * r.nextFloat() - 1;
      inputs.put(in.name(), Tensor.of(s, v));
      shapes.put(in.name(), s);
    }
    LoopProgram p = Lowering.lower(g, shapes, plan);
    assertTrue(p.toString().contains("library " + kernel + "("), p.toString());
    float[] got = LoopInterpreter.run(p, inputs, weights).get("y").floats();
    float[] want = Interpreter.run(g, inputs, weights).get("y").floats();
    assertEquals(want.length, got.length);
    for (int i = 0; i < want.length; i++) {
      double tol = 1e-6 * reduction * (1 + Math.abs(want[i]));
      assertTrue(Math.abs(got[i] - want[i]) <= tol || Float.compare(got[i], want[i]) == 0,
          "element " + i + ": got " + got[i] + ", want " + want[i] + " (tolerance " + tol + ")\n" + p);
    }
  }
}
