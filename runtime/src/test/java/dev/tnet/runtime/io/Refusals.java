package dev.tnet.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the error tests of the file readers require of every refusal. */
final class Refusals {
  private Refusals() {}

  /**
   * Requires {@code e} to name {@code file}, its message to start with {@code "<file>: "} and to
   * contain {@code expected}.
   */
  static void assertPrecise(TensorFileException e, String file, String expected) {
    assertEquals(file, e.file());
    assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(expected), () -> "expected '" + expected + "' in: " + e.getMessage());
  }
}
