package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import java.util.List;
import java.util.Map;

/**
 * {@code dropout(x, p=0.5, training=False, seed=0)}: the identity unless {@code training}; in
 * training, each element is zeroed with probability {@code p} and the kept ones are scaled by
 * {@code 1 / (1 - p)} ({@code p = 1} zeroes everything). {@code 0 <= p <= 1}.
 *
 * <p>The mask is a pure function of {@code seed} and the element's flat row-major index {@code
 * i}, so every backend can reproduce it: element {@code i} is kept iff {@link #uniform
 * uniform(seed, i)} {@code >= p}. It cannot match PyTorch's generator.
 *
 * <p>Deviation: {@code training} defaults to False, where {@code F.dropout} defaults to True,
 * because tnet compiles for inference; {@code seed} is tnet's own.
 *
 * <p>FLOPs: 0 in inference, 2 per element in training (draw and scale).
 */
public record Dropout(double p, boolean training, long seed) implements NnOp {
  public static final Signature SIGNATURE = Signature.of("dropout").opt("p", 0.5).opt("training", false)
      .opt("seed", 0);

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  static Dropout create(Args a) {
    double p = a.getDouble("p");
    if (!(p >= 0 && p <= 1)) {
      throw new OpException(a.op(), "p=" + p + " must be a probability between 0 and 1");
    }
    return new Dropout(p, a.getBool("training"), a.getLong("seed"));
  }

  public String name() {
    return "dropout";
  }

  public Args args() {
    return SIGNATURE.bind(List.of(AttrValue.of(p), AttrValue.of(training), AttrValue.of(seed)), Map.of());
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    return List.of(NnChecks.floatInput(name(), inputs));
  }

  /**
   * The uniform draw in {@code [0, 1)} for element {@code index}: the top 53 bits of
   * {@code mix64(mix64(seed) + 0x9E3779B97F4A7C15 * (index + 1))}, scaled by {@code 2^-53}, where
   * {@code mix64} is SplitMix64's finaliser (as {@code java.util.SplittableRandom}).
   */
  public static double uniform(long seed, long index) {
    return (mix64(mix64(seed) + GOLDEN_GAMMA * (index + 1)) >>> 11) * 0x1.0p-53;
  }

  /** True if element {@code index} survives in training mode. */
  public boolean keeps(long index) {
    return uniform(seed, index) >= p;
  }

  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  public Dim flops(List<TensorType> inputs) {
    return training ? inputs.get(0).numel().times(2) : Dim.of(0);
  }
}
