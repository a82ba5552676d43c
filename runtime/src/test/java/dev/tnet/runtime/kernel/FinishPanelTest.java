package dev.tnet.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link Conv2dKernel#finishPanel} (bias, residual and a plain activation in one pass) against
 * {@link Conv2dKernel#store} then {@link Epilogue#apply(float[], int, int)}, bit for bit, on sums,
 * biases and residuals that include signed zeros, NaN and infinities.
 */
class FinishPanelTest {
  private static final float[] SPECIAL = {-0.0f, 0.0f, Float.NaN, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, -3f, 3f, 6f, 7f,
      5.999f, -1e-30f, 1e-30f, 0.5f, -6f, 100f, -0.25f};

  @Test
  void matchesStoreThenEpilogue() {
    Epilogue[] plain = {Epilogue.NONE, new Epilogue(Epilogue.RELU, 0, 0), new Epilogue(Epilogue.CLAMP, 0f, 6f),
        new Epilogue(Epilogue.HARDSWISH, 0, 0), new Epilogue(Epilogue.HARDSWISH, 0, 0, 1.3f, 0.4f, 0.7f, -0.2f),
        new Epilogue(Epilogue.RELU, 0, 0, -1.5f, Epilogue.NO_SHIFT, 1f, 0.25f), new Epilogue(Epilogue.IDENTITY, 0, 0, 1f, Epilogue.NO_SHIFT, 2f, -0.0f)};
    int nr = Gemm.NR, ldc = nr + 3;
    for (Epilogue e : plain) {
      assertTrue(e.plain() != Epilogue.PLAIN_NONE, e.describe());
      for (boolean withResidual : new boolean[] {false, true}) {
        for (int shift = 0; shift < SPECIAL.length; shift++) {
          float[] sums = new float[Gemm.MR * ldc], residual = withResidual ? new float[sums.length] : null;
          float[] packed = new float[Gemm.MR];
          for (int i = 0; i < sums.length; i++) {
            sums[i] = SPECIAL[(i + shift) % SPECIAL.length];
            if (residual != null) residual[i] = SPECIAL[(i * 7 + shift) % SPECIAL.length];
          }
          for (int r = 0; r < Gemm.MR; r++) packed[r] = SPECIAL[(r * 5 + shift) % SPECIAL.length];
          float[] want = sums.clone(), got = sums.clone();
          for (int r = 0; r < Gemm.MR; r++) {
            Conv2dKernel.store(want, r * ldc, packed[r], residual, r * ldc, want, r * ldc, nr);
            e.apply(want, r * ldc, nr);
          }
          Conv2dKernel.finishPanel(got, 0, ldc, packed, 0, residual, e.inline(), nr);
          for (int i = 0; i < sums.length; i++) {
            assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(got[i]),
                e.describe() + (withResidual ? " with residual" : "") + ", element " + i + ": want " + want[i] + ", got " + got[i]);
          }
        }
      }
    }
  }
}
