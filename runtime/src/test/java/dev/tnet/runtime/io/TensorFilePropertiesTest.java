package dev.tnet.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnet.runtime.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** Random tensors round-trip through both formats; corrupted files fail only as TensorFileException. */
class TensorFilePropertiesTest {
  @Provide
  Arbitrary<Tensor> tensors() {
    return TensorArbitraries.tensors();
  }

  @Provide
  Arbitrary<Map<String, Tensor>> tensorMaps() {
    return TensorArbitraries.tensorMaps();
  }

  @Provide
  Arbitrary<Map<String, String>> metadata() {
    return TensorArbitraries.metadata();
  }

  @Provide
  Arbitrary<TensorArbitraries.Sample> validFiles() {
    return TensorArbitraries.validFiles();
  }

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    return Mutation.some();
  }

  @Property
  void npyRoundTrips(@ForAll("tensors") Tensor t) {
    assertEquals(t, Npy.read("p.npy", Npy.toBytes(t)));
  }

  @Property
  void safetensorsRoundTrips(@ForAll("tensorMaps") Map<String, Tensor> tensors, @ForAll("metadata") Map<String, String> metadata) {
    Safetensors.Contents c = Safetensors.readContents("p.safetensors", Safetensors.toBytes(tensors, metadata));
    assertEquals(tensors, c.tensors());
    assertEquals(metadata, c.metadata());
    assertEquals(tensors.keySet().stream().sorted().toList(), List.copyOf(c.tensors().keySet()));
  }

  @Property(tries = 3000)
  void corruptedFilesAreReadOrRefusedCleanly(@ForAll("validFiles") TensorArbitraries.Sample sample,
      @ForAll("mutations") List<Mutation> mutations) {
    byte[] bytes = sample.bytes();
    for (Mutation m : mutations) bytes = m.apply(bytes);
    boolean unchanged = Arrays.equals(bytes, sample.bytes());
    String outcome = read(sample.format(), bytes, sample.bytes(), unchanged);
    Statistics.label("outcome").collect(outcome);
    Statistics.label("outcome").coverage(c -> {
      c.check("refused").percentage(p -> p > 30);
      c.check("read").percentage(p -> p > 1);
    });
  }

  @Property(tries = 2000)
  void arbitraryBytesAreReadOrRefusedCleanly(@ForAll("garbage") byte[] bytes) {
    read("npy", bytes, null, false);
    read("safetensors", bytes, null, false);
  }

  @Provide
  Arbitrary<byte[]> garbage() {
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
    Arbitrary<byte[]> npyPrefixed = random.map(b -> {
      byte[] c = Arrays.copyOf(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, 8 + b.length);
      System.arraycopy(b, 0, c, 8, b.length);
      return c;
    });
    return Arbitraries.oneOf(random, npyPrefixed);
  }

  /**
   * Reads {@code bytes} as {@code format}: any outcome but a TensorFileException naming the file,
   * or a successful read, fails the property. An unchanged file must read as the original.
   */
  private static String read(String format, byte[] bytes, byte[] original, boolean unchanged) {
    String name = "fuzz." + format;
    try {
      Object result = format.equals("npy") ? Npy.read(name, bytes) : Safetensors.readContents(name, bytes);
      if (unchanged) {
        Object expected = format.equals("npy") ? Npy.read(name, original) : Safetensors.readContents(name, original);
        assertEquals(expected, result);
      }
      return "read";
    } catch (TensorFileException e) {
      assertTrue(e.getMessage().startsWith(name + ": "), e.getMessage());
      return "refused";
    }
  }
}
