package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.op.AttrValue.ListV;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * {@code interpolate(x, size=None, scale_factor=None, mode='nearest', align_corners=None,
 * recompute_scale_factor=None, antialias=False)}, as {@code F.interpolate}: resamples the spatial
 * dims of a batched {@code [N, C, *spatial]} input (rank 3 to 5, 1 to 3 spatial dims).
 *
 * <p>Output size: {@code size}, or {@code floor(in * scale_factor)} per dim (each at least 1).
 * Each output coordinate {@code o} maps to a source coordinate using PyTorch's {@code scale}: with
 * {@code align_corners}, {@code (in - 1) / (out - 1)} (0 if {@code out == 1}); otherwise {@code 1 /
 * scale_factor} when a scale factor was given and {@code recompute_scale_factor} is not True, else
 * {@code in / out}. So {@code scale_factor=1.7} and the {@code size} it produces sample differently.
 * The exact index math of each mode is in {@code dev.tnet.interp.InterpolateKernels}. {@code area}
 * is adaptive average pooling to the output size. {@code align_corners} may only be given for the
 * linear modes; {@code antialias=True} is not supported (refused). Deviation: PyTorch 1.13's
 * nearest mode gives different indices for one-channel 4D/5D inputs with scale factors like 1.09
 * or 2.1 (a channels-last code path); tnet always follows its general path (see the kernel).
 *
 * <p>FLOPs: nearest modes 0 (a gather); linear modes 2 per tap, {@code 2^d} taps per output;
 * bicubic 16 taps per output; area as adaptive average pooling.
 */
public record Interpolate(Target target, Mode mode, boolean alignCorners) implements SpatialOp {
  public static final Signature SIGNATURE = Signature.of("interpolate").optNone("size").optNone("scale_factor")
      .opt("mode", "nearest").optNone("align_corners").optNone("recompute_scale_factor").opt("antialias", false);

  /** The resampling modes; {@code spatialDims == 0} means any of 1 to 3. */
  public enum Mode {
    NEAREST("nearest", 0), NEAREST_EXACT("nearest-exact", 0), LINEAR("linear", 1), BILINEAR("bilinear", 2),
    BICUBIC("bicubic", 2), TRILINEAR("trilinear", 3), AREA("area", 0);

    final String pytorchName;
    final int spatialDims;

    Mode(String pytorchName, int spatialDims) {
      this.pytorchName = pytorchName;
      this.spatialDims = spatialDims;
    }

    public String pytorchName() {
      return pytorchName;
    }

    /** True for the modes that take {@code align_corners}. */
    public boolean interpolates() {
      return spatialDims != 0;
    }
  }

  /**
   * What fixes the output size. A value given as one number ({@code perDim == false}) applies to
   * every spatial dim; a tuple ({@code perDim}) must have one entry per spatial dim.
   */
  public sealed interface Target {}

  /** {@code size}: the output's spatial sizes, each at least 1. */
  public record Size(List<Integer> values, boolean perDim) implements Target {
    public Size {
      values = List.copyOf(values);
    }
  }

  /**
   * {@code scale_factor}, each positive; {@code recompute} (recompute_scale_factor=True) makes the
   * sampling use {@code in / out} rather than {@code 1 / scale_factor}.
   */
  public record Scale(List<Double> values, boolean perDim, boolean recompute) implements Target {
    public Scale {
      values = List.copyOf(values);
    }
  }

  static Interpolate create(Args a) {
    String m = a.getChoice("mode", "nearest", "nearest-exact", "linear", "bilinear", "bicubic", "trilinear", "area");
    Mode mode = java.util.Arrays.stream(Mode.values()).filter(x -> x.pytorchName.equals(m)).findFirst().orElseThrow();
    boolean recompute = !a.isNone("recompute_scale_factor") && a.getBool("recompute_scale_factor");
    if (a.isNone("size") == a.isNone("scale_factor")) {
      throw new OpException(a.op(), a.isNone("size") ? "either size or scale_factor must be given"
          : "only one of size and scale_factor may be given");
    }
    Target target;
    if (!a.isNone("size")) {
      if (recompute) throw new OpException(a.op(), "recompute_scale_factor is not meaningful with an explicit size");
      List<Integer> v = new ArrayList<>();
      for (int s : a.getIntList("size")) {
        if (s < 1) throw new OpException(a.op(), "size=" + a.get("size") + " must be positive");
        v.add(s);
      }
      target = new Size(v, a.get("size") instanceof ListV);
    } else {
      List<Double> v = new ArrayList<>();
      for (double s : a.getDoubleList("scale_factor")) {
        if (!(s > 0) || Double.isInfinite(s)) {
          throw new OpException(a.op(), "scale_factor=" + a.get("scale_factor") + " must be positive and finite");
        }
        v.add(s);
      }
      // PyTorch: area always samples from the output size.
      target = new Scale(v, a.get("scale_factor") instanceof ListV, recompute || mode == Mode.AREA);
    }
    if (!a.isNone("align_corners") && !mode.interpolates()) {
      throw new OpException(a.op(), "align_corners can only be given with mode linear, bilinear, bicubic or trilinear, not '"
          + m + "'");
    }
    if (a.getBool("antialias")) throw new OpException(a.op(), "antialias=True is not supported");
    return new Interpolate(target, mode, !a.isNone("align_corners") && a.getBool("align_corners"));
  }

