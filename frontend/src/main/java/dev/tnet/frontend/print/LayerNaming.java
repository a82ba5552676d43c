package dev.tnet.frontend.print;

import dev.tnet.ir.graph.Node;
import dev.tnet.ir.graph.TypedGraph;
import dev.tnet.ir.op.ParamSpec;
import dev.tnet.runtime.CompilerBug;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a node's parameters are named in source, so that evaluating the call gives exactly the
 * node's parameter names (docs/language.md, "Parameter names").
 *
 * <p>Invariants of {@link #of}: every {@link Prefix} layer is distinct (the evaluator refuses a
 * layer name used twice), and every parameter name of the graph occurs in one node only (the
 * evaluator refuses to share a parameter; a graph that shares one cannot be printed).
 */
sealed interface LayerNaming {
  /** A node without parameters. */
  record Unnamed() implements LayerNaming {}

  /** {@code @layer}: each parameter is {@code layer.<slot>}. */
  record Prefix(String layer) implements LayerNaming {}

  /**
   * {@code @(weight=a.w, bias=a.b)}: one full path per parameter slot. The evaluator also claims
   * the assigned variable's name as a layer, so that name must not be a {@link Prefix} layer.
   */
  record Rename(List<String> slots, List<String> paths) implements LayerNaming {
    public Rename {
      slots = List.copyOf(slots);
      paths = List.copyOf(paths);
    }
  }

  /** The source text after the call: empty, {@code " @conv1"} or {@code " @(weight=w, bias=b)"}. */
  default String text() {
    return switch (this) {
      case Unnamed u -> "";
      case Prefix p -> " @" + p.layer();
      case Rename r -> {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < r.slots().size(); i++) parts.add(r.slots().get(i) + "=" + r.paths().get(i));
        yield " @(" + String.join(", ", parts) + ")";
      }
    };
  }

  /** One naming per node of {@code t}, in node order; {@code @layer} wherever the names allow it. */
  static List<LayerNaming> of(TypedGraph t) {
    Map<String, String> owner = new HashMap<>();
    Set<String> layers = new HashSet<>();
    List<LayerNaming> namings = new ArrayList<>();
    for (Node n : t.graph().nodes()) {
      for (String p : n.params()) {
        String prev = owner.putIfAbsent(p, n.name());
        if (prev != null) {
          throw new CompilerBug("parameter '" + p + "' is shared by nodes '" + prev + "' and '" + n.name()
              + "'; .tnet names every parameter once, so this graph cannot be printed");
        }
      }
      List<String> slots = n.op().params(n.inputs().stream().map(t::type).toList()).stream().map(ParamSpec::name).toList();
      namings.add(naming(n, slots, layers));
    }
    return namings;
  }

  private static LayerNaming naming(Node n, List<String> slots, Set<String> layers) {
    if (slots.isEmpty()) return new Unnamed();
    String layer = commonLayer(n.params(), slots);
    if (layer != null && TnetSyntax.path(layer).isPresent() && layers.add(layer)) return new Prefix(layer);
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < slots.size(); i++) {
      if (!TnetSyntax.isIdentifier(slots.get(i))) {
        throw new CompilerBug(n.op().name() + " has a parameter slot '" + slots.get(i) + "' that is not an identifier");
      }
      String param = n.params().get(i);
      paths.add(TnetSyntax.path(param).orElseThrow(() -> new CompilerBug("the parameter name '" + param + "' of node '"
          + n.name() + "' cannot be written in .tnet (each dotted segment must be an identifier that is not a keyword, or digits)")));
    }
    return new Rename(slots, paths);
  }

  /** {@code P} if every parameter is named {@code P.<slot>}, else null. */
  private static String commonLayer(List<String> params, List<String> slots) {
    String first = params.get(0), suffix = "." + slots.get(0);
    if (!first.endsWith(suffix)) return null;
    String layer = first.substring(0, first.length() - suffix.length());
    for (int i = 0; i < slots.size(); i++) {
      if (!params.get(i).equals(layer + "." + slots.get(i))) return null;
    }
    return layer;
  }
}
