package dev.tnet.ir.op;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import java.util.List;
import java.util.Map;

/** Shorthands shared by the shape-inference tests of the op families. */
final class ShapeInference {
  private ShapeInference() {}

  /** The catalogue's op {@code name} with keyword {@code args} and no positional ones. */
  static Op op(String name, Map<String, AttrValue> args) {
    return OpCatalogue.create(name, List.of(), args);
  }

  static TensorType f32(Dim... dims) {
    return TensorType.f32(dims);
  }

  static Dim d(long v) {
    return Dim.of(v);
  }

  /** The message of the {@link OpException} with which {@code op} refuses {@code inputs}. */
  static String refusal(Op op, TensorType... inputs) {
    return assertThrows(OpException.class, () -> op.infer(List.of(inputs))).getMessage();
  }
}
