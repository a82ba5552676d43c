package dev.tnet.onnx.read;

import static dev.tnet.onnx.read.Converters.hasInput;
import static dev.tnet.onnx.read.Converters.ints;
import static dev.tnet.onnx.read.Converters.num;
import static dev.tnet.onnx.read.Converters.out;
import static dev.tnet.onnx.read.Converters.requireConst;
import static dev.tnet.onnx.read.Converters.unsupported;

import ai.onnx.proto.OnnxMl.NodeProto;
import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.op.SpatialArgs;
import dev.tnet.runtime.DType;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Layers with weights (convolutions, normalisations, Gemm/MatMul as linear, embedding, PReLU) and
 * pooling. A layer is named after its weight's initializer ({@code conv2d_57.w_0} gives layer
 * {@code conv2d_57}); a bias {@code Add} right after a convolution or matrix product becomes its bias.
 */
final class NnConverters {
  private NnConverters() {}

  static void register(Map<String, Converters.Converter> r) {
    r.put("Conv", NnConverters::conv);
    r.put("ConvTranspose", NnConverters::convTranspose);
    r.put("BatchNormalization", NnConverters::batchNorm);
    r.put("InstanceNormalization", NnConverters::instanceNorm);
    r.put("LayerNormalization", NnConverters::layerNorm);
    r.put("GroupNormalization", NnConverters::groupNorm);
    r.put("PRelu", NnConverters::prelu);
    r.put("MaxPool", (c, n, a) -> pool(c, n, a, true));
    r.put("AveragePool", (c, n, a) -> pool(c, n, a, false));
    r.put("GlobalAveragePool", (c, n, a) -> out(c, n, c.op(n, "global_avg_pool", Map.of(), c.tensor(n.getInput(0)))));
    r.put("GlobalMaxPool", (c, n, a) -> out(c, n, c.op(n, "global_max_pool", Map.of(), c.tensor(n.getInput(0)))));
    r.put("Gemm", NnConverters::gemm);
    r.put("MatMul", NnConverters::matmul);
    r.put("Gather", NnConverters::gather);
    Resizing.register(r);
  }

  private static void conv(ImportContext c, NodeProto n, Attributes a) {
    String x = c.tensor(n.getInput(0));
    Tensor w = requireConst(c, n, 1, "the weight");
    int dims = w.rank() - 2;
    if (dims < 1 || dims > 3) throw unsupported(n, "a " + dims + "-d convolution");
    int[] ws = w.shape().dims();
    long[] kernel = spatial(ws), stride = attr(a, "strides", dims, 1), dilation = attr(a, "dilations", dims, 1);
    long[] pads = pads(c, n, a, x, kernel, stride, dilation);
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("out_channels", ws[0]);
    args.put("kernel_size", ints(kernel));
    args.put("stride", ints(stride));
    args.put("padding", padding(pads));
    args.put("dilation", ints(dilation));
    args.put("groups", (int) a.getInt("group", 1));
    Map<String, Tensor> params = new LinkedHashMap<>();
    params.put("weight", w);
    Tensor bias = hasInput(n, 2) ? requireConst(c, n, 2, "the bias") : null;
    NodeProto biasAdd = bias == null ? followingBias(c, n, ws[0], dims + 2) : null;
    if (biasAdd != null) bias = perChannel(c, biasAdd, n.getOutput(0), ws[0]);
    args.put("bias", bias != null);
    if (bias != null) params.put("bias", bias.reshape(Shape.of(ws[0])));
    String layer = c.layerName(c.source(n.getInput(1)), "conv");
    String y = c.layer(layer, "conv" + dims + "d", args, params, x);
    out(c, n, y);
    if (biasAdd != null) c.absorb(biasAdd, y);
  }

