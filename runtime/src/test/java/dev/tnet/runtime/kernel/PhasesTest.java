package dev.tnet.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link Conv2dKernel.Phases#fillChannel} (which {@code fill} runs per channel; its stride-2 rows take the even lanes of vector pairs)
 * against the layout's definition: phase {@code (a, b)}, row {@code r}, column {@code q} holds
 * {@code x[r·sh + a - ph][q·sw + b - pw]}, or the pad value outside the input.
 */
class PhasesTest {
  @Property(tries = 300)
  void fillWritesEachPhaseElementFromItsInputElement(@ForAll @IntRange(min = 1, max = 3) int c, @ForAll @IntRange(min = 1, max = 9) int h,
      @ForAll @IntRange(min = 1, max = 80) int w, @ForAll @IntRange(min = 1, max = 5) int k, @ForAll @IntRange(min = 1, max = 3) int sh,
      @ForAll @IntRange(min = 1, max = 3) int sw, @ForAll @IntRange(min = 0, max = 3) int pad, @ForAll @IntRange(min = 1, max = 2) int dilation) {
    int oh = (h + 2 * pad - dilation * (k - 1) - 1) / sh + 1, ow = (w + 2 * pad - dilation * (k - 1) - 1) / sw + 1;
    if (oh < 1 || ow < 1) return;
    ConvShape s = ConvShape.of(new int[] {1, c, h, w, c, oh, ow, k, k, sh, sw, pad, pad, dilation, dilation, 1, 0, 0});
    Conv2dKernel.Phases p = Conv2dKernel.Phases.of(s);
    float[] x = new float[c * h * w];
    for (int i = 0; i < x.length; i++) x[i] = i + 1;
    float[] got = new float[p.size()];
    for (int ci = 0; ci < c; ci++) p.fillChannel(x, ci * h * w, got, p.channel(0, ci), -7f);
    for (int ci = 0; ci < c; ci++) {
      for (int a = 0; a < sh; a++) {
        for (int b = 0; b < sw; b++) {
          for (int r = 0; r < p.hq(); r++) {
            for (int q = 0; q < p.wq(); q++) {
              int ih = r * sh + a - pad, iw = q * sw + b - pad;
              float want = ih >= 0 && ih < h && iw >= 0 && iw < w ? x[(ci * h + ih) * w + iw] : -7f;
              assertEquals(want, got[p.channel(0, ci) + ((a * sw + b) * p.hq() + r) * p.wq() + q], "channel " + ci + " phase " + a + "," + b + " at " + r + "," + q);
            }
          }
        }
      }
    }
  }
}
