package dev.tnet.runtime;

/** A broken internal invariant: tnet itself is wrong, not the user's input. */
public final class CompilerBug extends RuntimeException {
  public CompilerBug(String message) {
    super("internal compiler error (a bug in tnet, please report it): " + message);
  }

  public CompilerBug(String message, Throwable cause) {
    super("internal compiler error (a bug in tnet, please report it): " + message, cause);
  }

  /** Throws a {@code CompilerBug} unless {@code condition} holds. */
  public static void check(boolean condition, String message) {
    if (!condition) throw new CompilerBug(message);
  }
}
