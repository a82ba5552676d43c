package dev.tnet.runtime.io;

import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** jqwik generators for small tensors (any float bit pattern, any long) and tensor files. */
final class TensorArbitraries {
  private TensorArbitraries() {}

  /** Shapes of rank 0 to 4 with sizes 0 to 4, so zero-size tensors and scalars are common. */
  static Arbitrary<Shape> shapes() {
    return Arbitraries.integers().between(0, 4).list().ofMaxSize(4)
        .map(dims -> Shape.of(dims.stream().mapToInt(Integer::intValue).toArray()));
  }

  static Arbitrary<Tensor> tensors() {
    return shapes().flatMap(shape -> Arbitraries.oneOf(floats(shape), longs(shape)));
  }

  private static Arbitrary<Tensor> floats(Shape shape) {
    Arbitrary<Float> any = Arbitraries.integers().map(Float::intBitsToFloat);
    Arbitrary<Float> special = Arbitraries.of(0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.MIN_VALUE, Float.MAX_VALUE);
    return Arbitraries.frequencyOf(Tuple.of(4, any), Tuple.of(1, special))
        .list().ofSize(shape.size()).map(list -> {
          float[] data = new float[list.size()];
          for (int i = 0; i < data.length; i++) data[i] = list.get(i);
          return Tensor.of(shape, data);
        });
  }

  private static Arbitrary<Tensor> longs(Shape shape) {
    return Arbitraries.longs().list().ofSize(shape.size())
        .map(list -> Tensor.ofLongs(shape, list.stream().mapToLong(Long::longValue).toArray()));
  }

  /** Strings that are valid Unicode (no unpaired surrogates), as JSON requires. */
  static Arbitrary<String> unicodeStrings(int maxLength) {
    return Arbitraries.strings().ofMaxLength(maxLength)
        .filter(s -> s.codePoints().noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE));
  }

  static Arbitrary<Map<String, Tensor>> tensorMaps() {
    Arbitrary<String> names = Arbitraries.oneOf(unicodeStrings(8), Arbitraries.of("fc.weight", "fc.bias", "", " "))
        .filter(s -> !s.equals("__metadata__"));
    return Arbitraries.maps(names, tensors()).ofMaxSize(5);
  }

  static Arbitrary<Map<String, String>> metadata() {
    return Arbitraries.maps(unicodeStrings(6), unicodeStrings(10)).ofMaxSize(3);
  }

  /** A valid file of either format, to be corrupted. */
  record Sample(String format, byte[] bytes) {
    @Override
    public String toString() {
      return format + " of " + bytes.length + " bytes";
    }
  }

  static Arbitrary<Sample> validFiles() {
    Arbitrary<Sample> npy = tensors().map(t -> new Sample("npy", Npy.toBytes(t)));
    Arbitrary<Sample> st = Combinators.combine(tensorMaps(), metadata())
        .as((m, md) -> new Sample("safetensors", Safetensors.toBytes(m, md)));
    return Arbitraries.oneOf(npy, st);
  }
}
