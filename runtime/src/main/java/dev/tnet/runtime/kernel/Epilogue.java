package dev.tnet.runtime.kernel;

import static dev.tnet.runtime.kernel.Gemm.L;
import static dev.tnet.runtime.kernel.Gemm.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * What a kernel applies to each result while it is still in cache: {@code y = s2 · act(s1 · (acc
 * + bias + residual) + t1) + t2}, each step a separate f32 multiply or add (as the graph ops it
 * replaces), the affine steps skipped when they are the identity ({@code s = 1, t = -0.0}, which
 * leave every value, -0.0 included, as it is). The activation is a code with up to two float
 * arguments {@code a, b}: {@link #IDENTITY}, {@link #RELU} ({@code x < 0 ? 0 : x}, keeping -0.0
 * and NaN as PyTorch), {@link #CLAMP} ({@code min(max(x, a), b)}: relu6, hardtanh, clamp),
 * {@link #LEAKY} ({@code x < 0 ? a*x : x}), {@link #HARDSWISH} ({@code x * min(max(x + 3, 0), 6) *
 * (1/6)}) and {@link #HARDSIGMOID} ({@code min(max(x + 3, 0), 6) * (1/6)}, within an ulp of the
 * graph ops' division by 6); clamps keep NaN.
 */
public record Epilogue(int activation, float a, float b, float s1, float t1, float s2, float t2) {
  public static final int IDENTITY = 0, RELU = 1, CLAMP = 2, LEAKY = 3, HARDSWISH = 4, HARDSIGMOID = 5;
  /** The shift that changes nothing: {@code x + -0.0 == x} for every x. */
  public static final float NO_SHIFT = -0.0f;
  /** hardswish and hardsigmoid multiply by this (a division by 6 costs several times more; as ONNX Runtime does). */
  private static final float SIXTH = 1f / 6f;
  public static final Epilogue NONE = new Epilogue(IDENTITY, 0, 0);

  public Epilogue {
    if (activation < IDENTITY || activation > HARDSIGMOID) throw new IllegalArgumentException("no activation " + activation);
  }

  public Epilogue(int activation, float a, float b) {
    this(activation, a, b, 1f, NO_SHIFT, 1f, NO_SHIFT);
  }

  /** A short name for messages and dumps: {@code relu}, {@code clamp(0.0, 6.0)}. */
  public String describe() {
    String act = switch (activation) {
      case RELU -> "relu";
      case CLAMP -> "clamp(" + a + ", " + b + ")";
      case LEAKY -> "leaky(" + a + ")";
      case HARDSWISH -> "hardswish";
      case HARDSIGMOID -> "hardsigmoid";
      default -> "identity";
    };
    if (!identity(s1, t1)) act = act + "(" + s1 + "x + " + t1 + ")";
    return identity(s2, t2) ? act : s2 + "·" + act + " + " + t2;
  }

  private static boolean identity(float s, float t) {
    return s == 1f && Float.floatToRawIntBits(t) == Float.floatToRawIntBits(NO_SHIFT);
  }

  /** {@link #plain}: none of these; identity; relu; clamp(+0.0, 6) (relu6); hardswish; each between affine steps. */
  static final int PLAIN_NONE = -1, PLAIN_IDENTITY = 0, PLAIN_RELU = 1, PLAIN_RELU6 = 2, PLAIN_HARDSWISH = 3;

  /**
   * Which of the activations kernels inline in their stores this epilogue's is (identity, relu,
   * relu6 or hardswish, with any affine steps), or {@link #PLAIN_NONE}.
   */
  int plain() {
    return switch (activation) {
      case IDENTITY -> PLAIN_IDENTITY;
      case RELU -> PLAIN_RELU;
      case CLAMP -> Float.floatToRawIntBits(a) == 0 && b == 6f ? PLAIN_RELU6 : PLAIN_NONE;
      case HARDSWISH -> PLAIN_HARDSWISH;
      default -> PLAIN_NONE;
    };
  }

  /**
   * This epilogue as kernels apply it to vectors in registers, if it is {@link #plain}, else null:
   * its steps decided once, out of the kernels' loops.
   */
  Inline inline() {
    int plain = plain();
    return plain == PLAIN_NONE ? null : new Inline(plain, hasAffine1(), s1, t1, hasAffine2(), s2, t2);
  }

  /** A {@link #plain} epilogue's steps: {@link #apply(FloatVector)} does what {@link #apply(float[], int, int)} does to each lane. */
  record Inline(int plain, boolean affine1, float s1, float t1, boolean affine2, float s2, float t2) {
    FloatVector apply(FloatVector v) {
      if (affine1) v = v.mul(s1).add(t1);
      if (plain == PLAIN_RELU) v = relu(v);
      else if (plain == PLAIN_RELU6) v = clamp(v, 0f, 6f);
      else if (plain == PLAIN_HARDSWISH) v = hardswish(v);
      if (affine2) v = v.mul(s2).add(t2);
      return v;
    }
  }

  /** hardswish of one vector: {@code x * clamp(x + 3, 0, 6) * (1/6)}, as {@link #apply(float[], int, int)} computes it. */
  static FloatVector hardswish(FloatVector v) {
    return v.mul(clamp(v.add(3f), 0f, 6f)).mul(SIXTH);
  }

  /** relu of one vector: {@code x < 0 ? 0 : x} (-0.0 and NaN stay). */
  static FloatVector relu(FloatVector v) {
    return v.blend(0f, v.compare(VectorOperators.LT, 0f));
  }

  /** Whether the affine step before the activation changes anything (is not {@code s1 = 1, t1 = -0.0}). */
  boolean hasAffine1() {
    return !identity(s1, t1);
  }

  /** Whether the affine step after the activation changes anything. */
  boolean hasAffine2() {
    return !identity(s2, t2);
  }

  /** Whether this epilogue changes nothing. */
  public boolean isIdentity() {
    return activation == IDENTITY && identity(s1, t1) && identity(s2, t2);
  }

  /**
   * Applies this epilogue in place to {@code y[at, at + count)}: kernels store a run of sums, then
   * call this once per run, which makes one pass per step, each a small loop of its own that the
   * JIT compiles on its own (no per-vector dispatch in the kernels' inner loops). Vectors and the
   * scalar tails compute the same IEEE operations.
   */
  void apply(float[] y, int at, int count) {
    if (activation == HARDSWISH && !identity(s1, t1)) { // PP-LCNet's affine block: one pass
      affineHardswish(y, at, count);
      return;
    }
    if (!identity(s1, t1)) affine(y, at, count, s1, t1);
    switch (activation) {
      case RELU -> relu(y, at, count);
      case CLAMP -> clamp(y, at, count, a, b);
      case LEAKY -> leaky(y, at, count, a);
      case HARDSWISH -> hard(y, at, count, true);
      case HARDSIGMOID -> hard(y, at, count, false);
      default -> {}
    }
    if (!identity(s2, t2)) affine(y, at, count, s2, t2);
  }

  /** The scalar epilogue, as {@link #apply(float[], int, int)} does it to each element. */
  float apply(float v) {
    if (!identity(s1, t1)) v = v * s1 + t1;
    v = switch (activation) {
      case RELU -> v < 0 ? 0f : v;
      case CLAMP -> clamp(v, a, b);
      case LEAKY -> v < 0 ? a * v : v;
      case HARDSWISH -> hard(v, true);
      case HARDSIGMOID -> hard(v, false);
      default -> v;
    };
    return identity(s2, t2) ? v : v * s2 + t2;
  }

  private static void affine(float[] y, int at, int count, float s, float t) {
    int j = 0;
    for (; j + L <= count; j += L) FloatVector.fromArray(S, y, at + j).mul(s).add(t).intoArray(y, at + j);
    for (; j < count; j++) y[at + j] = y[at + j] * s + t;
  }

  /** {@code s2 · hardswish(s1·x + t1) + t2} in one pass (the same operations as the separate passes). */
  private void affineHardswish(float[] y, int at, int count) {
    float a1 = s1, b1 = t1, a2 = s2, b2 = t2;
    int j = 0;
    for (; j + L <= count; j += L) {
      hardswish(FloatVector.fromArray(S, y, at + j).mul(a1).add(b1)).mul(a2).add(b2).intoArray(y, at + j); // a2 = 1, b2 = -0.0 change nothing
    }
    for (; j < count; j++) y[at + j] = apply(y[at + j]);
  }

  private static void relu(float[] y, int at, int count) {
    int j = 0;
    for (; j + L <= count; j += L) relu(FloatVector.fromArray(S, y, at + j)).intoArray(y, at + j);
    for (; j < count; j++) if (y[at + j] < 0) y[at + j] = 0f;
  }

  private static void clamp(float[] y, int at, int count, float lo, float hi) {
    int j = 0;
    for (; j + L <= count; j += L) clamp(FloatVector.fromArray(S, y, at + j), lo, hi).intoArray(y, at + j);
    for (; j < count; j++) y[at + j] = clamp(y[at + j], lo, hi);
  }

  private static void leaky(float[] y, int at, int count, float slope) {
    int j = 0;
    for (; j + L <= count; j += L) {
      FloatVector v = FloatVector.fromArray(S, y, at + j);
      v.blend(v.mul(slope), v.compare(VectorOperators.LT, 0f)).intoArray(y, at + j);
    }
    for (; j < count; j++) if (y[at + j] < 0) y[at + j] = slope * y[at + j];
  }

  /** hardswish ({@code swish}) or hardsigmoid: {@code [x *] clamp(x + 3, 0, 6) * (1/6)}. */
  private static void hard(float[] y, int at, int count, boolean swish) {
    int j = 0;
    if (swish) {
      for (; j + L <= count; j += L) hardswish(FloatVector.fromArray(S, y, at + j)).intoArray(y, at + j);
    } else {
      for (; j + L <= count; j += L) clamp(FloatVector.fromArray(S, y, at + j).add(3f), 0f, 6f).mul(SIXTH).intoArray(y, at + j);
    }
    for (; j < count; j++) y[at + j] = hard(y[at + j], swish);
  }

  private static float hard(float v, boolean swish) {
    float g = clamp(v + 3f, 0f, 6f);
    return (swish ? v * g : g) * SIXTH;
  }

  /** {@code min(max(v, lo), hi)}, NaN staying NaN. */
  private static float clamp(float v, float lo, float hi) {
    return Float.isNaN(v) ? v : Math.min(Math.max(v, lo), hi);
  }

  /**
   * {@code min(max(v, lo), hi)} with Java's semantics (NaN stays NaN; {@code max(-0.0, 0.0)} is
   * 0.0, {@code min(0.0, -0.0)} is -0.0) in compares and blends: a NaN fails every compare, and
   * a zero bound of the sign that wins also replaces the other zero. Java-semantics max and min
   * cost several instructions each on AVX2; they remain for NaN bounds.
   */
  static FloatVector clamp(FloatVector v, float lo, float hi) {
    if (Float.isNaN(lo) || Float.isNaN(hi)) return v.max(lo).min(hi).blend(v, v.compare(VectorOperators.NE, v));
    boolean positiveZeroLo = Float.floatToRawIntBits(lo) == 0, negativeZeroHi = Float.floatToRawIntBits(hi) == Integer.MIN_VALUE;
    v = v.blend(lo, v.compare(positiveZeroLo ? VectorOperators.LE : VectorOperators.LT, lo));
    return v.blend(hi, v.compare(negativeZeroHi ? VectorOperators.GE : VectorOperators.GT, hi));
  }
}