  private static void convTranspose(ImportContext c, NodeProto n, Attributes a) {
    String x = c.tensor(n.getInput(0));
    Tensor w = requireConst(c, n, 1, "the weight");
    int dims = w.rank() - 2;
    if (dims < 1 || dims > 3) throw unsupported(n, "a " + dims + "-d transposed convolution");
    int[] ws = w.shape().dims();
    int groups = (int) a.getInt("group", 1);
    long[] kernel = spatial(ws), stride = attr(a, "strides", dims, 1), dilation = attr(a, "dilations", dims, 1);
    long[] pads = a.getInts("pads"), outPad = attr(a, "output_padding", dims, 0);
    if (a.has("output_shape") || !a.getString("auto_pad", "NOTSET").equals("NOTSET")) {
      throw unsupported(n, "output_shape and auto_pad are not supported for ConvTranspose; give pads");
    }
    if (pads == null) pads = new long[2 * dims];
    for (int i = 0; i < dims; i++) {
      if (pads[i] != pads[i + dims]) throw unsupported(n, "asymmetric pads " + Arrays.toString(pads) + " in a ConvTranspose");
    }
    int outChannels = ws[1] * groups;
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("out_channels", outChannels);
    args.put("kernel_size", ints(kernel));
    args.put("stride", ints(stride));
    args.put("padding", ints(Arrays.copyOf(pads, dims)));
    args.put("output_padding", ints(outPad));
    args.put("groups", groups);
    args.put("dilation", ints(dilation));
    Map<String, Tensor> params = new LinkedHashMap<>();
    params.put("weight", w);
    Tensor bias = hasInput(n, 2) ? requireConst(c, n, 2, "the bias") : null;
    NodeProto biasAdd = bias == null ? followingBias(c, n, outChannels, dims + 2) : null;
    if (biasAdd != null) bias = perChannel(c, biasAdd, n.getOutput(0), outChannels);
    args.put("bias", bias != null);
    if (bias != null) params.put("bias", bias.reshape(Shape.of(outChannels)));
    String layer = c.layerName(c.source(n.getInput(1)), "conv_transpose");
    String y = c.layer(layer, "conv_transpose" + dims + "d", args, params, x);
    out(c, n, y);
    if (biasAdd != null) c.absorb(biasAdd, y);
  }

  /** An {@code Add} reading only this node's output and a constant of one value per channel (dim 1 of a rank-{@code rank} result). */
  private static NodeProto followingBias(ImportContext c, NodeProto n, int channels, int rank) {
    NodeProto add = c.soleConsumer(n.getOutput(0), "Add");
    if (add == null || add.getInputCount() != 2) return null;
    String other = add.getInput(0).equals(n.getOutput(0)) ? add.getInput(1) : add.getInput(0);
    Tensor t = c.constant(other);
    if (t == null || t.dtype() != DType.F32 || t.size() != channels || t.rank() > rank) return null;
    int[] s = t.shape().dims();
    for (int i = 0; i < s.length; i++) {
      int outAxis = rank - s.length + i;
      if (s[i] != (outAxis == 1 ? channels : 1)) return null;
    }
    return add;
  }

  private static Tensor perChannel(ImportContext c, NodeProto add, String from, int channels) {
    String other = add.getInput(0).equals(from) ? add.getInput(1) : add.getInput(0);
    return c.constant(other).reshape(Shape.of(channels));
  }

  private static long[] spatial(int[] weightShape) {
    long[] k = new long[weightShape.length - 2];
    for (int i = 0; i < k.length; i++) k[i] = weightShape[i + 2];
    return k;
  }

  private static long[] attr(Attributes a, String name, int dims, long dflt) {
    long[] v = a.getInts(name);
    if (v != null && v.length > 0) return v;
    long[] d = new long[dims];
    Arrays.fill(d, dflt);
    return d;
  }

