package dev.tnet.runtime.model;

import dev.tnet.runtime.DType;
import dev.tnet.runtime.Shape;
import java.util.Objects;

/** A named tensor a compiled model takes or returns (or holds, for weights): its dtype and shape. */
public record IoSpec(String name, DType dtype, Shape shape) {
  public IoSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dtype, "dtype");
    Objects.requireNonNull(shape, "shape");
  }

  /** {@code x: f32[1, 3, 28, 28]}. */
  public String toString() {
    return name + ": " + dtype + shape;
  }
}
