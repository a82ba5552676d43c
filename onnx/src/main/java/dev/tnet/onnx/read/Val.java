package dev.tnet.onnx.read;

import dev.tnet.runtime.Tensor;

/** What an ONNX value name stands for during import: a value of the tnet graph, or a constant known now. */
sealed interface Val {
  /** A value of the graph being built. */
  record Dyn(String value) implements Val {}

  /**
   * A tensor known at import time: an initializer, a {@code Constant} node's value, or the result
   * of folding ({@code Shape}, {@code Gather}, ...). {@code source} is the initializer's name, or
   * null for a computed constant.
   */
  record Const(Tensor tensor, String source) implements Val {}
}
