package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.op.AttrValue.ListV;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code resize(x, size=None, scales=None, mode='nearest', coordinate_transformation_mode='half_pixel',
 * nearest_mode='round_prefer_floor', cubic_coeff_a=-0.75, exclude_outside=False,
 * extrapolation_value=0.0)}: ONNX's {@code Resize} (opsets 11 to 21) on the spatial dims of a batched
 * {@code [N, C, *spatial]} f32 input (rank 3 to 5). Batch and channels are kept.
 *
 * <p>Exactly one of {@code size} (output sizes) and {@code scales} (factors) is given: one value for
 * every spatial dim, one per spatial dim, or, as ONNX writes them, one per dim of the input, whose
 * batch and channel entries must then leave those dims alone (scale 1, size equal to the input's).
 * A scale is rounded to float32 (ONNX's {@code scales} is a float tensor); the output size is
 * {@code floor(in * scale)} with the product in float32, as ONNX's shape inference and ONNX Runtime
 * compute it (so 10 * 0.7 gives 7). The sampling uses that scale, not {@code out / in}; with {@code
 * size} it uses the float32 quotient {@code out / in}.
 *
 * <p>Per spatial dim, output index {@code o} maps to a source coordinate {@code x} ({@link
 * #sourceCoordinate}: float32 arithmetic in ONNX Runtime's order of operations, half_pixel_symmetric
 * as its double arithmetic rounded to float32; {@code s} the scale, {@code in}/{@code out} the
 * sizes):
 * <ul>
 *   <li>half_pixel: {@code (o + 0.5) / s - 0.5}; pytorch_half_pixel: the same, but 0 when {@code
 *       out == 1}; half_pixel_symmetric (opset 19): {@code offset + (o + 0.5) / s - 0.5} with {@code
 *       offset = in / 2 * (1 - out / (s * in))}; tf_half_pixel_for_nn (opsets 11 to 17): {@code (o +
 *       0.5) / s}; asymmetric: {@code o / s}; align_corners: {@code o * (in - 1) / (out - 1)}, 0 when
 *       {@code out == 1}.
 *   <li>nearest: {@code x} rounded by {@code nearest_mode} (round_prefer_floor and round_prefer_ceil
 *       round halves down and up, floor, ceil), clamped to {@code [0, in - 1]}.
 *   <li>linear: {@code x} clamped to {@code [0, in - 1]}, taps {@code floor(x)} and the next
 *       (clamped), weights {@code 1 - t} and {@code t}, {@code t = x - floor(x)}: linear, bilinear or
 *       trilinear by the number of spatial dims.
 *   <li>cubic: taps {@code floor(x) - 1 .. floor(x) + 2}, read clamped to the edge, with Keys' cubic
 *       weights of {@code t} for {@code A = cubic_coeff_a}; {@code exclude_outside} zeroes the
 *       weights of taps outside {@code [0, in)} and divides by the sum of the rest. Separable, so 1
 *       to 3 spatial dims (ONNX Runtime itself only does 2).
 * </ul>
 * A dim whose scale is 1 maps {@code o} to {@code o} in every mode.
 *
 * <p>Refused: {@code coordinate_transformation_mode='tf_crop_and_resize'}, which needs ONNX's
 * {@code roi} input (not an argument here); {@code extrapolation_value} only matters for that mode,
 * so it is accepted and has no effect. ONNX Runtime copies the input when no dim changes size, even
 * for a scale other than 1 ({@code floor(3 * 1.2) == 3}); tnet samples with the scale, as the
 * specification says.
 *
 * <p>FLOPs: nearest 0 (a gather); linear 2 per tap, {@code 2^d} taps per output; cubic 2 per tap,
 * {@code 4^d} taps.
 */
public record Resize(Target target, Mode mode, CoordinateMode coordinateMode, NearestMode nearestMode,
    double cubicCoeffA, boolean excludeOutside) implements SpatialOp {
  public static final Signature SIGNATURE = Signature.of("resize").optNone("size").optNone("scales")
      .opt("mode", "nearest").opt("coordinate_transformation_mode", "half_pixel")
      .opt("nearest_mode", "round_prefer_floor").opt("cubic_coeff_a", -0.75).opt("exclude_outside", false)
      .opt("extrapolation_value", 0.0);

  /** The interpolation modes, by their ONNX names. */
  public enum Mode {
    NEAREST, LINEAR, CUBIC;

    public String onnxName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** ONNX's {@code coordinate_transformation_mode}s that need no {@code roi}. */
  public enum CoordinateMode {
    HALF_PIXEL, HALF_PIXEL_SYMMETRIC, PYTORCH_HALF_PIXEL, TF_HALF_PIXEL_FOR_NN, ALIGN_CORNERS, ASYMMETRIC;

    public String onnxName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** ONNX's {@code nearest_mode}s. */
  public enum NearestMode {
    ROUND_PREFER_FLOOR, ROUND_PREFER_CEIL, FLOOR, CEIL;

    public String onnxName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * What fixes the output size: {@code values} has one entry ({@code perDim == false}: every
   * spatial dim), one per spatial dim, or one per input dim.
   */
  public sealed interface Target {
    boolean perDim();

    int count();
  }

  /** {@code size}: output sizes, each at least 1. */
  public record Size(List<Integer> values, boolean perDim) implements Target {
    public Size {
      values = List.copyOf(values);
    }

    public int count() {
      return values.size();
    }
  }

  /** {@code scales}: positive finite factors, as given (used rounded to float32). */
  public record Scale(List<Double> values, boolean perDim) implements Target {
    public Scale {
      values = List.copyOf(values);
    }

    public int count() {
      return values.size();
    }
  }

  static Resize create(Args a) {
    Mode mode = Mode.valueOf(upper(a.getChoice("mode", names(Mode.values()))));
    String ctm = a.getString("coordinate_transformation_mode");
    if (ctm.equals("tf_crop_and_resize")) {
      throw new OpException(a.op(), "coordinate_transformation_mode='tf_crop_and_resize' is not supported: it needs"
          + " ONNX's roi input, which resize does not take");
    }
    CoordinateMode coord = CoordinateMode.valueOf(upper(a.getChoice("coordinate_transformation_mode",
        names(CoordinateMode.values()))));
    NearestMode nearest = NearestMode.valueOf(upper(a.getChoice("nearest_mode", names(NearestMode.values()))));
    if (a.isNone("size") == a.isNone("scales")) {
      throw new OpException(a.op(), a.isNone("size") ? "either size or scales must be given"
          : "only one of size and scales may be given");
    }
    Target target;
    if (!a.isNone("size")) {
      List<Integer> v = new ArrayList<>();
      for (int s : a.getIntList("size")) {
        if (s < 1) throw new OpException(a.op(), "size=" + a.get("size") + " must be positive");
        v.add(s);
      }
      target = new Size(v, a.get("size") instanceof ListV);
    } else {
      List<Double> v = new ArrayList<>();
      for (double s : a.getDoubleList("scales")) {
        if (!((float) s > 0) || Float.isInfinite((float) s)) {
          throw new OpException(a.op(), "scales=" + a.get("scales") + " must be positive and finite (as float32)");
        }
        v.add(s);
      }
      target = new Scale(v, a.get("scales") instanceof ListV);
    }
    if (target.count() == 0) throw new OpException(a.op(), (target instanceof Size ? "size" : "scales") + " is empty");
    double cubicA = a.getDouble("cubic_coeff_a");
    if (!Double.isFinite(cubicA)) throw new OpException(a.op(), "cubic_coeff_a=" + cubicA + " must be finite");
    a.getDouble("extrapolation_value"); // checked to be a number; only tf_crop_and_resize would use it
    return new Resize(target, mode, coord, nearest, cubicA, a.getBool("exclude_outside"));
  }

  private static String upper(String s) {
    return s.toUpperCase(java.util.Locale.ROOT);
  }

  private static String[] names(Enum<?>[] values) {
    return Arrays.stream(values).map(v -> v.name().toLowerCase(java.util.Locale.ROOT)).toArray(String[]::new);
  }

  public String name() {
    return "resize";
  }

  public Args args() {
    Map<String, AttrValue> m = new HashMap<>();
    switch (target) {
      case Size s -> m.put("size", s.perDim()
          ? AttrValue.ints(s.values().stream().mapToLong(Integer::longValue).toArray()) : AttrValue.of(s.values().get(0)));
      case Scale s -> {
        List<AttrValue> v = s.values().stream().map(AttrValue::of).toList();
        m.put("scales", s.perDim() ? new ListV(v) : v.get(0));
      }
    }
    m.put("mode", AttrValue.of(mode.onnxName()));
    m.put("coordinate_transformation_mode", AttrValue.of(coordinateMode.onnxName()));
    m.put("nearest_mode", AttrValue.of(nearestMode.onnxName()));
    m.put("cubic_coeff_a", AttrValue.of(cubicCoeffA));
    m.put("exclude_outside", AttrValue.of(excludeOutside));
    return SIGNATURE.bind(m);
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    TensorType x = SpatialArgs.batchedInput(name(), inputs);
    int dims = x.rank() - 2;
    int first = firstSpatialEntry(x);
    List<Dim> out = new ArrayList<>();
    for (int i = 0; i < dims; i++) {
      Dim in = x.dim(2 + i);
      if (in.is(0)) throw new OpException(name(), "spatial dim " + i + " of the input is empty: " + x);
      int k = target.perDim() ? first + i : 0;
      Dim o = switch (target) {
        case Size s -> Dim.of(s.values().get(k));
        case Scale s -> scaled(in, (float) (double) s.values().get(k), x);
      };
      if (o.isKnown() && o.value() < 1) {
        throw new OpException(name(), "output size " + o + " of spatial dim " + i + " is empty (input " + x
            + ", scales=" + args().get("scales") + ")");
      }
      out.add(o);
    }
    return List.of(x.withDims(SpatialArgs.withSpatial(x, out)));
  }

  /**
   * Where the spatial entries of a per-dim {@code size} or {@code scales} start: 0 with one entry
   * per spatial dim, 2 with one per input dim (whose batch and channel entries must keep those dims).
   */
  private int firstSpatialEntry(TensorType x) {
    if (!target.perDim()) return 0;
    int dims = x.rank() - 2, given = target.count();
    String what = target instanceof Size ? "size" : "scales";
    if (given == dims) return 0;
    if (given != x.rank()) {
      throw new OpException(name(), what + "=" + args().get(what) + " has " + given + " entries but the input " + x
          + " has " + dims + " spatial dims (give one per spatial dim, or one per dim)");
    }
    for (int i = 0; i < 2; i++) {
      String dim = i == 0 ? "batch" : "channel";
      switch (target) {
        case Scale s -> {
          if ((float) (double) s.values().get(i) != 1f) {
            throw new OpException(name(), "scales=" + args().get(what) + " scales the " + dim + " dim (entry " + i
                + " is " + s.values().get(i) + "); resize only resizes the spatial dims, so it must be 1");
          }
        }
        case Size s -> {
          Dim d = x.dim(i);
          if (!d.is(s.values().get(i))) {
            throw new OpException(name(), "size=" + args().get(what) + " resizes the " + dim + " dim (entry " + i
                + " is " + s.values().get(i) + ", the input " + x + " has " + d + "); resize only resizes the"
                + " spatial dims: give the input's size there, or only the spatial sizes");
          }
        }
      }
    }
    return 2;
  }

  /**
   * {@code floor(in * scale)} with a float32 product, as ONNX Runtime. A symbolic size needs a
   * scale with a short binary expansion ({@code scale * 2^k} an integer for some {@code k <= 16}),
   * whose product is exact: the floor division {@code in * (scale*2^k) / 2^k}.
   */
  private Dim scaled(Dim in, float scale, TensorType x) {
    if (in.isKnown()) return Dim.of((long) Math.floor((float) in.value() * scale));
    for (int k = 0; k <= 16; k++) {
      double m = Math.scalb((double) scale, k);
      if (m == Math.rint(m) && m < (1L << 30)) return in.times((long) m).floorDiv(1L << k);
    }
    throw new OpException(name(), "scales=" + scale + " on the symbolic size of " + x
        + " has no exact output size; give size instead, or a scale such as 2 or 0.5");
  }

  /**
   * The float32 scale that spatial dim {@code d} of {@code dims} samples with, for input size
   * {@code in} and output size {@code out}: the given scale, or {@code out / in} when {@code size}
   * was given.
   */
  public float samplingScale(int d, int dims, int in, int out) {
    return switch (target) {
      case Scale s -> (float) (double) s.values().get(!s.perDim() ? 0 : s.count() == dims ? d : d + 2);
      case Size s -> (float) out / (float) in;
    };
  }

  /**
   * The float32 arithmetic that {@link #sourceCoordinate} is written in, so that the reference
   * kernel (on floats) and the lowering (on loop IR expressions) perform the same operations in the
   * same order and agree bit for bit.
   */
  public interface Arith<T> {
    T constant(float v);

    T add(T a, T b);

    T sub(T a, T b);

    T mul(T a, T b);

    T div(T a, T b);
  }

  /** {@link Arith} on Java floats (IEEE float32, round to nearest even). */
  public static final Arith<Float> FLOAT = new Arith<>() {
    public Float constant(float v) {
      return v;
    }

    public Float add(Float a, Float b) {
      return a + b;
    }

    public Float sub(Float a, Float b) {
      return a - b;
    }

    public Float mul(Float a, Float b) {
      return a * b;
    }

    public Float div(Float a, Float b) {
      return a / b;
    }
  };

  /**
   * The source coordinate of output index {@code x} (a float) along a spatial dim of input size
   * {@code in}, output size {@code out} and sampling scale {@code s}, as ONNX Runtime computes it in
   * float32 (see the class comment); half_pixel_symmetric as {@link #symmetric}.
   */
  public <T> T sourceCoordinate(T x, float s, int in, int out, Arith<T> a) {
    if (s == 1f) return x;
    T half = a.constant(0.5f), scale = a.constant(s);
    return switch (coordinateMode) {
      case HALF_PIXEL -> a.sub(a.div(a.add(x, half), scale), half);
      case PYTORCH_HALF_PIXEL -> out > 1 ? a.sub(a.div(a.add(x, half), scale), half) : a.constant(0);
      case HALF_PIXEL_SYMMETRIC -> symmetric(a.add(x, half), s, symmetricOffset(s, in, out), a);
      case TF_HALF_PIXEL_FOR_NN -> a.div(a.add(x, half), scale);
      case ALIGN_CORNERS -> out == 1 ? a.constant(0) : a.div(a.mul(x, a.constant(in - 1)), a.constant(out - 1));
      case ASYMMETRIC -> a.div(x, scale);
    };
  }

  /**
   * half_pixel_symmetric's {@code offset + q / s - 0.5} ({@code q = x + 0.5}), which ONNX Runtime
   * evaluates in double and rounds to float32. The coordinates are often exact integers or halves
   * there, where a float32 evaluation rounds the other way, so this computes the exact value with
   * error-free float32 transformations and rounds once: {@code h = q / s} with its exact remainder
   * {@code q - h*s} (Dekker's product with Veltkamp's split; the remainder of a rounded quotient is
   * a float), then Knuth's two-sums for {@code offset + h - 0.5}, the errors and the remainder's
   * share {@code (q - h*s) / s} added last. It equals the double computation rounded to float32
   * unless the exact value lies within about 2^-45 (relative) of a midpoint between two floats.
   */
  static <T> T symmetric(T q, float s, float offset, Arith<T> a) {
    T scale = a.constant(s), h = a.div(q, scale);
    float split = 4097; // 2^12 + 1: halves of 12 significant bits, whose products are exact
    float st = s * split, sHi = st - (st - s), sLo = s - sHi;
    T ht = a.mul(h, a.constant(split)), hHi = a.sub(ht, a.sub(ht, h)), hLo = a.sub(h, hHi);
    T ph = a.mul(h, scale);
    T pl = a.add(a.add(a.add(a.sub(a.mul(hHi, a.constant(sHi)), ph), a.mul(hHi, a.constant(sLo))),
        a.mul(hLo, a.constant(sHi))), a.mul(hLo, a.constant(sLo)));
    T remainder = a.sub(a.sub(q, ph), pl);
    T off = a.constant(offset), s1 = a.add(off, h), e1 = twoSumError(off, h, s1, a);
    T minusHalf = a.constant(-0.5f), s2 = a.add(s1, minusHalf), e2 = twoSumError(s1, minusHalf, s2, a);
    return a.add(s2, a.add(a.add(e1, e2), a.div(remainder, scale)));
  }

  /** The rounding error of {@code sum = a + b}: {@code (a + b) - sum} exactly (Knuth's two-sum). */
  private static <T> T twoSumError(T x, T y, T sum, Arith<T> a) {
    T yv = a.sub(sum, x), xv = a.sub(sum, yv);
    return a.add(a.sub(x, xv), a.sub(y, yv));
  }

  /** half_pixel_symmetric's {@code in / 2 * (1 - out / (s * in))}, in float32 as ONNX Runtime. */
  public static float symmetricOffset(float s, int in, int out) {
    float outputWidth = s * (float) in;
    float adjustment = (float) out / outputWidth;
    float center = (float) in / 2;
    return center * (1 - adjustment);
  }

  public Dim flops(List<TensorType> inputs) {
    TensorType y = infer(inputs).get(0);
    int dims = inputs.get(0).rank() - 2;
    return switch (mode) {
      case NEAREST -> Dim.of(0);
      case LINEAR -> y.numel().times(2L << dims);
      case CUBIC -> y.numel().times(2L << (2 * dims));
    };
  }
}
