package dev.tnet.interp;

/**
 * Where a padded coordinate reads from, for the padding modes of {@code F.pad} and of
 * convolutions' {@code padding_mode}.
 */
enum Padding {
  /** Outside reads a constant (zero for convolutions). */
  CONSTANT,
  /** Mirror without repeating the edge: {@code -1 -> 1}. Needs {@code pad < size}. */
  REFLECT,
  /** Clamp to the edge: {@code -1 -> 0}. */
  REPLICATE,
  /** Wrap around: {@code -1 -> size - 1}. Needs {@code pad <= size}. */
  CIRCULAR;

  /** Parses PyTorch's names: constant/zeros, reflect, replicate, circular. */
  static Padding of(String mode) {
    return switch (mode) {
      case "constant", "zeros" -> CONSTANT;
      case "reflect" -> REFLECT;
      case "replicate" -> REPLICATE;
      case "circular" -> CIRCULAR;
      default -> throw new dev.tnet.runtime.CompilerBug("unchecked padding mode " + mode);
    };
  }

  /**
   * The in-range source coordinate for coordinate {@code i} of a dim of {@code size}, or -1 when
   * {@code i} is outside and this mode reads the constant. Valid for {@code -size < i < 2*size}.
   */
  int source(int i, int size) {
    if (i >= 0 && i < size) return i;
    return switch (this) {
      case CONSTANT -> -1;
      case REFLECT -> size == 1 ? 0 : (i < 0 ? -i : 2 * (size - 1) - i);
      case REPLICATE -> i < 0 ? 0 : size - 1;
      case CIRCULAR -> Math.floorMod(i, size);
    };
  }
}