  /** ONNX pads {@code [x1_begin, x2_begin, ..., x1_end, x2_end]}, with {@code auto_pad} resolved for the input's shape. */
  private static long[] pads(ImportContext c, NodeProto n, Attributes a, String x, long[] kernel, long[] stride, long[] dilation) {
    int dims = kernel.length;
    String auto = a.getString("auto_pad", "NOTSET");
    long[] pads = new long[2 * dims];
    switch (auto) {
      case "NOTSET" -> {
        long[] p = a.getInts("pads");
        if (p != null && p.length == 2 * dims) pads = p;
      }
      case "VALID" -> { }
      case "SAME_UPPER", "SAME_LOWER" -> {
        int[] s = Converters.shape(c, x);
        for (int i = 0; i < dims; i++) {
          long in = s[i + 2], outSize = Math.ceilDiv(in, stride[i]);
          long total = Math.max(0, (outSize - 1) * stride[i] + (kernel[i] - 1) * dilation[i] + 1 - in);
          long small = total / 2, big = total - small;
          pads[i] = auto.equals("SAME_UPPER") ? small : big;
          pads[i + dims] = auto.equals("SAME_UPPER") ? big : small;
        }
      }
      default -> throw unsupported(n, "auto_pad=" + auto);
    }
    return pads;
  }

  /** tnet's padding argument: one int, one per dim, or begin/end per dim when asymmetric. */
  private static Object padding(long[] pads) {
    int dims = pads.length / 2;
    boolean symmetric = true;
    for (int i = 0; i < dims; i++) symmetric &= pads[i] == pads[i + dims];
    if (symmetric) return ints(Arrays.copyOf(pads, dims));
    long[] perSide = new long[2 * dims];
    for (int i = 0; i < dims; i++) {
      perSide[2 * i] = pads[i];
      perSide[2 * i + 1] = pads[i + dims];
    }
    return Converters.list(perSide);
  }

  private static void batchNorm(ImportContext c, NodeProto n, Attributes a) {
    if (a.getInt("training_mode", 0) != 0 || n.getOutputCount() > 1 && n.getOutputList().stream().skip(1).anyMatch(o -> !o.isEmpty())) {
      throw unsupported(n, "training-mode batch normalization (tnet imports inference graphs)");
    }
    String x = c.tensor(n.getInput(0));
    Map<String, Tensor> params = new LinkedHashMap<>();
    params.put("weight", requireConst(c, n, 1, "the scale"));
    params.put("bias", requireConst(c, n, 2, "the bias"));
    params.put("running_mean", requireConst(c, n, 3, "the mean"));
    params.put("running_var", requireConst(c, n, 4, "the variance"));
    params.put("num_batches_tracked", Tensor.ofLongs(Shape.scalar(), new long[] {0}));
    String layer = c.layerName(c.source(n.getInput(1)), "batch_norm");
    out(c, n, c.layer(layer, "batch_norm", Map.of("eps", num(a.getFloat("epsilon", 1e-5f))), params, x));
  }

  private static void instanceNorm(ImportContext c, NodeProto n, Attributes a) {
    String x = c.tensor(n.getInput(0));
    Map<String, Tensor> params = new LinkedHashMap<>();
    params.put("weight", requireConst(c, n, 1, "the scale"));
    params.put("bias", requireConst(c, n, 2, "the bias"));
    String layer = c.layerName(c.source(n.getInput(1)), "instance_norm");
    out(c, n, c.layer(layer, "instance_norm", Map.of("eps", num(a.getFloat("epsilon", 1e-5f)), "affine", true), params, x));
  }

  private static void layerNorm(ImportContext c, NodeProto n, Attributes a) {
    String x = c.tensor(n.getInput(0));
    int[] s = Converters.shape(c, x);
    int axis = Converters.axis(a.getInt("axis", -1), s.length);
    int[] normalized = Arrays.copyOfRange(s, axis, s.length);
    Map<String, Tensor> params = new LinkedHashMap<>();
    params.put("weight", broadcastTo(requireConst(c, n, 1, "the scale"), normalized));
    boolean bias = hasInput(n, 2);
    if (bias) params.put("bias", broadcastTo(requireConst(c, n, 2, "the bias"), normalized));
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("normalized_shape", Converters.list(normalized));
    args.put("eps", num(a.getFloat("epsilon", 1e-5f)));
    args.put("bias", bias);
    String layer = c.layerName(c.source(n.getInput(1)), "layer_norm");
    out(c, n, c.layer(layer, "layer_norm", args, params, x));
  }

