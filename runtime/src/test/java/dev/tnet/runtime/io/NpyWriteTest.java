package dev.tnet.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnet.runtime.DType;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NpyWriteTest {
  @TempDir Path dir;

  @Test
  void writesByteForByteWhatNumpySaveWrites() {
    assertArrayEquals(Fixtures.resource("f4_2x3.npy"),
        Npy.toBytes(Tensor.of(Shape.of(2, 3), new float[] {-1f, -0.5f, 0f, 0.5f, 1f, 1.5f})));
    assertArrayEquals(Fixtures.resource("f4_1x2x1x2.npy"),
        Npy.toBytes(Tensor.of(Shape.of(1, 2, 1, 2), new float[] {0.25f, -0f, 1e-45f, 3e38f})));
    assertArrayEquals(Fixtures.resource("i8_2x2.npy"),
        Npy.toBytes(Tensor.ofLongs(Shape.of(2, 2), new long[] {-(1L << 62), 0, 1, (1L << 62) + 3})));
    assertArrayEquals(Fixtures.resource("i8_3.npy"), Npy.toBytes(Tensor.ofLongs(Shape.of(3), new long[] {5, -6, 7})));
    assertArrayEquals(Fixtures.resource("scalar_f4.npy"), Npy.toBytes(Tensor.scalar(3.5f)));
    assertArrayEquals(Fixtures.resource("scalar_i8.npy"), Npy.toBytes(Tensor.ofLongs(Shape.scalar(), new long[] {-7})));
    assertArrayEquals(Fixtures.resource("empty_0x3.npy"), Npy.toBytes(Tensor.zeros(Shape.of(0, 3))));
  }

  static Stream<Shape> shapes() {
    return Stream.of(Shape.scalar(), Shape.of(0), Shape.of(1), Shape.of(5), Shape.of(3, 0, 2), Shape.of(2, 3, 4),
        Shape.of(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1), Shape.of(300, 1000));
  }

  static Tensor sample(DType dtype, Shape shape) {
    Tensor t = Tensor.zeros(dtype, shape);
    for (int i = 0; i < t.size(); i++) {
      if (dtype == DType.F32) t.floats()[i] = i * 0.37f - 11f;
      else t.longs()[i] = i * 0x9E3779B97F4A7C15L;
    }
    return t;
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void roundTripsThroughBytesAndFiles(Shape shape) throws IOException {
    for (DType dtype : DType.values()) {
      Tensor t = sample(dtype, shape);
      byte[] bytes = Npy.toBytes(t);
      assertEquals(0, (bytes.length - TensorCodec.byteCount(t)) % 64, "data starts 64-byte aligned");
      assertEquals(t, Npy.read("t.npy", bytes));
      assertEquals(t, Npy.read("t.npy", new ByteArrayInputStream(bytes)));
      Path file = dir.resolve(dtype + ".npy");
      Npy.write(file, t);
      assertArrayEquals(bytes, Files.readAllBytes(file));
      assertEquals(t, Npy.read(file));
    }
  }

  @Test
  void overwritesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
    Path file = dir.resolve("w.npy");
    Npy.write(file, Tensor.zeros(Shape.of(100)));
    Npy.write(file, Tensor.scalar(1f));
    assertEquals(Tensor.scalar(1f), Npy.read(file));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void writeFailureNamesTheFile() {
    Path file = dir.resolve("no/such/dir/w.npy");
    TensorFileException e = assertThrows(TensorFileException.class, () -> Npy.write(file, Tensor.scalar(1f)));
    assertEquals(file.toString(), e.file());
    assertEquals(file + ": cannot write: directory " + file.getParent() + " does not exist", e.getMessage());
  }
}
