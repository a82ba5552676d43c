package dev.tnet.ir.op;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The argument list of an op, as PyTorch declares it: names in positional order, each with a
 * default or required. {@link #bind} matches a call's positional and keyword arguments to it.
 */
public record Signature(String op, List<Param> params) {
  /** One declared argument; {@code defaultValue == null} means required. */
  public record Param(String name, AttrValue defaultValue) {}

  public Signature {
    params = List.copyOf(params);
  }

  /** Starts a signature; chain {@link #req} and {@link #opt}. */
  public static Signature of(String op) {
    return new Signature(op, List.of());
  }

  public Signature req(String name) {
    return with(new Param(name, null));
  }

  public Signature opt(String name, AttrValue defaultValue) {
    return with(new Param(name, defaultValue));
  }

  public Signature opt(String name, long defaultValue) {
    return opt(name, AttrValue.of(defaultValue));
  }

  public Signature opt(String name, double defaultValue) {
    return opt(name, AttrValue.of(defaultValue));
  }

  public Signature opt(String name, boolean defaultValue) {
    return opt(name, AttrValue.of(defaultValue));
  }

  public Signature opt(String name, String defaultValue) {
    return opt(name, AttrValue.of(defaultValue));
  }

  /** An optional argument whose default is {@code None}. */
  public Signature optNone(String name) {
    return opt(name, AttrValue.NONE);
  }

  private Signature with(Param p) {
    List<Param> ps = new ArrayList<>(params);
    ps.add(p);
    return new Signature(op, ps);
  }

  public List<String> names() {
    return params.stream().map(Param::name).toList();
  }

  /**
   * Matches arguments to parameters as Python does: positionals in order, then keywords by name;
   * defaults fill the rest. Fails on too many positionals, an unknown or repeated keyword, or a
   * missing required argument.
   */
  public Args bind(List<AttrValue> positional, Map<String, AttrValue> keywords) {
    if (positional.size() > params.size()) {
      throw new OpException(op, "takes at most " + params.size() + " arguments " + names()
          + " but " + positional.size() + " were given");
    }
    Map<String, AttrValue> values = new LinkedHashMap<>();
    for (int i = 0; i < positional.size(); i++) values.put(params.get(i).name(), positional.get(i));
    for (var e : keywords.entrySet()) {
      if (!names().contains(e.getKey())) {
        throw new OpException(op, "unknown argument '" + e.getKey() + "'" + Suggestions.didYouMean(e.getKey(), names())
            + "; its arguments are " + names());
      }
      if (values.containsKey(e.getKey())) {
        throw new OpException(op, "argument '" + e.getKey() + "' given twice");
      }
      values.put(e.getKey(), e.getValue());
    }
    Map<String, AttrValue> all = new LinkedHashMap<>();
    for (Param p : params) {
      AttrValue v = values.containsKey(p.name()) ? values.get(p.name()) : p.defaultValue();
      if (v == null) throw new OpException(op, "missing required argument '" + p.name() + "'");
      all.put(p.name(), v);
    }
    return new Args(op, all);
  }

  /** Binds keyword arguments only. */
  public Args bind(Map<String, AttrValue> keywords) {
    return bind(List.of(), keywords);
  }
}
