package dev.tnet.driver.fuzz;

import dev.tnet.runtime.DType;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import java.util.SplittableRandom;

/**
 * What values a tensor is filled with: the distributions that break kernels. Every float
 * distribution also sprinkles exact zeros and negative zeros, some NaN and infinities; integer
 * tensors draw from a range (indices, divisors that may be zero).
 */
public sealed interface Values {
  /** The float distributions. */
  enum Dist {
    /** Standard normal. */
    NORMAL,
    /** Uniform in [-1, 1). */
    UNIFORM,
    /** Uniform in [0.1, 4): inputs of log, sqrt, pow and divisors. */
    POSITIVE,
    /** Uniform in [-1000, 1000): large magnitudes for softmax and the norms. */
    LARGE,
    /** Multiples of 0.5 in [-8, 8]: ties for round, exact integers for floor and ceil. */
    HALVES
  }

  /**
   * Floats of {@code dist}; a share {@code zeros} of the elements is +0.0 or -0.0, and a share
   * {@code nonFinite} is NaN, +inf or -inf.
   */
  record Floats(Dist dist, double zeros, double nonFinite) implements Values {
    Floats(Dist dist, double zeros) {
      this(dist, zeros, 0);
    }

    float element(SplittableRandom rng) {
      if (nonFinite > 0 && rng.nextDouble() < nonFinite) {
        return switch (rng.nextInt(3)) {
          case 0 -> Float.NaN;
          case 1 -> Float.POSITIVE_INFINITY;
          default -> Float.NEGATIVE_INFINITY;
        };
      }
      if (zeros > 0 && rng.nextDouble() < zeros) return rng.nextBoolean() ? 0f : -0f;
      return (float) sample(rng);
    }

    double sample(SplittableRandom rng) {
      return switch (dist) {
        case NORMAL -> gaussian(rng);
        case UNIFORM -> rng.nextDouble(-1, 1);
        case POSITIVE -> rng.nextDouble(0.1, 4);
        case LARGE -> rng.nextDouble(-1000, 1000);
        case HALVES -> rng.nextInt(-16, 17) / 2.0;
      };
    }
  }

  /** Integers uniform in {@code [lo, hi]}. */
  record Ints(long lo, long hi) implements Values {}

  Values NORMAL = new Floats(Dist.NORMAL, 0.05);

  /** A random float distribution, mostly normal; one in six also holds NaN and infinities. */
  static Values anyFloats(SplittableRandom rng) {
    Dist d = switch (rng.nextInt(10)) {
      case 0, 1 -> Dist.UNIFORM;
      case 2 -> Dist.LARGE;
      case 3 -> Dist.HALVES;
      case 4 -> Dist.POSITIVE;
      default -> Dist.NORMAL;
    };
    return new Floats(d, rng.nextInt(4) == 0 ? 0.3 : 0.03, rng.nextInt(6) == 0 ? 0.03 : 0);
  }

  /** Values for a tensor of {@code dtype}: random floats, or small integers (zeros included). */
  static Values forType(DType dtype, SplittableRandom rng) {
    return dtype == DType.I64 ? new Ints(-4, 4) : anyFloats(rng);
  }

  /** A tensor of {@code shape} filled from this distribution; a float spec on an i64 tensor rounds. */
  default Tensor draw(DType dtype, Shape shape, SplittableRandom rng) {
    int n = shape.size();
    if (dtype == DType.I64) {
      long[] v = new long[n];
      for (int i = 0; i < n; i++) {
        v[i] = switch (this) {
          case Ints(long lo, long hi) -> lo + rng.nextLong(hi - lo + 1);
          case Floats f -> Math.round(f.sample(rng));
        };
      }
      return Tensor.ofLongs(shape, v);
    }
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = switch (this) {
        case Ints(long lo, long hi) -> lo + rng.nextLong(hi - lo + 1);
        case Floats f -> f.element(rng);
      };
    }
    return Tensor.of(shape, v);
  }

  static double gaussian(SplittableRandom rng) {
    double u = 1 - rng.nextDouble(), v = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
