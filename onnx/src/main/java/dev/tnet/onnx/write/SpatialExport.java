package dev.tnet.onnx.write;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.op.AdaptivePool;
import dev.tnet.ir.op.AvgPool;
import dev.tnet.ir.op.Conv;
import dev.tnet.ir.op.ConvTranspose;
import dev.tnet.ir.op.GlobalPool;
import dev.tnet.ir.op.Interpolate;
import dev.tnet.ir.op.MaxPool;
import dev.tnet.ir.op.PoolKind;
import dev.tnet.ir.op.Resize;
import dev.tnet.ir.op.SpatialOp;
import dev.tnet.runtime.DType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Convolutions, pooling and interpolation ({@link SpatialOp}) as ONNX nodes. An unbatched input
 * ({@code [C, *spatial]}) gets a batch dim for the ONNX op and loses it after.
 */
final class SpatialExport {
  private SpatialExport() {}

  static void emit(SpatialOp op, Emit e) {
    int spatialDims = switch (op) {
      case Conv c -> c.spatialDims();
      case ConvTranspose c -> c.spatialDims();
      case MaxPool p -> p.spatialDims();
      case AvgPool p -> p.spatialDims();
      case AdaptivePool p -> p.spatialDims();
      case GlobalPool g -> e.inType().rank() - 2;
      case Interpolate i -> e.inType().rank() - 2;
      case Resize r -> e.inType().rank() - 2;
    };
    boolean unbatched = e.inType().rank() == spatialDims + 1;
    Emit batched = unbatched ? addBatch(e) : e;
    switch (op) {
      case Conv c -> conv(c, batched);
      case ConvTranspose c -> convTranspose(c, batched);
      case MaxPool p -> maxPool(p, batched);
      case AvgPool p -> avgPool(p, batched);
      case AdaptivePool p -> adaptive(p, batched);
      case GlobalPool g -> {
        if (g.kind() == PoolKind.AVG) batched.b().opTo(batched.out(), "GlobalAveragePool", batched.ins());
        else nanWins(batched, batched.b().op("GlobalMaxPool", batched.ins()), "GlobalMaxPool");
      }
      case Interpolate i -> interpolate(i, batched);
      case Resize r -> resize(r, batched);
    }
    if (unbatched) {
      for (int i = 0; i < e.outs().size(); i++) e.b().opTo(e.outs().get(i), "Squeeze", List.of(batched.outs().get(i), e.b().ints(0)));
    }
  }

  /** The node with a batch dim of 1 added to its input and outputs. */
  private static Emit addBatch(Emit e) {
    OnnxGraphBuilder b = e.b();
    String x = b.op("Unsqueeze", List.of(e.in(), b.ints(0)));
    List<String> outs = e.outs().stream().map(o -> b.temp("batched")).toList();
    return new Emit(b, e.node(), List.of(x), List.of(batch(e.inType())), e.params(), outs,
        e.outTypes().stream().map(SpatialExport::batch).toList());
  }

  private static TensorType batch(TensorType t) {
    List<Dim> d = t.dimsCopy();
    d.add(0, Dim.of(1));
    return t.withDims(d);
  }

  /** ONNX's pads for per-side padding {@code [d0_begin, d0_end, ...]}: all begins, then all ends. */
  private static List<Long> onnxPads(List<Integer> perSide) {
    List<Long> pads = new ArrayList<>();
    for (int i = 0; i < perSide.size(); i += 2) pads.add((long) perSide.get(i));
    for (int i = 1; i < perSide.size(); i += 2) pads.add((long) perSide.get(i));
    return pads;
  }

  private static List<Integer> symmetric(List<Integer> padding) {
    List<Integer> perSide = new ArrayList<>();
    for (int p : padding) {
      perSide.add(p);
      perSide.add(p);
    }
    return perSide;
  }

