package dev.tnet.driver.fuzz;

import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.GraphTyper;
import dev.tnet.ir.graph.Node;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.graph.TypedGraph;
import dev.tnet.ir.op.BatchNorm;
import dev.tnet.ir.op.Embedding;
import dev.tnet.ir.op.GroupNorm;
import dev.tnet.ir.op.InstanceNorm;
import dev.tnet.ir.op.LayerNorm;
import dev.tnet.ir.op.Op;
import dev.tnet.ir.op.RmsNorm;
import dev.tnet.ir.op.Softmax;
import dev.tnet.runtime.DType;
import dev.tnet.runtime.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The error spec of compiled code against the reference interpreter, which computes each op in
 * double and rounds once, where compiled code accumulates in float32 in any order:
 *
 * <pre>
 *   |jit - ref| &lt;= 1e-5 * (1 + |ref|) + K * 2^-22 * scale
 * </pre>
 *
 * <p>{@code scale} is the largest finite {@code |ref|} among the output and every value it depends on
 * (inputs and intermediates, at least 1): a sum's rounding error grows with its terms, which may
 * be far larger than the result (cancellation), and a later op carries that error to its output
 * (a norm rescales it, softmax exponentiates it). {@code K} is the
 * reduction length: for one op, its FLOPs per output element / 2 (a multiply-add counts 2, so a
 * convolution's K is its taps times its input channels per group), or the length of the
 * statistics' reduction for the norms, softmax and embedding's max_norm, whose FLOP counts are per
 * element; at least 1. A float32 sum of K terms carries a rounding error of at most about {@code K
 * * 2^-24} times the sum of the magnitudes, and with unit-scale data and fan-in-scaled weights that
 * sum is within a small factor of the output's scale; 2^-22 leaves a factor 4 for that and for
 * the rounding of the result itself. Through a graph errors add along paths, so a value's K is
 * its node's K plus the largest K among its inputs. The 1e-5 relative term covers float32
 * transcendental functions (a few ulp) where the reference uses double.
 *
 * <p>Integers must be equal, a NaN must meet a NaN, an infinity the same infinity (or a finite
 * value beyond 1e38, where float32 and double round differently).
 */
public final class Tolerance {
  public static final double RTOL = 1e-5;
  public static final double ULP_FACTOR = Math.scalb(1.0, -22);

  private Tolerance() {}

  /** An output's error budget: its reduction length and its scale. */
  record Spec(double k, double scale) {
    double slack() {
      return k * ULP_FACTOR * scale;
    }
  }

  /**
   * The spec of every graph output, by output name, from the reference values of every graph value
   * ({@link GraphShrinker#materialize}) for the case's input shapes.
   */
  static Map<String, Spec> specs(FuzzCase c, Map<String, Tensor> values) {
    Graph g = c.graph();
    List<Graph.Input> concrete = g.inputs().stream()
        .map(i -> new Graph.Input(i.name(), TensorType.of(i.type().dtype(), c.inputs().get(i.name()).shape()))).toList();
    TypedGraph typed = GraphTyper.infer(new Graph(g.name(), concrete, g.nodes(), g.outputs()));
    Map<String, Double> k = new HashMap<>(), scale = new HashMap<>();
    for (Graph.Input in : g.inputs()) {
      k.put(in.name(), 0.0);
      scale.put(in.name(), magnitude(values.get(in.name())));
    }
    for (Node n : g.nodes()) {
      List<TensorType> ins = n.inputs().stream().map(typed::type).toList();
      double kBefore = n.inputs().stream().mapToDouble(k::get).max().orElse(0);
      double sBefore = n.inputs().stream().mapToDouble(scale::get).max().orElse(1);
      double own = nodeK(n.op(), ins, n.outputs().stream().map(typed::type).toList());
      for (String o : n.outputs()) {
        k.put(o, kBefore + own);
        scale.put(o, Math.max(sBefore, magnitude(values.get(o))));
      }
    }
    Map<String, Spec> out = new HashMap<>();
    for (Graph.Output o : g.outputs()) out.put(o.name(), new Spec(Math.max(1, k.get(o.value())), scale.get(o.value())));
    return out;
  }

  /** The largest finite magnitude of a float tensor, at least 1 (1 for an integer tensor). */
  static double magnitude(Tensor t) {
    double m = 1;
    if (t != null && t.dtype() == DType.F32) for (float v : t.floats()) if (Float.isFinite(v)) m = Math.max(m, Math.abs(v));
    return m;
  }

  /** One op's K: FLOPs per output element / 2, or the statistics' length; at least 1. */
  static double nodeK(Op op, List<TensorType> ins, List<TensorType> outs) {
    double outElems = Math.max(1, outs.stream().mapToLong(t -> t.shape().size()).sum());
    double k = op.flops(ins).value() / outElems / 2;
    TensorType x = ins.isEmpty() ? null : ins.get(0);
    long numel = x == null ? 1 : x.shape().size();
    double stats = switch (op) {
      case BatchNorm b -> numel / Math.max(1.0, x.shape().dim(1));
      case InstanceNorm i -> numel / Math.max(1.0, (double) x.shape().dim(0) * x.shape().dim(1));
      case GroupNorm gn -> numel / Math.max(1.0, (double) x.shape().dim(0) * gn.numGroups());
      case LayerNorm ln -> ln.normalizedShape().stream().mapToDouble(Integer::doubleValue).reduce(1, (a, b) -> a * b);
      case RmsNorm rn -> rn.normalizedShape().stream().mapToDouble(Integer::doubleValue).reduce(1, (a, b) -> a * b);
      case Softmax s -> x.rank() == 0 ? 1 : x.shape().dim(s.axis(x.rank()));
      case Embedding e -> e.embeddingDim();
      default -> 1;
    };
    return Math.max(1, Math.max(k, stats));
  }

  /** Null if {@code got} is within the spec of {@code ref}, else the first element that is not. */
  static String compare(Map<String, Tensor> ref, Map<String, Tensor> got, Map<String, Spec> specs) {
    if (!ref.keySet().equals(got.keySet())) return "outputs " + ref.keySet() + " vs " + got.keySet();
    for (var e : ref.entrySet()) {
      Tensor w = e.getValue(), g = got.get(e.getKey());
      if (w.dtype() != g.dtype() || !w.shape().equals(g.shape())) {
        return e.getKey() + ": reference " + w.dtype() + w.shape() + ", compiled " + g.dtype() + g.shape();
      }
      if (w.dtype() == DType.I64) {
        for (int i = 0; i < w.size(); i++) {
          if (w.longs()[i] != g.longs()[i]) {
            return e.getKey() + Engines.index(w.shape(), i) + ": reference " + w.longs()[i] + ", compiled " + g.longs()[i];
          }
        }
        continue;
      }
      float[] a = w.floats(), b = g.floats();
      Spec spec = specs.get(e.getKey());
      for (int i = 0; i < a.length; i++) {
        if (!close(a[i], b[i], spec.slack())) {
          return e.getKey() + Engines.index(w.shape(), i) + " of " + w.shape() + ": reference " + a[i] + ", compiled " + b[i]
              + " (|diff| " + (float) Math.abs((double) a[i] - b[i]) + " > allowed " + (float) (RTOL * (1 + Math.abs(a[i])) + spec.slack())
              + ", K=" + spec.k() + ", scale=" + (float) spec.scale() + ")";
        }
      }
    }
    return null;
  }

  static boolean close(float ref, float got, double slack) {
    if (Float.isNaN(ref) || Float.isNaN(got)) return Float.isNaN(ref) && Float.isNaN(got);
    if (Float.isInfinite(ref) || Float.isInfinite(got)) {
      return ref == got || (Math.signum(ref) == Math.signum(got) && Math.min(Math.abs(ref), Math.abs(got)) > 1e38);
    }
    return Math.abs((double) got - ref) <= RTOL * (1 + Math.abs(ref)) + slack;
  }
}
