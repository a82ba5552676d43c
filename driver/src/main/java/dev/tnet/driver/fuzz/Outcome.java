package dev.tnet.driver.fuzz;

import dev.tnet.runtime.Tensor;
import java.util.Map;

/** What an engine made of a case: its outputs, or the user error it raised. */
sealed interface Outcome {
  record Ok(Map<String, Tensor> outputs) implements Outcome {}

  /**
   * A {@link dev.tnet.runtime.UserException}; {@code kind} is what must agree across engines
   * (see {@link #kindOf}), {@code message} is for people.
   */
  record Error(String kind, String message) implements Outcome {
    public String toString() {
      return "user error [" + kind + "]: " + message;
    }
  }

  static Error error(RuntimeException e) {
    return new Error(kindOf(e.getMessage()), e.getMessage());
  }

  /**
   * The kind of a run-time data error, which every engine must report alike though the wording
   * differs (the interpreter names the element, compiled code the value): the op before the
   * first colon and the problem. Anything else is its own kind (its full message).
   */
  static String kindOf(String message) {
    String m = message == null ? "" : message;
    String op = m.contains(":") ? m.substring(0, m.indexOf(':')) : "";
    if (m.contains("index") && m.contains("out of range")) return op + ": index out of range";
    if (m.contains("division by zero")) return op + ": integer division by zero";
    return m;
  }
}
