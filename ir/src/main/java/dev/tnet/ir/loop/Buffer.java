package dev.tnet.ir.loop;

import dev.tnet.runtime.Shape;

/**
 * A dense row-major array a loop program reads or writes. Inputs, outputs and weights come from
 * the caller; temporaries belong to the program.
 */
public record Buffer(String name, ScalarType type, Shape shape, Role role) {
  public enum Role {
    INPUT,
    OUTPUT,
    WEIGHT,
    TEMP
  }

  public int size() {
    return shape.size();
  }
}
