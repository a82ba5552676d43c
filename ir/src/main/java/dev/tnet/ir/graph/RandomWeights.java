package dev.tnet.ir.graph;

import dev.tnet.ir.op.ParamSpec;
import dev.tnet.runtime.DType;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Weights initialised as PyTorch's modules initialise them ({@link ParamSpec.Init}), from a seed:
 * the same seed gives the same weights. The values differ from PyTorch's (another generator); the
 * distributions are the same. A bias's fan-in is that of the weight named just before it.
 */
public final class RandomWeights {
  private RandomWeights() {}

  public static Map<String, Tensor> generate(TypedGraph typed, Map<String, Long> symbols, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    Map<String, Tensor> w = new LinkedHashMap<>();
    long fanIn = 1;
    for (ParamSpec p : typed.params().values()) {
      Shape shape = p.type().bind(symbols);
      if (p.type().dtype() == DType.I64) {
        w.put(p.name(), Tensor.zeros(DType.I64, shape));
        continue;
      }
      if (p.init() instanceof ParamSpec.Init.KaimingUniform) {
        fanIn = shape.rank() == 0 || shape.dim(0) == 0 ? 1 : Math.max(1, shape.size() / shape.dim(0));
      }
      float[] v = new float[shape.size()];
      double bound = 1 / Math.sqrt(fanIn);
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) switch (p.init()) {
          case ParamSpec.Init.KaimingUniform k -> rng.nextDouble(-bound, bound);
          case ParamSpec.Init.FanInUniform f -> rng.nextDouble(-bound, bound);
          case ParamSpec.Init.Normal n -> gaussian(rng);
          case ParamSpec.Init.Constant c -> c.value();
        };
      }
      if (p.init() instanceof ParamSpec.Init.Normal(int row) && row >= 0 && shape.rank() == 2 && row < shape.dim(0)) {
        java.util.Arrays.fill(v, row * shape.dim(1), (row + 1) * shape.dim(1), 0f);
      }
      w.put(p.name(), Tensor.of(shape, v));
    }
    return w;
  }

  private static double gaussian(SplittableRandom rng) {
    double u = 1 - rng.nextDouble(), v = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
