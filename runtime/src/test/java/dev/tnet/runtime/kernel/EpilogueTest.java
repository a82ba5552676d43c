package dev.tnet.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The vector epilogue (compares and blends) against the scalar one ({@code Math.max/min}
 * semantics) bit for bit, on the values where they could part: signed zeros, NaN, infinities,
 * the bounds themselves, and bounds that are zeros of either sign or NaN.
 */
class EpilogueTest {
  private static final float[] VALUES = {-0.0f, 0.0f, Float.NaN, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, -3f, 3f, -2f, 6f, 7f,
      -1f, 1f, 0.5f, -6f, Float.MIN_VALUE, -Float.MIN_VALUE};
  private static final float[] BOUNDS = {0.0f, -0.0f, -1f, 1f, 6f, Float.NaN, Float.NEGATIVE_INFINITY};

  @Test
  void vectorsMatchTheScalarEpilogueBitForBit() {
    for (int act = Epilogue.IDENTITY; act <= Epilogue.HARDSIGMOID; act++) {
      for (float a : BOUNDS) {
        for (float b : BOUNDS) {
          check(new Epilogue(act, a, b));
          check(new Epilogue(act, a, b, 1.3f, 0.4f, 0.7f, -0.2f));
        }
      }
    }
  }

  private static void check(Epilogue e) {
    float[] y = new float[VALUES.length * 2];
    for (int i = 0; i < y.length; i++) y[i] = VALUES[i % VALUES.length];
    float[] want = new float[y.length];
    for (int i = 0; i < y.length; i++) want[i] = e.apply(y[i]);
    e.apply(y, 0, y.length); // whole vectors, then a scalar tail
    for (int i = 0; i < y.length; i++) {
      assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(y[i]),
          e.describe() + " of " + VALUES[i % VALUES.length] + ": want " + want[i] + ", got " + y[i]);
    }
  }
}
