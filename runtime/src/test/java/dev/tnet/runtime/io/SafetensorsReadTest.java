package dev.tnet.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tnet.runtime.DType;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import org.junit.jupiter.api.Test;

/**
 * Reads mixed.safetensors, which holds every readable dtype, and compares it with
 * mixed.expected.safetensors, where numpy and torch converted the same values to F32 and I64.
 */
class SafetensorsReadTest {
  private static final Safetensors.Contents MIXED =
      Safetensors.readContents("mixed.safetensors", Fixtures.resource("mixed.safetensors"));

  @Test
  void convertsEveryDtypeAsNumpyAndTorchDo() {
    SequencedMap<String, Tensor> expected =
        Safetensors.read("mixed.expected.safetensors", Fixtures.resource("mixed.expected.safetensors"));
    assertEquals(expected.keySet(), MIXED.tensors().keySet());
    for (String name : expected.keySet()) assertEquals(expected.get(name), MIXED.tensors().get(name), name);
  }

  @Test
  void keepsHeaderOrderAndMetadata() {
    assertEquals(List.of("half", "brain", "double", "int32", "int64", "float", "empty", "bytes", "mask"),
        List.copyOf(MIXED.tensors().keySet()));
    assertEquals(Map.of("format", "pt", "note", "ünïcødé ✓"), MIXED.metadata());
  }

  @Test
  void float16SpecialValues() {
    Tensor half = MIXED.tensors().get("half");
    assertEquals(Shape.of(3, 3), half.shape());
    float[] f = half.floats();
    assertArrayEquals(new float[] {1f, -2f, 65504f, 0x1p-24f, 0x1p-14f, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, Float.NaN, -0f}, f);
    assertEquals(0x80000000, Float.floatToRawIntBits(f[8]), "negative zero keeps its sign");
  }

  @Test
  void bfloat16IsTheHighHalfOfAFloat() {
    float[] f = MIXED.tensors().get("brain").floats();
    assertEquals(1f, f[0]);
    assertEquals(-2.5f, f[1]);
    assertEquals(Float.intBitsToFloat(Float.floatToIntBits(3.0e38f) + 0x8000 & 0xFFFF0000), f[2], "rounded to nearest");
    assertEquals(Float.POSITIVE_INFINITY, f[3]);
    assertEquals(Float.NEGATIVE_INFINITY, f[4]);
    assertEquals(Float.NaN, f[5]);
    assertEquals(0, Float.floatToRawIntBits(f[6]) & 0xFFFF, "a bfloat16 has no low bits");
    assertEquals(1e-40f, f[6], 1e-41f);
    assertEquals(true, f[6] > 0 && f[6] < Float.MIN_NORMAL, "a subnormal");
  }

  @Test
  void integersAndWideningToInt64() {
    assertEquals(Tensor.ofLongs(Shape.of(3), new long[] {Integer.MIN_VALUE, 0, Integer.MAX_VALUE}), MIXED.tensors().get("int32"));
    assertEquals(Tensor.ofLongs(Shape.of(2), new long[] {Long.MIN_VALUE, Long.MAX_VALUE}), MIXED.tensors().get("int64"));
  }

  @Test
  void doublesScalarsEmptyBytesAndBooleans() {
    assertArrayEquals(new float[] {0.1f, Float.NEGATIVE_INFINITY, 0f, 3f}, MIXED.tensors().get("double").floats());
    assertEquals(Tensor.scalar(42.5f), MIXED.tensors().get("float"));
    assertEquals(Tensor.zeros(DType.F32, Shape.of(0, 4)), MIXED.tensors().get("empty"));
    assertArrayEquals(new float[] {0f, 255f}, MIXED.tensors().get("bytes").floats());
    assertArrayEquals(new float[] {1f, 0f, 1f}, MIXED.tensors().get("mask").floats());
  }

  @Test
  void readsStreamsLikeByteArrays() {
    byte[] bytes = Fixtures.resource("mixed.safetensors");
    assertEquals(MIXED.tensors(), Safetensors.read("s", new ByteArrayInputStream(bytes)));
  }

  @Test
  void resultMapsAreUnmodifiable() {
    assertThrows(UnsupportedOperationException.class, () -> MIXED.tensors().remove("half"));
    assertThrows(UnsupportedOperationException.class, () -> MIXED.metadata().put("a", "b"));
  }

  @Test
  void acceptsTheMetadataKeyAnywhereAndTensorsInAnyOrder() {
    String header = "{\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]},\"__metadata__\":{},"
        + "\"a\":{\"data_offsets\":[0,4],\"shape\":[],\"dtype\":\"I32\"}}   ";
    byte[] data = {7, 0, 0, 0, 0, 0, (byte) 0x80, 0x3F};
    SequencedMap<String, Tensor> t = Safetensors.read("x", Fixtures.safetensors(header, data));
    assertEquals(List.of("b", "a"), List.copyOf(t.keySet()));
    assertEquals(Tensor.ofLongs(Shape.scalar(), new long[] {7}), t.get("a"));
    assertEquals(Tensor.of(Shape.of(1), new float[] {1f}), t.get("b"));
  }

  @Test
  void zeroSizeTensorsMayShareAnOffset() {
    String header = "{\"e1\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]},"
        + "\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
        + "\"e2\":{\"dtype\":\"I64\",\"shape\":[2,0],\"data_offsets\":[0,0]},"
        + "\"e3\":{\"dtype\":\"BF16\",\"shape\":[0,3],\"data_offsets\":[4,4]}}";
    SequencedMap<String, Tensor> t = Safetensors.read("x", Fixtures.safetensors(header, 4));
    assertEquals(Tensor.zeros(DType.I64, Shape.of(2, 0)), t.get("e2"));
    assertEquals(Tensor.zeros(Shape.of(0, 3)), t.get("e3"));
  }
}
