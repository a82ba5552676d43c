package dev.tnet.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link Conv2dKernel.Phases#fillChannel} (which {@code fill} runs per channel; its stride-2 rows take the even lanes of vector pairs;
 * depthwise and max pool refill one buffer's interior)
 * against the layout's definition: phase {@code (a, b)}, row {@code r}, column {@code q} holds
 * {@code x[r·sh + a - ph][q·sw + b - pw]}, or the pad value outside the input.
 */
class PhasesTest {
  @Property(tries = 300)
  void fillWritesEachPhaseElementFromItsInputElement(@ForAll @IntRange(min = 1, max = 3) int c, @ForAll @IntRange(min = 1, max = 9) int h,
      @ForAll @IntRange(min = 1, max = 80) int w, @ForAll @IntRange(min = 1, max = 5) int k, @ForAll @IntRange(min = 1, max = 3) int sh,
      @ForAll @IntRange(min = 1, max = 3) int sw, @ForAll @IntRange(min = 0, max = 3) int pad, @ForAll @IntRange(min = 1, max = 2) int dilation) {
    Conv2dKernel.Phases p = phases(c, h, w, k, sh, sw, pad, dilation);
    if (p == null) return;
    float[] x = input(c * h * w);
    float[] got = new float[p.size()];
    for (int ci = 0; ci < c; ci++) p.fillChannel(x, ci * h * w, got, p.channel(0, ci), -7f, false);
    for (int ci = 0; ci < c; ci++) assertChannel(p, x, ci, got, p.channel(0, ci));
  }

  /** Channel after channel into one buffer, the pads written with the first only (as depthwise and max pool reuse theirs). */
  @Property(tries = 200)
  void refillingOnlyTheInteriorKeepsThePads(@ForAll @IntRange(min = 2, max = 3) int c, @ForAll @IntRange(min = 1, max = 9) int h,
      @ForAll @IntRange(min = 1, max = 80) int w, @ForAll @IntRange(min = 1, max = 5) int k, @ForAll @IntRange(min = 1, max = 3) int sh,
      @ForAll @IntRange(min = 1, max = 3) int sw, @ForAll @IntRange(min = 0, max = 3) int pad, @ForAll @IntRange(min = 1, max = 2) int dilation) {
    Conv2dKernel.Phases p = phases(c, h, w, k, sh, sw, pad, dilation);
    if (p == null) return;
    float[] x = input(c * h * w);
    float[] buffer = new float[p.channelSize()];
    for (int ci = 0; ci < c; ci++) {
      p.fillChannel(x, ci * h * w, buffer, 0, -7f, ci > 0);
      assertChannel(p, x, ci, buffer, 0);
    }
  }

  private static Conv2dKernel.Phases phases(int c, int h, int w, int k, int sh, int sw, int pad, int dilation) {
    int oh = (h + 2 * pad - dilation * (k - 1) - 1) / sh + 1, ow = (w + 2 * pad - dilation * (k - 1) - 1) / sw + 1;
    if (oh < 1 || ow < 1) return null;
    return Conv2dKernel.Phases.of(ConvShape.of(new int[] {1, c, h, w, c, oh, ow, k, k, sh, sw, pad, pad, dilation, dilation, 1, 0, 0}));
  }

  private static float[] input(int size) {
    float[] x = new float[size];
    for (int i = 0; i < x.length; i++) x[i] = i + 1;
    return x;
  }

  /**
   * Channel {@code ci}'s phases at {@code got[at ..]} against the definition, -7 where padding: the
   * phases some tap reads (tap {@code i} of output {@code o} reads padded row {@code o·s + i·d}).
   */
  private static void assertChannel(Conv2dKernel.Phases p, float[] x, int ci, float[] got, int at) {
    ConvShape s = p.s();
    int h = s.h(), w = s.w(), sh = s.sh(), sw = s.sw(), pad = s.ph();
    for (int a = 0; a < sh; a++) {
      for (int b = 0; b < sw; b++) {
        int ra = a, cb = b;
        boolean read = IntStream.range(0, s.kh()).anyMatch(i -> i * s.dh() % sh == ra)
            && IntStream.range(0, s.kw()).anyMatch(i -> i * s.dw() % sw == cb);
        if (!read) continue;
        for (int r = 0; r < p.hq(); r++) {
          for (int q = 0; q < p.wq(); q++) {
            int ih = r * sh + a - pad, iw = q * sw + b - pad;
            float want = ih >= 0 && ih < h && iw >= 0 && iw < w ? x[(ci * h + ih) * w + iw] : -7f;
            assertEquals(want, got[at + ((a * sw + b) * p.hq() + r) * p.wq() + q], "channel " + ci + " phase " + a + "," + b + " at " + r + "," + q);
          }
        }
      }
    }
  }
}
