package dev.tnet.interp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnet.ir.op.AttrValue;
import dev.tnet.ir.op.Dropout;
import dev.tnet.ir.op.Op;
import dev.tnet.ir.op.OpCatalogue;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Training-mode dropout, which golden cases cannot check (its mask cannot match PyTorch's
 * generator): the values, the kept fraction, and the mask's dependence on the seed only.
 */
class NnDropoutTest {
  static final int N = 100_000;

  /** A large input with no zeros, so a dropped element is recognisable. */
  static Tensor input(Shape shape) {
    float[] x = new float[shape.size()];
    for (int i = 0; i < x.length; i++) x[i] = (i % 13 - 6.5f) * 0.75f;
    return Tensor.of(shape, x);
  }

  static Tensor run(double p, boolean training, long seed, Tensor x) {
    Op op = OpCatalogue.create("dropout", List.of(),
        Map.of("p", AttrValue.of(p), "training", AttrValue.of(training), "seed", AttrValue.of(seed)));
    assertEquals(op, OpCatalogue.create(op.name(), op.args()));
    return Kernels.eval(op, List.of(x), List.of()).get(0);
  }

  static boolean[] mask(Tensor y) {
    boolean[] m = new boolean[y.size()];
    for (int i = 0; i < m.length; i++) m[i] = y.floats()[i] != 0;
    return m;
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.1, 0.5, 0.9})
  void keptElementsAreScaledAndTheKeptFractionIsBinomial(double p) {
    Tensor x = input(Shape.of(N));
    for (long seed : new long[] {0, 1, 12345, -7}) {
      Tensor y = run(p, true, seed, x);
      int kept = 0;
      for (int i = 0; i < N; i++) {
        float got = y.floats()[i];
        if (got == 0) continue;
        kept++;
        float want = (float) (x.floats()[i] / (1 - p));
        assertEquals(want, got, Math.ulp(want), "element " + i + " with p=" + p);
      }
      // kept ~ Binomial(N, 1 - p): a deviation beyond 6 standard deviations has probability < 1e-8.
      double mean = N * (1 - p), sd = Math.sqrt(N * p * (1 - p));
      assertTrue(Math.abs(kept - mean) <= 6 * sd, "kept " + kept + " of " + N + " with p=" + p + ", seed " + seed
          + "; expected " + mean + " +- " + 6 * sd);
    }
  }

  @Test
  void sameSeedGivesSameMaskAndDifferentSeedsDiffer() {
    Tensor x = input(Shape.of(N));
    boolean[] a = mask(run(0.5, true, 3, x)), b = mask(run(0.5, true, 3, x)), c = mask(run(0.5, true, 4, x));
    assertArrayEquals(a, b);
    int differ = 0;
    for (int i = 0; i < N; i++) if (a[i] != c[i]) differ++;
    // Independent masks at p=0.5 differ in half the elements: N/2 +- 6 * sqrt(N)/2.
    assertTrue(Math.abs(differ - N / 2.0) <= 6 * Math.sqrt(N) / 2, differ + " of " + N + " elements differ");
  }

  @Test
  void maskDependsOnTheFlatIndexOnly() {
    boolean[] flat = mask(run(0.3, true, 9, input(Shape.of(6000))));
    boolean[] shaped = mask(run(0.3, true, 9, input(Shape.of(10, 20, 30))));
    assertArrayEquals(flat, shaped);
  }

  @Test
  void pZeroIsTheIdentityAndPOneGivesZeros() {
    Tensor x = input(Shape.of(40, 50));
    assertEquals(x, run(0.0, true, 5, x));
    Tensor zeros = run(1.0, true, 5, x);
    for (float v : zeros.floats()) assertEquals(0f, v);
  }

  @Test
  void inferenceIsTheIdentityOnAFreshTensor() {
    Tensor x = input(Shape.of(3, 7));
    Tensor y = run(0.5, false, 5, x);
    assertEquals(x, y);
    assertNotSame(x.floats(), y.floats());
  }

  @Test
  void uniformDrawsAreInTheUnitInterval() {
    for (long i = 0; i < 10_000; i++) {
      double u = Dropout.uniform(i * 31, i);
      assertTrue(u >= 0 && u < 1, "draw " + u);
    }
  }
}