  public String name() {
    return "interpolate";
  }

  public Args args() {
    Map<String, AttrValue> m = new HashMap<>();
    switch (target) {
      case Size s -> m.put("size", s.perDim()
          ? AttrValue.ints(s.values().stream().mapToLong(Integer::longValue).toArray()) : AttrValue.of(s.values().get(0)));
      case Scale s -> {
        List<AttrValue> v = s.values().stream().map(AttrValue::of).toList();
        m.put("scale_factor", s.perDim() ? new ListV(v) : v.get(0));
        if (s.recompute()) m.put("recompute_scale_factor", AttrValue.of(true));
      }
    }
    m.put("mode", AttrValue.of(mode.pytorchName));
    if (mode.interpolates()) m.put("align_corners", AttrValue.of(alignCorners));
    return SIGNATURE.bind(m);
  }

  /**
   * The scale factor the sampling uses for spatial dim {@code i}: present only when {@code
   * scale_factor} was given without {@code recompute_scale_factor}; otherwise PyTorch uses {@code
   * in / out}.
   */
  public OptionalDouble samplingScale(int i) {
    return target instanceof Scale s && !s.recompute()
        ? OptionalDouble.of(s.values().get(s.perDim() ? i : 0)) : OptionalDouble.empty();
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    TensorType x = SpatialArgs.batchedInput(name(), inputs);
    int dims = x.rank() - 2;
    if (mode.spatialDims != 0 && mode.spatialDims != dims) {
      throw new OpException(name(), "mode='" + mode.pytorchName + "' needs a rank-" + (mode.spatialDims + 2)
          + " input, got " + x);
    }
    List<Dim> out = new ArrayList<>();
    for (int i = 0; i < dims; i++) {
      Dim in = x.dim(2 + i);
      if (in.is(0)) throw new OpException(name(), "spatial dim " + i + " of the input is empty: " + x);
      Dim o = switch (target) {
        case Size s -> Dim.of(s.values().get(perDimIndex(s.values().size(), s.perDim(), dims, "size", i)));
        case Scale s -> scaled(in, s.values().get(perDimIndex(s.values().size(), s.perDim(), dims, "scale_factor", i)), x);
      };
      if (o.isKnown() && o.value() < 1) {
        throw new OpException(name(), "output size " + o + " of spatial dim " + i + " is empty (input " + x
            + ", scale_factor=" + args().get("scale_factor") + ")");
      }
      out.add(o);
    }
    return List.of(x.withDims(SpatialArgs.withSpatial(x, out)));
  }

  private int perDimIndex(int given, boolean perDim, int dims, String what, int i) {
    if (!perDim) return 0;
    if (given != dims) {
      throw new OpException(name(), what + " has " + given + " entries but the input has " + dims + " spatial dims");
    }
    return i;
  }

  /**
   * {@code floor(in * scale)} as PyTorch computes it in double. A symbolic size needs a scale with a
   * short binary expansion ({@code scale * 2^k} an integer for some {@code k <= 16}, like 2, 0.5 or
   * 1.25), so the product is exact and equals the floor division {@code in * (scale*2^k) / 2^k}.
   */
  private Dim scaled(Dim in, double scale, TensorType x) {
    if (in.isKnown()) return Dim.of((long) Math.floor((double) in.value() * scale));
    for (int k = 0; k <= 16; k++) {
      double m = Math.scalb(scale, k);
      if (m == Math.rint(m) && m < (1L << 30)) return in.times((long) m).floorDiv(1L << k);
    }
    throw new OpException(name(), "scale_factor=" + scale + " on the symbolic size of " + x
        + " has no exact output size; give size instead, or a scale such as 2 or 0.5");
  }

  public Dim flops(List<TensorType> inputs) {
    TensorType x = inputs.get(0);
    TensorType y = infer(inputs).get(0);
    return switch (mode) {
      case NEAREST, NEAREST_EXACT -> Dim.of(0);
      case LINEAR, BILINEAR, TRILINEAR -> y.numel().times(2L << (x.rank() - 2));
      case BICUBIC -> y.numel().times(2L * 16);
      case AREA -> AdaptivePool.windowTaps(x, y, x.rank() - 2).plus(y.numel());
    };
  }
}
