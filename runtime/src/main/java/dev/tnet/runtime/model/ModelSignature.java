package dev.tnet.runtime.model;

import dev.tnet.runtime.DType;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.UserException;
import dev.tnet.runtime.io.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a compiled model takes, returns and holds: its inputs, outputs and weights, each in the
 * order the generated code numbers them. Generated classes carry it as JSON (see {@link #toJson})
 * so that a class is self-describing, in a jar or in memory.
 */
public record ModelSignature(String name, List<IoSpec> inputs, List<IoSpec> outputs, List<IoSpec> weights) {
  public ModelSignature {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    weights = List.copyOf(weights);
  }

  /**
   * Checks {@code tensors} against {@code specs}: every spec present with its dtype and shape, no
   * other names. Fails listing every problem; {@code what} is "input" or "weight".
   */
  public void check(String what, List<IoSpec> specs, Map<String, Tensor> tensors) {
    List<String> problems = new ArrayList<>();
    for (IoSpec s : specs) {
      Tensor t = tensors.get(s.name());
      if (t == null) problems.add("missing " + what + " '" + s.name() + "' " + s.dtype() + s.shape());
      else if (t.dtype() != s.dtype() || !t.shape().equals(s.shape())) {
        problems.add(what + " '" + s.name() + "' must be " + s.dtype() + s.shape() + ", got " + t.dtype() + t.shape());
      }
    }
    TreeSet<String> unexpected = new TreeSet<>(tensors.keySet());
    specs.forEach(s -> unexpected.remove(s.name()));
    for (String u : unexpected) problems.add("unexpected " + what + " '" + u + "'");
    if (problems.size() == 1) throw new UserException(what + "s do not match model " + name + ": " + problems.getFirst());
    if (!problems.isEmpty()) throw new UserException(what + "s do not match model " + name + ":\n  " + String.join("\n  ", problems));
  }

  /** {@code {"name":..,"inputs":[{"name":..,"dtype":"f32","shape":[..]}],"outputs":[..],"weights":[..]}}. */
  public String toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("inputs", specs(inputs));
    m.put("outputs", specs(outputs));
    m.put("weights", specs(weights));
    return Json.write(m);
  }

  private static List<Object> specs(List<IoSpec> list) {
    List<Object> out = new ArrayList<>();
    for (IoSpec s : list) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", s.name());
      m.put("dtype", s.dtype().toString());
      List<Object> dims = new ArrayList<>();
      for (int d : s.shape().dims()) dims.add((long) d);
      m.put("shape", dims);
      out.add(m);
    }
    return out;
  }

  /** Parses {@link #toJson}'s form; {@code where} names the source in the error a malformed one gives. */
  public static ModelSignature fromJson(String json, String where) {
    try {
      Map<?, ?> m = (Map<?, ?>) Json.parse(json, where);
      return new ModelSignature((String) m.get("name"), parse(m.get("inputs")), parse(m.get("outputs")), parse(m.get("weights")));
    } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
      throw new UserException(where + ": malformed model signature: " + e.getMessage(), e);
    }
  }

  private static List<IoSpec> parse(Object list) {
    List<IoSpec> out = new ArrayList<>();
    for (Object o : (List<?>) list) {
      Map<?, ?> m = (Map<?, ?>) o;
      long[] dims = ((List<?>) m.get("shape")).stream().mapToLong(d -> (Long) d).toArray();
      DType dtype = DType.valueOf(((String) m.get("dtype")).toUpperCase(Locale.ROOT));
      out.add(new IoSpec((String) m.get("name"), dtype, Shape.ofLongs(dims)));
    }
    return out;
  }
}
