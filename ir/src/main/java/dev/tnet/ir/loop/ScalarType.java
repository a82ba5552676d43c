package dev.tnet.ir.loop;

/**
 * The scalar types of loop IR. Indices and loop counters are {@code I32} (every buffer has at most
 * {@code Integer.MAX_VALUE - 8} elements); tensor values are {@code F32} or {@code I64};
 * comparisons give {@code BOOL}.
 */
public enum ScalarType {
  I32,
  I64,
  F32,
  BOOL;

  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public boolean isNumeric() {
    return this != BOOL;
  }

  public static ScalarType of(dev.tnet.runtime.DType d) {
    return switch (d) {
      case F32 -> F32;
      case I64 -> I64;
    };
  }
}
