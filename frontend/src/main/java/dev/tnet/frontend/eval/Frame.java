package dev.tnet.frontend.eval;

import dev.tnet.frontend.ast.Ast;
import dev.tnet.frontend.source.Span;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The scope of one model or block invocation: its variables, the prefix of its layer names
 * ({@code layer1.0.}), and the variables assigned but not yet read (for unused-value warnings).
 */
final class Frame {
  final Ast.Def def;
  final String prefix;
  final Frame caller;
  private final Map<String, Value> vars = new HashMap<>();
  final Map<String, Span> unread = new LinkedHashMap<>();

  Frame(Ast.Def def, String prefix, Frame caller) {
    this.def = def;
    this.prefix = prefix;
    this.caller = caller;
  }

  Value get(String name) {
    unread.remove(name);
    return vars.get(name);
  }

  /** The value without marking it read. */
  Value peek(String name) {
    return vars.get(name);
  }

  boolean has(String name) {
    return vars.containsKey(name);
  }

  java.util.Set<String> names() {
    return vars.keySet();
  }

  void set(String name, Value v, Span where) {
    vars.put(name, v);
    if (v instanceof Value.TensorVal && !name.startsWith("_")) unread.put(name, where);
    else unread.remove(name);
  }

  /** Whether {@code def} is being evaluated by this frame or one of its callers (recursion). */
  boolean isActive(Ast.Def d) {
    for (Frame f = this; f != null; f = f.caller) if (f.def == d) return true;
    return false;
  }
}
