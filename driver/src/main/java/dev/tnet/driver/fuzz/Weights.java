package dev.tnet.driver.fuzz;

import dev.tnet.ir.graph.TypedGraph;
import dev.tnet.ir.op.ParamSpec;
import dev.tnet.runtime.DType;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Random weights that keep activations near unit scale through deep graphs and exercise every
 * parameter: unlike PyTorch's initialisation (norm weights one, running statistics zero and one),
 * every parameter gets values that differ per element. A weight depends only on the seed, its
 * name and its shape, so shrinking the graph around it keeps it.
 */
public final class Weights {
  private Weights() {}

  public static Map<String, Tensor> generate(TypedGraph typed, long seed) {
    Map<String, Tensor> w = new LinkedHashMap<>();
    long fanIn = 1;
    for (ParamSpec p : typed.params().values()) {
      Shape shape = p.type().shape();
      if (p.init() instanceof ParamSpec.Init.KaimingUniform) {
        fanIn = shape.rank() < 2 || shape.dim(0) == 0 ? 1 : Math.max(1, shape.size() / shape.dim(0));
      }
      w.put(p.name(), one(p, shape, fanIn, seed));
    }
    return w;
  }

  /** The weight {@code p} of {@code shape}; {@code fanIn} scales conv and linear weights and biases. */
  static Tensor one(ParamSpec p, Shape shape, long fanIn, long seed) {
    SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ p.name().hashCode() ^ (long) shape.hashCode() << 32);
    String local = p.name().substring(p.name().lastIndexOf('.') + 1);
    if (p.type().dtype() == DType.I64) return new Values.Ints(0, 5).draw(DType.I64, shape, rng);
    float[] v = new float[shape.size()];
    double bound = Math.sqrt(3.0 / fanIn);
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) switch (p.init()) {
        case ParamSpec.Init.KaimingUniform k -> rng.nextDouble(-bound, bound);
        case ParamSpec.Init.FanInUniform f -> rng.nextDouble(-bound, bound) / 2;
        case ParamSpec.Init.Normal n -> Values.gaussian(rng);
        case ParamSpec.Init.Constant c -> switch (local) {
          case "running_var" -> rng.nextDouble(0.25, 2);
          case "running_mean", "bias" -> Values.gaussian(rng) * 0.3;
          case "alpha" -> rng.nextDouble(0.2, 1.5);
          case "weight" -> c.value() == 1 ? rng.nextDouble(0.5, 1.5) : rng.nextDouble(-0.5, 0.5);
          default -> c.value();
        };
      };
    }
    if (p.init() instanceof ParamSpec.Init.Normal(int row) && row >= 0 && shape.rank() == 2 && row < shape.dim(0)) {
      java.util.Arrays.fill(v, row * shape.dim(1), (row + 1) * shape.dim(1), 0f);
    }
    return Tensor.of(shape, v);
  }
}