  private static void groupNorm(ImportContext c, NodeProto n, Attributes a) {
    String x = c.tensor(n.getInput(0));
    int channels = Converters.shape(c, x)[1];
    int groups = (int) a.getInt("num_groups", 1);
    Map<String, Tensor> params = new LinkedHashMap<>();
    params.put("weight", perGroupToChannel(requireConst(c, n, 1, "the scale"), groups, channels));
    params.put("bias", perGroupToChannel(requireConst(c, n, 2, "the bias"), groups, channels));
    Map<String, Object> args = Map.of("num_groups", groups, "eps", num(a.getFloat("epsilon", 1e-5f)));
    String layer = c.layerName(c.source(n.getInput(1)), "group_norm");
    out(c, n, c.layer(layer, "group_norm", args, params, x));
  }

  /** Opset 18's GroupNormalization scales per group; PyTorch's per channel: repeat each group's value. */
  private static Tensor perGroupToChannel(Tensor t, int groups, int channels) {
    if (t.size() == channels) return t.reshape(Shape.of(channels));
    float[] v = new float[channels];
    for (int i = 0; i < channels; i++) v[i] = t.floats()[i / (channels / groups)];
    return Tensor.of(Shape.of(channels), v);
  }

  private static Tensor broadcastTo(Tensor t, int[] shape) {
    if (Arrays.equals(t.shape().dims(), shape)) return t;
    ConstantFolder.Arr arr = ConstantFolder.Arr.of(t);
    int[] s = ConstantFolder.broadcastShape(arr.shape(), shape);
    List<Tensor> r = ConstantFolder.fold(NodeProto.newBuilder().setOpType("Expand").build(),
        List.of(t, Tensor.ofLongs(Shape.of(s.length), Arrays.stream(s).asLongStream().toArray())), 18);
    return r.get(0).reshape(Shape.of(shape));
  }

  private static void prelu(ImportContext c, NodeProto n, Attributes a) {
    String x = c.tensor(n.getInput(0));
    Tensor slope = requireConst(c, n, 1, "the slope");
    int[] s = Converters.shape(c, x);
    int channels = s.length > 1 ? s[1] : 1;
    if (slope.size() != 1 && slope.size() != channels) throw unsupported(n, "a slope of shape " + slope.shape() + " for input " + c.type(x));
    String layer = c.layerName(c.source(n.getInput(1)), "prelu");
    out(c, n, c.layer(layer, "prelu", Map.of("num_parameters", slope.size()),
        Map.of("weight", slope.reshape(Shape.of(slope.size()))), x));
  }

  private static void pool(ImportContext c, NodeProto n, Attributes a, boolean max) {
    if (n.getOutputCount() > 1 && !n.getOutput(1).isEmpty()) throw unsupported(n, "MaxPool's Indices output");
    String x = c.tensor(n.getInput(0));
    long[] kernel = a.getInts("kernel_shape");
    int dims = kernel.length;
    long[] stride = attr(a, "strides", dims, 1), dilation = attr(a, "dilations", dims, 1);
    long[] pads = pads(c, n, a, x, kernel, stride, dilation);
    boolean ceil = a.getInt("ceil_mode", 0) != 0;
    boolean symmetric = true, small = true, anyPad = false;
    for (int i = 0; i < dims; i++) {
      symmetric &= pads[i] == pads[i + dims];
      small &= 2 * pads[i] <= kernel[i];
      anyPad |= pads[i] != 0 || pads[i + dims] != 0;
    }
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("kernel_size", ints(kernel));
    if (!Arrays.equals(stride, kernel)) args.put("stride", ints(stride));
    if (!max && !symmetric && !ceil && a.getInt("count_include_pad", 0) == 0
        && ceilModeEndPads(Converters.shape(c, x), kernel, stride, pads)) {
      // Extra end padding that only adds PyTorch's ceil_mode windows (as tnet's exporter writes them):
      // padding the start's, ceil_mode; both average over the input elements of a window alone.
      pads = pads.clone();
      for (int i = 0; i < dims; i++) pads[i + dims] = pads[i];
      symmetric = true;
      ceil = true;
    }
    if (!symmetric || !small) {
      if (!max) throw unsupported(n, "AveragePool with asymmetric pads " + Arrays.toString(pads));
      // Pad with -inf first (max pooling never picks it), then pool without padding.
      List<Integer> torchPad = LayoutConverters.torchPad(pads, dims);
      x = c.helper(n.getOutput(0) + "_pad", "pad", Map.of("pad", torchPad, "value", Double.NEGATIVE_INFINITY), x);
    } else if (anyPad) {
      args.put("padding", ints(Arrays.copyOf(pads, dims)));
    }
    if (ceil) args.put("ceil_mode", true);
    if (max) {
      if (Arrays.stream(dilation).anyMatch(d -> d != 1)) args.put("dilation", ints(dilation));
    } else {
      if (Arrays.stream(dilation).anyMatch(d -> d != 1)) throw unsupported(n, "AveragePool with dilations");
      if (anyPad && a.getInt("count_include_pad", 0) == 0) args.put("count_include_pad", false);
    }
    out(c, n, c.op(n, (max ? "max_pool" : "avg_pool") + dims + "d", args, x));
  }

