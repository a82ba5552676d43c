package dev.tnet.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tnet.runtime.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** F16 and BF16 decoding is exact: known bit patterns, and every pattern against the IEEE formula. */
class HalfPrecisionTest {
  @ParameterizedTest(name = "f16 {0} = {1}")
  @CsvSource({
    "0x0000, 0x00000000", // +0
    "0x8000, 0x80000000", // -0
    "0x3C00, 0x3F800000", // 1
    "0xC000, 0xC0000000", // -2
    "0x3555, 0x3EAAA000", // 0.333251953125
    "0x0001, 0x33800000", // smallest subnormal, 2^-24
    "0x03FF, 0x387FC000", // largest subnormal
    "0x0400, 0x38800000", // smallest normal, 2^-14
    "0x7BFF, 0x477FE000", // largest, 65504
    "0x7C00, 0x7F800000", // +infinity
    "0xFC00, 0xFF800000", // -infinity
  })
  void float16(String half, String single) {
    assertEquals((int) (long) Long.decode(single), Float.floatToRawIntBits(StorageType.f16ToFloat((short) (int) Integer.decode(half))));
  }

  @ParameterizedTest(name = "bf16 {0} = {1}")
  @CsvSource({
    "0x0000, 0x00000000",
    "0x8000, 0x80000000",
    "0x3F80, 0x3F800000", // 1
    "0xC020, 0xC0200000", // -2.5
    "0x0001, 0x00010000", // smallest subnormal, 2^-133
    "0x007F, 0x007F0000", // largest subnormal
    "0x0080, 0x00800000", // smallest normal, 2^-126
    "0x7F7F, 0x7F7F0000", // largest, about 3.39e38
    "0x7F80, 0x7F800000", // +infinity
    "0xFF80, 0xFF800000", // -infinity
    "0x7FC0, 0x7FC00000", // quiet NaN
    "0xFFC1, 0xFFC10000", // NaN with sign and payload
  })
  void bfloat16(String half, String single) {
    assertEquals((int) (long) Long.decode(single), Float.floatToRawIntBits(StorageType.bf16ToFloat((short) (int) Integer.decode(half))));
  }

  @Test
  void float16NaNsStayNaN() {
    for (int bits : new int[] {0x7C01, 0x7E00, 0x7FFF, 0xFC01, 0xFE00}) {
      assertEquals(true, Float.isNaN(StorageType.f16ToFloat((short) bits)), Integer.toHexString(bits));
    }
  }

  @Test
  void everyFloat16PatternMatchesTheFormula() {
    for (int h = 0; h < 0x10000; h++) {
      int e = h >> 10 & 0x1F;
      int m = h & 0x3FF;
      double magnitude = e == 0 ? Math.scalb((double) m, -24)
          : e == 31 ? (m == 0 ? Double.POSITIVE_INFINITY : Double.NaN)
          : Math.scalb((double) (1024 + m), e - 25);
      assertSameFloat((float) ((h & 0x8000) != 0 ? -magnitude : magnitude), StorageType.f16ToFloat((short) h), h);
    }
  }

  @Test
  void everyBfloat16PatternMatchesTheFormula() {
    for (int b = 0; b < 0x10000; b++) {
      int e = b >> 7 & 0xFF;
      int m = b & 0x7F;
      double magnitude = e == 0 ? Math.scalb((double) m, -133)
          : e == 255 ? (m == 0 ? Double.POSITIVE_INFINITY : Double.NaN)
          : Math.scalb((double) (128 + m), e - 134);
      assertSameFloat((float) ((b & 0x8000) != 0 ? -magnitude : magnitude), StorageType.bf16ToFloat((short) b), b);
    }
  }

  /** Equal values, the same sign of zero, NaN for NaN. */
  private static void assertSameFloat(float expected, float actual, int bits) {
    if (Float.isNaN(expected)) {
      assertEquals(true, Float.isNaN(actual), () -> Integer.toHexString(bits));
    } else {
      assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(actual), () -> Integer.toHexString(bits));
    }
  }

  @Test
  void decodedFromSafetensorsFilesOfBothByteWidths() {
    String header = "{\"h\":{\"dtype\":\"F16\",\"shape\":[4],\"data_offsets\":[0,8]},"
        + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2,2],\"data_offsets\":[8,16]}}";
    byte[] data = Fixtures.shortsLE(0x0001, 0x7BFF, 0xFC00, 0x8000, 0x0001, 0x3F80, 0x7F80, 0xC020);
    var tensors = Safetensors.read("halves", Fixtures.safetensors(header, data));
    Tensor h = tensors.get("h");
    assertArrayEquals(new float[] {0x1p-24f, 65504f, Float.NEGATIVE_INFINITY, -0f}, h.floats());
    assertArrayEquals(new float[] {0x1p-133f, 1f, Float.POSITIVE_INFINITY, -2.5f}, tensors.get("b").floats());
  }
}
