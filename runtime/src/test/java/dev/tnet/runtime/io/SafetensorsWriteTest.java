package dev.tnet.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tnet.runtime.DType;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.UserException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsWriteTest {
  @TempDir Path dir;

  private static Map<String, Tensor> written() {
    Map<String, Tensor> m = new LinkedHashMap<>();
    m.put("e.empty", Tensor.zeros(DType.I64, Shape.of(0)));
    m.put("c.index", Tensor.ofLongs(Shape.of(2, 2), new long[] {0, 1, -2, 1L << 40}));
    m.put("a.bias", Tensor.of(Shape.of(3), new float[] {1f, -1f, 0.5f}));
    m.put("d.scalar", Tensor.scalar(-3.75f));
    m.put("b.weight", Tensor.of(Shape.of(2, 3), new float[] {0f, 0.25f, 0.5f, 0.75f, 1f, 1.25f}));
    return m;
  }

  @Test
  void writesTheReferenceLayoutByteForByte() {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("z", "last");
    metadata.put("format", "pt");
    metadata.put("a", "first ✓");
    assertArrayEquals(Fixtures.resource("written.safetensors"), Safetensors.toBytes(written(), metadata));
  }

  @Test
  void roundTripsInNameOrderWithMetadata() throws IOException {
    Map<String, String> metadata = Map.of("format", "pt", "note", "\"quoted\"\n");
    byte[] bytes = Safetensors.toBytes(written(), metadata);
    Safetensors.Contents c = Safetensors.readContents("w", bytes);
    assertEquals(written(), c.tensors());
    assertEquals(List.of("a.bias", "b.weight", "c.index", "d.scalar", "e.empty"), List.copyOf(c.tensors().keySet()));
    assertEquals(metadata, c.metadata());

    Path file = dir.resolve("w.safetensors");
    Safetensors.write(file, written(), metadata);
    assertArrayEquals(bytes, Files.readAllBytes(file));
    assertEquals(c, Safetensors.readContents(file));
    Safetensors.write(file, Map.of("x", Tensor.scalar(2f)));
    assertEquals(Map.of("x", Tensor.scalar(2f)), Safetensors.read(file));
    assertEquals(Map.of(), Safetensors.readContents(file).metadata());
  }

  @Test
  void largeTensorsSpanSeveralBufferChunks() {
    Tensor f = NpyWriteTest.sample(DType.F32, Shape.of(700, 1000));
    Tensor l = NpyWriteTest.sample(DType.I64, Shape.of(3, 100_000));
    Map<String, Tensor> m = Map.of("f", f, "l", l, "s", Tensor.scalar(1f));
    assertEquals(m, Safetensors.read("big", Safetensors.toBytes(m, Map.of())));
  }

  @Test
  void anEmptyFileHasAnEmptyPaddedHeader() {
    byte[] bytes = Safetensors.toBytes(Map.of(), Map.of());
    assertArrayEquals("{}      ".getBytes(StandardCharsets.US_ASCII), Arrays.copyOfRange(bytes, 8, bytes.length));
    assertEquals(8L, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong());
    assertEquals(Map.of(), Safetensors.read("e", bytes));
  }

  @Test
  void headersArePaddedToMultiplesOfEight() {
    for (int len = 0; len < 20; len++) {
      byte[] bytes = Safetensors.toBytes(Map.of("n".repeat(len), Tensor.scalar(1f)), Map.of());
      long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
      assertEquals(0, n % 8);
      assertEquals(8 + n + 4, bytes.length);
      String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
      assertEquals(header.strip(), header.substring(0, header.lastIndexOf('}') + 1), "padded with spaces");
    }
  }

  @Test
  void refusesTheReservedNameAndInvalidUnicode() {
    UserException e = assertThrows(UserException.class,
        () -> Safetensors.toBytes(Map.of("__metadata__", Tensor.scalar(1f)), Map.of()));
    assertEquals("a tensor cannot be named \"__metadata__\": safetensors reserves that key for metadata", e.getMessage());
    assertThrows(UserException.class, () -> Safetensors.toBytes(Map.of("bad\uD800", Tensor.scalar(1f)), Map.of()));
    assertThrows(UserException.class, () -> Safetensors.write(dir.resolve("m"), Map.of(), Map.of("k", "\uDC00")));
  }
}