  /**
   * Whether pads {@code [begin..., end...]} over an input of {@code shape} (its last dims pooled)
   * give, at every dim, end {@code >=} begin and the windows PyTorch's ceil_mode gives with padding
   * {@code begin} ({@link SpatialArgs#windows}, the op catalogue's definition of both).
   */
  static boolean ceilModeEndPads(int[] shape, long[] kernel, long[] stride, long[] pads) {
    int dims = kernel.length;
    for (int i = 0; i < dims; i++) {
      Dim in = Dim.of(shape[shape.length - dims + i]);
      int k = Math.toIntExact(kernel[i]), st = Math.toIntExact(stride[i]);
      int begin = Math.toIntExact(pads[i]), end = Math.toIntExact(pads[i + dims]);
      if (end < begin || 2 * begin > k) return false;
      if (!SpatialArgs.windows(in, k, st, begin, end, 1, false).equals(SpatialArgs.windows(in, k, st, begin, begin, 1, true))) return false;
    }
    return true;
  }

  private static void gemm(ImportContext c, NodeProto n, Attributes a) {
    float alpha = a.getFloat("alpha", 1f), beta = a.getFloat("beta", 1f);
    boolean transA = a.getInt("transA", 0) != 0, transB = a.getInt("transB", 0) != 0;
    Tensor b = c.constant(n.getInput(1));
    String x = c.tensor(n.getInput(0));
    if (transA) x = c.helper(n.getOutput(0) + "_a", "transpose", Map.of("dim0", 0, "dim1", 1), x);
    if (b == null) {
      String y = c.tensor(n.getInput(1));
      if (transB) y = c.helper(n.getOutput(0) + "_b", "transpose", Map.of("dim0", 0, "dim1", 1), y);
      String r = c.helper(n.getOutput(0) + "_mm", "matmul", Map.of(), x, y);
      if (alpha != 1f) r = c.helper(n.getOutput(0) + "_alpha", "mul", Map.of("other", num(alpha)), r);
      if (hasInput(n, 2)) {
        String cv = c.tensor(n.getInput(2));
        if (beta != 1f) cv = c.helper(n.getOutput(0) + "_beta", "mul", Map.of("other", num(beta)), cv);
        r = c.helper(n.getOutput(0), "add", Map.of(), r, cv);
      }
      out(c, n, r);
      return;
    }
    Tensor weight = transB ? b : transpose2d(b);
    int outF = weight.shape().dims()[0];
    if (alpha != 1f) weight = scale(weight, alpha);
    Tensor bias = null;
    String addAfter = null;
    if (hasInput(n, 2)) {
      Tensor cc = c.constant(n.getInput(2));
      if (cc != null && (cc.size() == outF || cc.size() == 1) && cc.rank() <= 2 && (cc.rank() < 2 || cc.shape().dims()[0] == 1)) {
        bias = scale(expandVector(cc, outF), beta);
      } else {
        addAfter = n.getInput(2);
      }
    }
    String layer = c.layerName(c.source(n.getInput(1)), "linear");
    Map<String, Tensor> params = new LinkedHashMap<>();
    params.put("weight", weight);
    if (bias != null) params.put("bias", bias);
    String y = c.layer(layer, "linear", Map.of("out_features", outF, "bias", bias != null), params, x);
    if (addAfter != null) {
      String cv = c.tensor(addAfter);
      if (beta != 1f) cv = c.helper(n.getOutput(0) + "_beta", "mul", Map.of("other", num(beta)), cv);
      y = c.helper(n.getOutput(0), "add", Map.of(), y, cv);
    }
    out(c, n, y);
  }