  private static void conv(Conv c, Emit e) {
    OnnxGraphBuilder b = e.b();
    List<Integer> perSide = c.padsPerSide();
    String x = e.in();
    if (c.paddingMode() != Conv.PaddingMode.ZEROS && perSide.stream().anyMatch(p -> p != 0)) {
      int rank = e.inType().rank();
      long[] pads = new long[2 * rank];
      for (int i = 0; i < c.spatialDims(); i++) {
        pads[rank - c.spatialDims() + i] = perSide.get(2 * i);
        pads[2 * rank - c.spatialDims() + i] = perSide.get(2 * i + 1);
      }
      String mode = switch (c.paddingMode()) {
        case ZEROS -> "constant";
        case REFLECT -> "reflect";
        case REPLICATE -> "edge";
        case CIRCULAR -> "wrap";
      };
      x = b.op("Pad", List.of(x, b.ints(pads)), Attrs.s("mode", mode));
      perSide = Collections.nCopies(perSide.size(), 0);
    }
    List<String> ins = new ArrayList<>(List.of(x, e.params().get(0)));
    if (c.bias()) ins.add(e.params().get(1));
    b.opTo(e.out(), "Conv", ins, Attrs.ints("kernel_shape", c.kernelSize()), Attrs.ints("strides", c.stride()),
        Attrs.ints("pads", onnxPads(perSide)), Attrs.ints("dilations", c.dilation()), Attrs.i("group", c.groups()));
  }

  /**
   * output_padding becomes less end padding (ONNX Runtime mishandles output_padding with dilation);
   * where it exceeds the padding, the rest is zeros appended after the convolution, before the bias.
   */
  private static void convTranspose(ConvTranspose c, Emit e) {
    OnnxGraphBuilder b = e.b();
    int n = c.spatialDims(), rank = e.inType().rank();
    List<Long> pads = new ArrayList<>();
    long[] after = new long[2 * rank];
    boolean grow = false;
    for (int i = 0; i < n; i++) pads.add((long) c.padding().get(i));
    for (int i = 0; i < n; i++) {
      long end = c.padding().get(i) - c.outputPadding().get(i);
      pads.add(Math.max(0, end));
      after[2 * rank - n + i] = Math.max(0, -end);
      grow |= end < 0;
    }
    List<String> ins = new ArrayList<>(List.of(e.in(), e.params().get(0)));
    if (c.bias() && !grow) ins.add(e.params().get(1));
    var attrs = new ai.onnx.proto.OnnxMl.AttributeProto[] {Attrs.ints("kernel_shape", c.kernelSize()),
        Attrs.ints("strides", c.stride()), Attrs.ints("pads", pads), Attrs.ints("dilations", c.dilation()), Attrs.i("group", c.groups())};
    if (!grow) {
      b.opTo(e.out(), "ConvTranspose", ins, attrs);
      return;
    }
    String y = b.op("Pad", List.of(b.op("ConvTranspose", ins, attrs), b.ints(after)), Attrs.s("mode", "constant"));
    if (c.bias()) {
      List<Long> axes = new ArrayList<>();
      for (int i = 0; i < n; i++) axes.add((long) (i + 1));
      y = b.op("Add", List.of(y, b.op("Unsqueeze", List.of(e.params().get(1), b.ints(axes.stream().mapToLong(Long::longValue).toArray())))));
    }
    e.result(y);
  }

