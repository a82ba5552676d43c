package dev.tnet.driver.fuzz;

import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.GraphBuilder;
import dev.tnet.ir.graph.GraphException;
import dev.tnet.ir.graph.GraphTyper;
import dev.tnet.ir.op.OpCatalogue;
import dev.tnet.ir.op.OpException;
import dev.tnet.runtime.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * Single-op cases: a generator per op family draws a valid call of one catalogue op, and the case
 * is the one-node graph of that call with random inputs and weights. Every catalogue op has a
 * generator ({@link #generatorFor}); the draws are valid by construction up to rare corners, which
 * the op's own check refuses and the generator then redraws.
 */
public final class OpCases {
  /** Draws that the op's check may refuse before we give up on a seed. */
  static final int ATTEMPTS = 50;

  private static final Map<String, BiFunction<String, Rand, OpDraw>> FAMILIES = families();

  private OpCases() {}

  private static Map<String, BiFunction<String, Rand, OpDraw>> families() {
    Map<String, BiFunction<String, Rand, OpDraw>> m = new LinkedHashMap<>();
    for (int d = 1; d <= 3; d++) {
      m.put("conv" + d + "d", SpatialDraws::conv);
      m.put("conv_transpose" + d + "d", SpatialDraws::convTranspose);
      m.put("max_pool" + d + "d", SpatialDraws::pool);
      m.put("avg_pool" + d + "d", SpatialDraws::pool);
      m.put("adaptive_avg_pool" + d + "d", SpatialDraws::adaptive);
      m.put("adaptive_max_pool" + d + "d", SpatialDraws::adaptive);
    }
    m.put("global_avg_pool", SpatialDraws::global);
    m.put("global_max_pool", SpatialDraws::global);
    m.put("interpolate", SpatialDraws::interpolate);
    m.put("resize", SpatialDraws::resize);
    m.put("linear", NnDraws::linear);
    for (String op : List.of("matmul", "mm", "bmm")) m.put(op, NnDraws::matmul);
    for (String op : List.of("batch_norm", "instance_norm", "layer_norm", "group_norm", "rms_norm", "dyt")) m.put(op, NnDraws::norm);
    for (String op : List.of("relu", "relu6", "selu", "sigmoid", "tanh", "hardsigmoid", "hardswish", "silu", "mish",
        "leaky_relu", "elu", "celu", "hardtanh", "gelu", "softplus", "prelu", "softmax", "log_softmax")) {
      m.put(op, NnDraws::activation);
    }
    m.put("embedding", NnDraws::embedding);
    m.put("dropout", NnDraws::dropout);
    m.put("constant", NnDraws::constant);
    for (String op : List.of("reshape", "view", "flatten", "unflatten", "squeeze", "unsqueeze", "permute", "transpose",
        "expand", "slice", "pad")) {
      m.put(op, TensorDraws::layout);
    }
    m.put("cat", TensorDraws::join);
    m.put("stack", TensorDraws::join);
    m.put("split", TensorDraws::cut);
    m.put("chunk", TensorDraws::cut);
    for (String op : List.of("sqrt", "rsqrt", "exp", "log", "erf", "sin", "cos", "reciprocal", "abs", "neg", "sign",
        "square", "floor", "ceil", "round", "clamp")) {
      m.put(op, TensorDraws::unary);
    }
    for (String op : List.of("add", "sub", "mul", "div", "pow", "maximum", "minimum", "rsub", "rdiv", "rpow")) {
      m.put(op, TensorDraws::binary);
    }
    for (String op : List.of("sum", "mean", "prod", "amax", "amin", "var", "std", "max", "min", "argmax", "argmin")) {
      m.put(op, TensorDraws::reduce);
    }
    return m;
  }

  /** The ops of the catalogue without a generator (the tests require none). */
  public static List<String> opsWithoutGenerator() {
    return OpCatalogue.names().stream().filter(op -> !FAMILIES.containsKey(op)).toList();
  }

  /** A case of a random catalogue op. */
  public static FuzzCase random(long seed) {
    return random(seed, List.copyOf(OpCatalogue.names()));
  }

  /** A case of one of {@code ops}. */
  public static FuzzCase random(long seed, List<String> ops) {
    return of(ops.get(new SplittableRandom(seed).nextInt(ops.size())), seed);
  }

  /** A case of {@code op}, drawn from {@code seed}. */
  public static FuzzCase of(String op, long seed) {
    OpDraw d = draw(op, seed);
    return build(d, seed);
  }

  /**
   * A valid draw for {@code op}: the first of up to {@link #ATTEMPTS} draws that the op accepts.
   * Fails (a bug in the generator) if none is.
   */
  static OpDraw draw(String op, long seed) {
    BiFunction<String, Rand, OpDraw> gen = FAMILIES.get(op);
    if (gen == null) throw new IllegalArgumentException("no generator for op " + op);
    Rand r = new Rand(seed);
    OpException last = null;
    for (int i = 0; i < ATTEMPTS; i++) {
      OpDraw d = gen.apply(op, r);
      if (d == null) continue;
      try {
        OpCatalogue.create(op, List.of(), d.args()).infer(d.inputs());
        return d;
      } catch (OpException e) {
        last = e;
      }
    }
    throw new IllegalStateException("the generator of " + op + " drew no valid call in " + ATTEMPTS + " attempts from seed "
        + seed + (last == null ? "" : "; last refusal: " + last.getMessage()));
  }

  /** How many of {@code n} raw draws for {@code op} the op accepts (the generator's precision). */
  static int accepted(String op, long seed, int n) {
    Rand r = new Rand(seed);
    int ok = 0;
    for (int i = 0; i < n; i++) {
      OpDraw d = FAMILIES.get(op).apply(op, r);
      if (d == null) continue;
      try {
        OpCatalogue.create(op, List.of(), d.args()).infer(d.inputs());
        ok++;
      } catch (OpException e) {
        // counted as refused
      }
    }
    return ok;
  }

  /** The one-node graph of a draw, with inputs filled as the draw says and random weights. */
  static FuzzCase build(OpDraw d, long seed) {
    GraphBuilder b = new GraphBuilder("fuzz_" + d.op());
    String[] names = new String[d.inputs().size()];
    for (int i = 0; i < names.length; i++) names[i] = b.input(names.length == 1 ? "x" : "x" + i, d.inputs().get(i));
    List<String> outs;
    try {
      outs = b.layerMulti(d.op() + "_1", d.op(), d.args(), names);
    } catch (GraphException e) {
      throw new IllegalStateException("a checked draw failed to build: " + e.getMessage(), e);
    }
    for (int i = 0; i < outs.size(); i++) b.output(outs.size() == 1 ? "y" : "y" + i, outs.get(i));
    Graph g = b.build();
    SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
    Map<String, Tensor> in = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) in.put(names[i], d.values().get(i).draw(d.inputs().get(i).dtype(), d.inputs().get(i).shape(), rng));
    return new FuzzCase(seed, "op " + d.op(), g, in, Weights.generate(GraphTyper.infer(g), seed));
  }
}
