package dev.tnet.runtime;

/** Element types a {@link Tensor} can hold. Activations and weights are F32; indices are I64. */
public enum DType {
  F32(4),
  I64(8);

  private final int byteSize;

  DType(int byteSize) {
    this.byteSize = byteSize;
  }

  public int byteSize() {
    return byteSize;
  }

  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
