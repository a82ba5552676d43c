package dev.tnet.driver.fuzz;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Why a property failed. {@code kind} classifies the failure (the shrinker keeps it: a smaller
 * case must fail the same way); {@code detail} says what exactly happened.
 */
public record Symptom(String kind, String detail) {
  /** An exception that is not a user error: its class and the first tnet frame it was thrown from. */
  static Symptom crash(String during, Throwable e) {
    String where = "";
    for (StackTraceElement f : e.getStackTrace()) {
      if (f.getClassName().startsWith("dev.tnet.") && !f.getClassName().startsWith("dev.tnet.driver.fuzz.")) {
        where = " at " + f.getClassName() + "." + f.getMethodName();
        break;
      }
    }
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    String[] lines = trace.toString().split("\n");
    String shortTrace = String.join("\n", java.util.Arrays.copyOf(lines, Math.min(lines.length, 14)));
    return new Symptom("crash" + (during.isEmpty() ? "" : " " + during) + ": " + e.getClass().getSimpleName() + where, shortTrace);
  }

  public String toString() {
    return kind + ": " + detail;
  }
}
