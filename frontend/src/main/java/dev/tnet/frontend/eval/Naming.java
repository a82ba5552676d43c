package dev.tnet.frontend.eval;

import dev.tnet.frontend.ast.Ast;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders {@code @name} paths: literal parts joined by dots, {@code {expr}} parts interpolated. */
final class Naming {
  private Naming() {}

  static String render(List<Ast.NamePart> parts, Frame f, EvalFn eval) {
    StringBuilder sb = new StringBuilder();
    for (Ast.NamePart part : parts) {
      if (sb.length() > 0) sb.append('.');
      sb.append(part.text());
      for (Ast.Expr e : part.interpolations()) {
        Value v = eval.eval(e, f);
        if (!(v instanceof Value.IntVal i)) throw new EvalError(e.span(), "a name can interpolate integers only, got " + Value.describe(v));
        sb.append(i.value());
      }
    }
    return sb.toString();
  }

  /** {@code @(weight=a.w, bias=a.b)} as slot to full name (prefixed by the frame's prefix). */
  static Map<String, String> renames(Ast.RenameNaming r, Frame f, EvalFn eval) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < r.slots().size(); i++) {
      if (m.put(r.slots().get(i), f.prefix + render(r.paths().get(i), f, eval)) != null) {
        throw new EvalError(r.span(), "parameter '" + r.slots().get(i) + "' is renamed twice");
      }
    }
    return m;
  }

  /** Evaluates an expression without a naming hint. */
  interface EvalFn {
    Value eval(Ast.Expr e, Frame f);
  }
}
