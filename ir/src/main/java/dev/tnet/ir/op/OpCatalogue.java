package dev.tnet.ir.op;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Every op by name: its signature and how to build it from bound arguments. The families
 * register themselves here; nothing else knows the full list.
 */
public final class OpCatalogue {
  /** An op's signature and factory. */
  public record Entry(Signature signature, Function<Args, Op> factory) {}

  /** What families use to register their ops. */
  public interface Registry {
    void add(Signature signature, Function<Args, Op> factory);
  }

  private static final SortedMap<String, Entry> ENTRIES = build();

  private OpCatalogue() {}

  private static SortedMap<String, Entry> build() {
    SortedMap<String, Entry> m = new TreeMap<>();
    Registry r = (sig, f) -> {
      if (m.putIfAbsent(sig.op(), new Entry(sig, f)) != null) {
        throw new dev.tnet.runtime.CompilerBug("op " + sig.op() + " registered twice");
      }
    };
    SpatialOps.register(r);
    NnOps.register(r);
    TensorOps.register(r);
    return Collections.unmodifiableSortedMap(m);
  }

  /** All op names, sorted. */
  public static java.util.Set<String> names() {
    return ENTRIES.keySet();
  }

  public static boolean contains(String name) {
    return ENTRIES.containsKey(name);
  }

  public static Signature signature(String name) {
    return entry(name).signature();
  }

  /** Builds an op from a call's positional and keyword arguments. */
  public static Op create(String name, List<AttrValue> positional, Map<String, AttrValue> keywords) {
    Entry e = entry(name);
    return e.factory().apply(e.signature().bind(positional, keywords));
  }

  /** Builds an op from already bound arguments (as {@link Op#args()} returns). */
  public static Op create(String name, Args args) {
    return create(name, List.of(), args.values());
  }

  private static Entry entry(String name) {
    Entry e = ENTRIES.get(name);
    if (e == null) throw new OpException(name, "no such op");
    return e;
  }
}
