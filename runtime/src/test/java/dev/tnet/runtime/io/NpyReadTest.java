package dev.tnet.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tnet.runtime.DType;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import org.junit.jupiter.api.Test;

/** Reads files written by numpy.save (see tools/make_io_fixtures.py for how each was made). */
class NpyReadTest {
  private static Tensor read(String name) {
    return Npy.read(name, Fixtures.resource(name));
  }

  private static void assertFloats(Tensor t, Shape shape, float... expected) {
    assertEquals(DType.F32, t.dtype());
    assertEquals(shape, t.shape());
    assertArrayEquals(expected, t.floats());
  }

  private static void assertLongs(Tensor t, Shape shape, long... expected) {
    assertEquals(DType.I64, t.dtype());
    assertEquals(shape, t.shape());
    assertArrayEquals(expected, t.longs());
  }

  @Test
  void float32LittleEndian() {
    assertFloats(read("f4_2x3.npy"), Shape.of(2, 3), -1f, -0.5f, 0f, 0.5f, 1f, 1.5f);
  }

  @Test
  void float32BigEndian() {
    assertFloats(read("f4_be_2x2.npy"), Shape.of(2, 2), 1.5f, -2f, 3.25f, 1e-3f);
  }

  @Test
  void float32OfRankFourWithSubnormalAndNegativeZero() {
    Tensor t = read("f4_1x2x1x2.npy");
    assertFloats(t, Shape.of(1, 2, 1, 2), 0.25f, -0f, 1e-45f, 3e38f);
    assertEquals(0x80000000, Float.floatToRawIntBits(t.get(0, 0, 0, 1)));
  }

  @Test
  void float64IsRoundedToNearestFloat() {
    assertFloats(read("f8_4.npy"), Shape.of(4), 0.1f, Float.POSITIVE_INFINITY, -2.5f, 0f);
  }

  @Test
  void float16IsConvertedExactly() {
    assertFloats(read("f2_5.npy"), Shape.of(5), 1f, -2f, 65504f, 0x1p-24f, Float.POSITIVE_INFINITY);
  }

  @Test
  void int64BothByteOrders() {
    assertLongs(read("i8_2x2.npy"), Shape.of(2, 2), -(1L << 62), 0, 1, (1L << 62) + 3);
    assertLongs(read("i8_be_3.npy"), Shape.of(3), 1, -2, 1L << 40);
  }

  @Test
  void int32IsWidenedToInt64() {
    assertLongs(read("i4_4.npy"), Shape.of(4), Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE);
  }

  @Test
  void uint8BecomesFloatsFrom0To255() {
    assertFloats(read("u1_2x2.npy"), Shape.of(2, 2), 0f, 1f, 128f, 255f);
  }

  @Test
  void boolBecomesFloatsZeroAndOne() {
    assertFloats(read("b1_3.npy"), Shape.of(3), 1f, 0f, 1f);
  }

  @Test
  void scalars() {
    assertFloats(read("scalar_f4.npy"), Shape.scalar(), 3.5f);
    assertLongs(read("scalar_i8.npy"), Shape.scalar(), -7);
  }

  @Test
  void zeroSizeArray() {
    assertFloats(read("empty_0x3.npy"), Shape.of(0, 3));
  }

  @Test
  void formatVersions2And3() {
    assertFloats(read("v2_f4_4.npy"), Shape.of(4), 0f, 1f, 2f, 3f);
    assertFloats(read("v3_f4_4.npy"), Shape.of(4), 0f, 1f, 2f, 3f);
  }

  @Test
  void headerVariantsPythonAccepts() {
    byte[] data = Fixtures.floatsLE(1f, 2f);
    String[] headers = {
      "{\"descr\": \"<f4\", \"shape\": (2,), \"fortran_order\": False}",
      "{'shape':(2L,),'fortran_order':False,'descr':'<f4'}",
      "  {'descr': '<f4',\n 'fortran_order': False, 'shape': ( 2 , ) }  \n",
      "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2,), }",
    };
    for (String h : headers) {
      Tensor t = Npy.read("h.npy", Fixtures.npy(h, data));
      assertArrayEquals(new float[] {1f, 2f}, t.floats(), h);
    }
  }
}