  private static void matmul(ImportContext c, NodeProto n, Attributes a) {
    Tensor b = c.constant(n.getInput(1));
    if (b != null && b.rank() == 2 && !c.isConst(n.getInput(0))) {
      String x = c.tensor(n.getInput(0));
      Tensor weight = transpose2d(b);
      int outF = weight.shape().dims()[0];
      NodeProto add = followingLinearBias(c, n, outF);
      Map<String, Tensor> params = new LinkedHashMap<>();
      params.put("weight", weight);
      if (add != null) params.put("bias", c.constant(otherInput(add, n.getOutput(0))).reshape(Shape.of(outF)));
      String layer = c.layerName(c.source(n.getInput(1)), "linear");
      String y = c.layer(layer, "linear", Map.of("out_features", outF, "bias", add != null), params, x);
      out(c, n, y);
      if (add != null) c.absorb(add, y);
      return;
    }
    out(c, n, c.op(n, "matmul", Map.of(), c.tensor(n.getInput(0)), c.tensor(n.getInput(1))));
  }

  private static NodeProto followingLinearBias(ImportContext c, NodeProto n, int outF) {
    NodeProto add = c.soleConsumer(n.getOutput(0), "Add");
    if (add == null || add.getInputCount() != 2) return null;
    Tensor t = c.constant(otherInput(add, n.getOutput(0)));
    if (t == null || t.dtype() != DType.F32 || t.size() != outF || t.rank() > 2 || t.shape().dims()[t.rank() - 1] != outF) return null;
    return add;
  }

  private static String otherInput(NodeProto binary, String one) {
    return binary.getInput(0).equals(one) ? binary.getInput(1) : binary.getInput(0);
  }

  private static void gather(ImportContext c, NodeProto n, Attributes a) {
    Tensor data = c.constant(n.getInput(0));
    int axis = (int) a.getInt("axis", 0);
    if (data != null && data.rank() == 2 && axis == 0 && data.dtype() == DType.F32) {
      String idx = c.tensor(n.getInput(1));
      int[] s = data.shape().dims();
      String layer = c.layerName(c.source(n.getInput(0)), "embedding");
      out(c, n, c.layer(layer, "embedding", Map.of("num_embeddings", s[0], "embedding_dim", s[1]), Map.of("weight", data), idx));
      return;
    }
    LayoutConverters.gatherConstIndex(c, n, axis);
  }

  private static Tensor transpose2d(Tensor t) {
    int[] s = t.shape().dims();
    float[] src = t.floats(), dst = new float[src.length];
    for (int i = 0; i < s[0]; i++) for (int j = 0; j < s[1]; j++) dst[j * s[0] + i] = src[i * s[1] + j];
    return Tensor.of(Shape.of(s[1], s[0]), dst);
  }

  private static Tensor scale(Tensor t, float by) {
    if (by == 1f) return t;
    float[] v = t.floats().clone();
    for (int i = 0; i < v.length; i++) v[i] *= by;
    return Tensor.of(t.shape(), v);
  }

  private static Tensor expandVector(Tensor t, int n) {
    if (t.size() == n) return t.reshape(Shape.of(n));
    float[] v = new float[n];
    Arrays.fill(v, t.floats()[0]);
    return Tensor.of(Shape.of(n), v);
  }
}
