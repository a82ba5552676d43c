package dev.tnet.driver.fuzz;

import static dev.tnet.driver.fuzz.GraphState.kw;

import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.GraphTyper;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.runtime.DType;
import dev.tnet.runtime.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Random graphs of 2 to 20 ops, valid by construction in the manner of NNSmith: start from one or
 * two inputs (an image batch of 1 to 3 spatial dims, a sequence, possibly from an embedding of
 * indices, or feature vectors), then repeatedly apply a {@link GraphMoves move} to a value of the
 * pool, each move choosing arguments that the value's inferred type admits. Conv, pool and norm
 * chains, residual adds, concatenations, splits, reshapes between conv layers, upsampling to
 * another value's size, attention and linear heads all arise. The outputs are the last value and
 * up to two others.
 */
public final class GraphCases {
  private GraphCases() {}

  /** The moves and how often each is drawn. */
  private interface Move {
    void apply(GraphState s, String v);
  }

  private static final List<Move> MOVES = List.of(
      (s, v) -> GraphMoves.conv(s, v, null, false), (s, v) -> GraphMoves.conv(s, v, null, false),
      (s, v) -> GraphMoves.conv(s, v, null, true), GraphMoves::convTranspose,
      GraphMoves::pool, GraphMoves::pool, GraphMoves::norm, GraphMoves::norm,
      GraphMoves::activation, GraphMoves::activation, GraphMoves::activation,
      GraphMoves::combine, GraphMoves::combine, GraphMoves::broadcast, GraphMoves::cat, GraphMoves::split,
      GraphMoves::reshape, GraphMoves::upsample, GraphMoves::softmax, GraphMoves::attention, GraphMoves::layout,
      GraphMoves::pointwise, GraphMoves::pointwise, GraphMoves::reduce, GraphMoves::matmul);

  /** A graph of 2 to 20 ops. */
  public static FuzzCase random(long seed) {
    return generate(seed, 2 + new SplittableRandom(seed ^ 0xC0FFEEL).nextInt(19));
  }

  /** A graph of about {@code ops} ops (moves add one to six nodes; a few more may come out). */
  public static FuzzCase generate(long seed, int ops) {
    Rand r = new Rand(seed);
    GraphState s = new GraphState(r, "fuzz_graph");
    start(s);
    for (int guard = 0; s.nodes < ops && guard < 40 * ops; guard++) {
      String v = s.pick();
      r.pick(MOVES).apply(s, v);
    }
    List<String> outs = new ArrayList<>();
    outs.add(s.pool.getLast());
    for (int i = 0; i < 2; i++) {
      String o = r.pick(s.pool);
      if (r.coin() && !outs.contains(o)) outs.add(o);
    }
    List<String> names = new ArrayList<>(List.of("out", "y", "logits", "probs", "relu", "x", "model_out", "N"));
    java.util.Collections.shuffle(names, new java.util.Random(r.nextLong()));
    for (int i = 0; i < outs.size(); i++) s.b.output(r.chance(3) ? names.get(i) : outs.size() == 1 ? "out" : "out" + i, outs.get(i));
    Graph g = s.b.build();
    SplittableRandom values = new SplittableRandom(seed ^ 0x5DEECE66DL);
    Map<String, Tensor> in = new LinkedHashMap<>();
    for (Graph.Input i : g.inputs()) in.put(i.name(), s.inputValues.get(i.name()).draw(i.type().dtype(), i.type().shape(), values));
    return new FuzzCase(seed, "graph of " + g.nodes().size() + " ops", g, in, Weights.generate(GraphTyper.infer(g), seed));
  }

  /** The inputs: an image batch, a sequence (maybe embedded from indices) or feature vectors. */
  private static void start(GraphState s) {
    Rand r = s.r;
    long n = r.pickInt(1, 1, 2, 3);
    switch (r.rng.nextInt(6)) {
      case 0, 1 -> image(s, n, 2);
      case 2 -> image(s, n, 1);
      case 3 -> image(s, n, 3);
      case 4 -> {
        long len = r.size(13), d = r.channels(17);
        if (r.coin()) {
          int num = r.pickInt(3, 10, 17);
          String idx = s.input("tokens", TensorType.of(DType.I64, n, len), new Values.Ints(0, num - 1));
          s.call("embedding", r.coin() ? kw("num_embeddings", num, "embedding_dim", (int) d)
              : kw("num_embeddings", num, "embedding_dim", (int) d, "max_norm", 1.0), idx);
        } else {
          s.input("x", TensorType.f32(n, len, d), graphValues(r));
        }
      }
      default -> s.input("x", TensorType.f32(n, r.channels(33)), graphValues(r));
    }
    if (s.pool.isEmpty()) s.input("x", TensorType.f32(n, r.channels(33)), graphValues(r));
    if (r.chance(3)) {
      String first = s.pool.getFirst();
      s.input(r.pick("x2", "skip", "relu", "input", "conv2d", "data"), s.type(first), graphValues(r));
    }
  }

  private static void image(GraphState s, long n, int d) {
    long[] shape = new long[d + 2];
    shape[0] = n;
    shape[1] = s.r.channels(17);
    for (int i = 0; i < d; i++) shape[2 + i] = d == 3 ? s.r.between(2, 6) : d == 2 ? s.r.between(3, 13) : s.r.between(3, 33);
    while (SpatialDraws.numel(shape) > 2000) shape[1] = Math.max(1, shape[1] / 2);
    s.input("x", TensorType.f32(shape), graphValues(s.r));
  }

  /**
   * Input values of graphs: no NaN or infinities (they would swamp every output) and large
   * magnitudes only now and then, since they loosen the error spec of everything downstream.
   */
  static Values graphValues(Rand r) {
    Values.Floats v = (Values.Floats) Values.anyFloats(r.rng);
    Values.Dist d = v.dist() == Values.Dist.LARGE && !r.chance(3) ? Values.Dist.NORMAL : v.dist();
    return new Values.Floats(d, v.zeros());
  }
}
