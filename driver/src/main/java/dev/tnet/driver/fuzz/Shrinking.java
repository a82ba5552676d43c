package dev.tnet.driver.fuzz;

/** How much work shrinking may do: property checks and wall-clock time. */
public record Shrinking(int maxChecks, long maxMillis) {
  public static final Shrinking DEFAULT = new Shrinking(400, 120_000);
  public static final Shrinking NONE = new Shrinking(0, 0);
}