  /**
   * Per-side padding that gives exactly the output's windows with ONNX's floor rounding: PyTorch's
   * ceil_mode keeps a last partial window (unless it starts in the end padding), which is one more
   * window of end padding here. Pooling pads are never read (max) or excluded (avg with
   * count_include_pad=0), so the extra padding changes nothing else.
   */
  private static List<Integer> windowPads(String op, TensorType x, TensorType y, List<Integer> kernel, List<Integer> stride,
      List<Integer> padding, List<Integer> dilation) {
    int n = kernel.size();
    List<Integer> perSide = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Dim in = x.dim(x.rank() - n + i), out = y.dim(y.rank() - n + i);
      int p = padding.get(i);
      long eff = (long) dilation.get(i) * (kernel.get(i) - 1) + 1;
      int end = p;
      if (!in.isKnown() || !out.isKnown()) {
        Dim floor = in.plus(2L * p - eff).floorDiv(stride.get(i)).plus(1);
        if (!floor.equals(out)) throw new Refused(op + " with ceil_mode=True over a symbolic size " + in);
      } else {
        long floorOut = Math.floorDiv(in.value() + 2L * p - eff, stride.get(i)) + 1;
        if (out.value() > floorOut) end = Math.toIntExact((out.value() - 1) * stride.get(i) + eff - in.value() - p);
        if (end >= kernel.get(i)) throw new Refused(op + ": ceil_mode needs end padding " + end + " >= kernel_size " + kernel.get(i));
      }
      perSide.add(p);
      perSide.add(end);
    }
    return perSide;
  }

  private static void maxPool(MaxPool p, Emit e) {
    OnnxGraphBuilder b = e.b();
    List<Integer> perSide = windowPads(p.name(), e.inType(), e.outType(), p.kernelSize(), p.stride(), p.padding(), p.dilation());
    var attrs = new ai.onnx.proto.OnnxMl.AttributeProto[] {Attrs.ints("kernel_shape", p.kernelSize()),
        Attrs.ints("strides", p.stride()), Attrs.ints("pads", onnxPads(perSide)), Attrs.ints("dilations", p.dilation())};
    List<String> outs = p.returnIndices() ? List.of(b.temp("max"), b.temp("flat_indices")) : List.of(b.temp("max"));
    b.node("MaxPool", List.of(e.in()), outs, attrs);
    nanWins(e, outs.get(0), "MaxPool", attrs);
    if (p.returnIndices()) nanIndices(e, planeIndices(e, outs.get(1), p.spatialDims()), p.spatialDims(), attrs);
  }

  /**
   * Writes the indices to output 1, where a window holds NaN the index of its last NaN in
   * row-major order (PyTorch's scan takes every NaN it meets; ONNX Runtime's skips them and
   * reports another element, or on a window of NaN only whatever it started from). The same pool
   * over each NaN's in-plane position plus one (0 elsewhere) finds it: the largest such position.
   */
  private static void nanIndices(Emit e, String indices, int spatialDims, ai.onnx.proto.OnnxMl.AttributeProto... attrs) {
    OnnxGraphBuilder b = e.b();
    TensorType x = e.inType();
    List<Dim> spatial = x.dims().subList(x.rank() - spatialDims, x.rank());
    String plane = b.op("Squeeze", List.of(b.symbols().emit(b, Dim.product(spatial)), b.ints(0)));
    String positions = b.op("Range", List.of(b.intScalar(1), b.op("Add", List.of(plane, b.intScalar(1))), b.intScalar(1)));
    positions = b.op("Reshape", List.of(b.cast(positions, DType.I64, DType.F32), b.shape(spatial)));
    String last = b.op("MaxPool", List.of(b.op("Where", List.of(b.op("IsNaN", e.in()), positions, b.floatScalar(0)))), attrs);
    String index = b.cast(b.op("Sub", List.of(last, b.floatScalar(1))), DType.F32, DType.I64);
    b.opTo(e.outs().get(1), "Where", List.of(b.op("Greater", List.of(last, b.floatScalar(0))), index, indices));
  }


  /**
   * Writes the max pool {@code y} to output 0 with NaN where its window holds one: ONNX Runtime's
   * max skips NaN, PyTorch's propagates it. The same pool over the NaN mask finds those windows.
   */
  private static void nanWins(Emit e, String y, String pool, ai.onnx.proto.OnnxMl.AttributeProto... attrs) {
    OnnxGraphBuilder b = e.b();
    String mask = b.op("Cast", List.of(b.op("IsNaN", e.in())), Attrs.i("to", OnnxTensors.elemType(dev.tnet.runtime.DType.F32)));
    String any = b.op("Greater", List.of(b.op(pool, List.of(mask), attrs), b.floatScalar(0)));
    b.opTo(e.out(), "Where", List.of(any, b.floatScalar(Double.NaN), y));
  }

  /** ONNX's indices count over the whole tensor; PyTorch's within one plane. */
  private static String planeIndices(Emit e, String flat, int spatialDims) {
    TensorType x = e.inType();
    Dim plane = Dim.product(x.dims().subList(x.rank() - spatialDims, x.rank()));
    return e.b().op("Mod", List.of(flat, e.b().symbols().emit(e.b(), plane)));
  }

  private static void avgPool(AvgPool p, Emit e) {
    OnnxGraphBuilder b = e.b();
    List<Integer> ones = Collections.nCopies(p.spatialDims(), 1);
    List<Integer> perSide = windowPads(p.name(), e.inType(), e.outType(), p.kernelSize(), p.stride(), p.padding(), ones);
    boolean extra = !perSide.equals(symmetric(p.padding()));
    // Without padding, PyTorch's count_include_pad counts only input elements too.
    boolean includePad = p.countIncludePad() && p.padding().stream().anyMatch(q -> q != 0);
    if (!includePad && p.divisorOverride().isEmpty()) {
      // ONNX divides by the input elements of each window, as PyTorch does here; ceil_mode's extra end padding is exact.
      b.opTo(e.out(), "AveragePool", e.ins(), Attrs.ints("kernel_shape", p.kernelSize()), Attrs.ints("strides", p.stride()),
          Attrs.ints("pads", onnxPads(perSide)), Attrs.i("count_include_pad", 0));
      return;
    }
    // Window sums by a depthwise convolution with a kernel of ones, divided by PyTorch's divisor. (ONNX
    // Runtime's AveragePool with count_include_pad=1 divides some padded windows by another count.)
    Dim c = e.inType().dim(1);
    if (!c.isKnown()) throw new Refused(p.name() + " with count_include_pad or divisor_override over a symbolic channel count");
    long taps = p.kernelSize().stream().mapToLong(Integer::longValue).reduce(1, Math::multiplyExact);
    long[] kshape = new long[2 + p.spatialDims()];
    kshape[0] = c.value();
    kshape[1] = 1;
    for (int i = 0; i < p.spatialDims(); i++) kshape[2 + i] = p.kernelSize().get(i);
    float[] kernel = new float[Math.toIntExact(c.value() * taps)];
    java.util.Arrays.fill(kernel, 1f);
    String sum = b.op("Conv", List.of(e.in(), b.floats(kshape, kernel)), Attrs.ints("kernel_shape", p.kernelSize()),
        Attrs.ints("strides", p.stride()), Attrs.ints("pads", onnxPads(perSide)), Attrs.i("group", c.value()));
    if (!extra && p.divisorOverride().isEmpty()) {
      b.opTo(e.out(), "Div", List.of(sum, b.floatScalar(taps)));
      return;
    }
    if (!extra) {
      b.opTo(e.out(), "Div", List.of(sum, b.floatScalar(p.divisorOverride().getAsInt())));
      return;
    }
    long[] in = OnnxGraphBuilder.known(e.inType()), out = OnnxGraphBuilder.known(e.outType());
    if (in == null || out == null) throw new Refused(p.name() + " with ceil_mode over symbolic sizes");
    int rank = in.length, n = p.spatialDims();
    long[] outSpatial = java.util.Arrays.copyOfRange(out, rank - n, rank);
    b.opTo(e.out(), "Div", List.of(sum, b.floats(outSpatial, divisors(p, java.util.Arrays.copyOfRange(in, rank - n, rank), outSpatial))));
  }

  /** PyTorch's avg_pool divisor of every output position (see {@link AvgPool}). */
  private static float[] divisors(AvgPool p, long[] in, long[] out) {
    int total = Math.toIntExact(java.util.Arrays.stream(out).reduce(1, Math::multiplyExact));
    float[] d = new float[total];
    int n = out.length;
    for (int flat = 0; flat < total; flat++) {
      long poolSize = 1, count = 1;
      int rest = flat;
      for (int i = n - 1; i >= 0; i--) {
        long o = rest % out[i];
        rest /= (int) out[i];
        long start = o * p.stride().get(i) - p.padding().get(i);
        long end = Math.min(start + p.kernelSize().get(i), in[i] + p.padding().get(i));
        poolSize *= end - start;
        count *= Math.max(0, Math.min(end, in[i]) - Math.max(start, 0));
      }
      long div = p.divisorOverride().isPresent() ? p.divisorOverride().getAsInt() : p.countIncludePad() ? poolSize : count;
      d[flat] = div == 0 ? 1 : div;
    }
    return d;
  }

  private static void adaptive(AdaptivePool p, Emit e) {
    OnnxGraphBuilder b = e.b();
    TensorType x = e.inType(), y = e.outType();
    int n = p.spatialDims();
    if (!p.returnIndices() && broadcastsOne(x, y, n)) {
      // Every window is the one element of a size-1 dim: a broadcast.
      List<Dim> target = new ArrayList<>();
      for (int i = 0; i < y.rank(); i++) target.add(x.dim(i).equals(y.dim(i)) ? Dim.of(1) : y.dim(i));
      b.opTo(e.out(), "Expand", List.of(e.in(), b.shape(target)));
      return;
    }
    List<Integer> kernel = new ArrayList<>();
    boolean global = true;
    for (int i = 0; i < n; i++) {
      Dim in = x.dim(x.rank() - n + i), out = y.dim(y.rank() - n + i);
      if (in.equals(out)) {
        kernel.add(1);
        global &= in.is(1);
        continue;
      }
      if (!in.isKnown() || out.is(0) || in.value() % out.value() != 0) {
        throw new Refused(p.name() + " from size " + in + " to " + out
            + ": ONNX pools need windows of one size, so the input size must be a multiple of the output size");
      }
      kernel.add(Math.toIntExact(in.value() / out.value()));
      global &= out.is(1);
    }
    if (global && !p.returnIndices()) {
      if (p.kind() == PoolKind.AVG) b.opTo(e.out(), "GlobalAveragePool", e.ins());
      else nanWins(e, b.op("GlobalMaxPool", e.ins()), "GlobalMaxPool");
      return;
    }
    List<Long> zeros = Collections.nCopies(2 * n, 0L);
    if (p.kind() == PoolKind.AVG) {
      b.opTo(e.out(), "AveragePool", e.ins(), Attrs.ints("kernel_shape", kernel), Attrs.ints("strides", kernel), Attrs.ints("pads", zeros));
      return;
    }
    var attrs = new ai.onnx.proto.OnnxMl.AttributeProto[] {Attrs.ints("kernel_shape", kernel), Attrs.ints("strides", kernel),
        Attrs.ints("pads", zeros)};
    List<String> outs = p.returnIndices() ? List.of(b.temp("max"), b.temp("flat_indices")) : List.of(b.temp("max"));
    b.node("MaxPool", e.ins(), outs, attrs);
    nanWins(e, outs.get(0), "MaxPool", attrs);
    if (p.returnIndices()) nanIndices(e, planeIndices(e, outs.get(1), n), n, attrs);
  }

  /** True if every spatial dim that changes grows from size 1. */
  private static boolean broadcastsOne(TensorType x, TensorType y, int n) {
    boolean any = false;
    for (int i = x.rank() - n; i < x.rank(); i++) {
      if (x.dim(i).equals(y.dim(i))) continue;
      if (!x.dim(i).is(1)) return false;
      any = true;
    }
    return any;
  }

  private static void interpolate(Interpolate op, Emit e) {
    OnnxGraphBuilder b = e.b();
    int n = e.inType().rank() - 2;
    if (op.mode() == Interpolate.Mode.AREA) {
      List<java.util.OptionalInt> sizes = new ArrayList<>();
      for (int i = 0; i < n; i++) sizes.add(java.util.OptionalInt.of(e.outType().dim(2 + i).intValue()));
      adaptive(new AdaptivePool(PoolKind.AVG, n, sizes, false), e);
      return;
    }
    List<Integer> axes = new ArrayList<>();
    for (int i = 0; i < n; i++) axes.add(2 + i);
    String scales = "", sizes = "";
    if (op.target() instanceof Interpolate.Scale s && !s.recompute() && !op.alignCorners()) {
      float[] f = new float[n];
      for (int i = 0; i < n; i++) f[i] = (float) (double) s.values().get(s.perDim() ? i : 0);
      for (int i = 0; i < n; i++) {
        // ONNX sizes the output floor(in * scale) in float32; PyTorch in double. Refuse a mismatch.
        Dim in = e.inType().dim(2 + i), out = e.outType().dim(2 + i);
        if (in.isKnown() && (long) Math.floor(in.value() * f[i]) != out.value()) {
          throw new Refused("interpolate: scale_factor " + s.values() + " in float32 gives another output size than PyTorch's");
        }
      }
      scales = b.floats(new long[] {n}, f);
    } else {
      if (!e.outType().dims().subList(2, 2 + n).stream().allMatch(Dim::isKnown)) {
        throw new Refused("interpolate to a symbolic size " + e.outType());
      }
      sizes = b.ints(e.outType().dims().subList(2, 2 + n).stream().mapToLong(Dim::value).toArray());
    }
    String mode = "nearest", transform = "asymmetric", nearest = "floor";
    switch (op.mode()) {
      case NEAREST -> {
        mode = "nearest";
        transform = "asymmetric";
      }
      case NEAREST_EXACT -> {
        mode = "nearest";
        transform = "half_pixel";
        nearest = "round_prefer_ceil";
      }
      case LINEAR, BILINEAR, TRILINEAR -> {
        mode = "linear";
        transform = op.alignCorners() ? "align_corners" : "half_pixel";
      }
      case BICUBIC -> {
        mode = "cubic";
        transform = op.alignCorners() ? "align_corners" : "half_pixel";
      }
      case AREA -> throw new dev.tnet.runtime.CompilerBug("area is handled above");
    }
    List<String> ins = new ArrayList<>(List.of(e.in(), "", scales, sizes));
    if (sizes.isEmpty()) ins.removeLast();
    b.opTo(e.out(), "Resize", ins, Attrs.s("mode", mode),
        Attrs.s("coordinate_transformation_mode", transform), Attrs.s("nearest_mode", nearest),
        Attrs.f("cubic_coeff_a", -0.75), Attrs.ints("axes", axes));
  }

  /** tnet's resize is ONNX's Resize, minus the modes opset 19 dropped. */
  private static void resize(Resize r, Emit e) {
    OnnxGraphBuilder b = e.b();
    int n = e.inType().rank() - 2;
    if (r.coordinateMode() == Resize.CoordinateMode.TF_HALF_PIXEL_FOR_NN) {
      throw new Refused("coordinate_transformation_mode='tf_half_pixel_for_nn' exists only up to opset 17; the export writes opset "
          + OnnxExporter.OPSET);
    }
    if (r.mode() == Resize.Mode.CUBIC && n != 2) {
      // The ONNX spec allows any rank, but ONNX Runtime's Resize refuses cubic outside 2 spatial dims.
      throw new Refused("cubic resize over " + n + " spatial dim(s): ONNX Runtime runs cubic only on 4-D (N, C, H, W) inputs");
    }
    List<Integer> axes = new ArrayList<>();
    for (int i = 0; i < n; i++) axes.add(2 + i);
    List<String> ins = new ArrayList<>(List.of(e.in(), ""));
    switch (r.target()) {
      case Resize.Scale s -> {
        float[] f = new float[n];
        int first = s.perDim() && s.count() != n ? 2 : 0;
        for (int i = 0; i < n; i++) f[i] = (float) (double) s.values().get(s.perDim() ? first + i : 0);
        ins.add(b.floats(new long[] {n}, f));
      }
      case Resize.Size s -> {
        ins.add("");
        ins.add(b.ints(e.outType().dims().subList(2, 2 + n).stream().mapToLong(Dim::value).toArray()));
      }
    }
    b.opTo(e.out(), "Resize", ins, Attrs.s("mode", r.mode().onnxName()),
        Attrs.s("coordinate_transformation_mode", r.coordinateMode().onnxName()), Attrs.s("nearest_mode", r.nearestMode().onnxName()),
        Attrs.f("cubic_coeff_a", r.cubicCoeffA()), Attrs.i("exclude_outside", r.excludeOutside() ? 1 : 0), Attrs.ints("axes", axes));
  }
}
