package dev.tnet.ir.graph;

import dev.tnet.runtime.UserException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The size of one dimension: a known integer, or an integer polynomial over symbolic sizes (such
 * as a batch {@code N}) that are bound when the model runs.
 *
 * <p>Invariant: a {@code Dim} is kept in normal form, a sum of monomials with non-zero integer
 * coefficients, so two equal expressions are {@code equals}. An atom of a monomial is a symbol or
 * an irreducible floor division ({@code (H+1)/2}) of another {@code Dim} by a positive constant.
 * Arithmetic on known dims is plain long arithmetic, so concrete shape inference pays nothing.
 */
public final class Dim implements Comparable<Dim> {
  /** A factor of a monomial. */
  sealed interface Atom extends Comparable<Atom> permits Sym, Floor {
    long eval(Map<String, Long> bindings);

    default int compareTo(Atom o) {
      return toString().compareTo(o.toString());
    }
  }

  record Sym(String name) implements Atom {
    public long eval(Map<String, Long> b) {
      Long v = b.get(name);
      if (v == null) throw new UserException("symbolic dimension '" + name + "' is not bound");
      return v;
    }

    public String toString() {
      return name;
    }
  }

  record Floor(Dim num, long den) implements Atom {
    public long eval(Map<String, Long> b) {
      return Math.floorDiv(num.eval(b), den);
    }

    public String toString() {
      return "(" + num + ")/" + den;
    }
  }

  /** Monomial (sorted list of atoms, with repetition) to coefficient; the empty list is the constant. */
  private final TreeMap<List<Atom>, Long> terms;

  private static final java.util.Comparator<List<Atom>> MONOMIAL_ORDER = (a, b) -> {
    if (a.size() != b.size()) return Integer.compare(b.size(), a.size());
    for (int i = 0; i < a.size(); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) return c;
    }
    return 0;
  };

  private Dim(TreeMap<List<Atom>, Long> terms) {
    terms.values().removeIf(c -> c == 0);
    this.terms = terms;
  }

  public static Dim of(long value) {
    TreeMap<List<Atom>, Long> t = new TreeMap<>(MONOMIAL_ORDER);
    t.put(List.of(), value);
    return new Dim(t);
  }

  /** A symbolic size; names are identifiers such as {@code N} or {@code H}. */
  public static Dim sym(String name) {
    TreeMap<List<Atom>, Long> t = new TreeMap<>(MONOMIAL_ORDER);
    t.put(List.of(new Sym(name)), 1L);
    return new Dim(t);
  }

  public boolean isKnown() {
    return terms.isEmpty() || (terms.size() == 1 && terms.containsKey(List.of()));
  }

  /** The value of a known dim; a compiler bug to ask of a symbolic one. */
  public long value() {
    if (!isKnown()) throw new dev.tnet.runtime.CompilerBug("value() of symbolic dim " + this);
    return terms.getOrDefault(List.of(), 0L);
  }

  /** The value as an int, for dims already checked by {@link dev.tnet.runtime.Shape}. */
  public int intValue() {
    return Math.toIntExact(value());
  }

  /** True if this is known and equal to {@code v}. */
  public boolean is(long v) {
    return isKnown() && value() == v;
  }

  /** The symbol's name if this dim is exactly one symbol, else null. */
  public String symbolName() {
    if (terms.size() == 1 && terms.firstEntry().getValue() == 1 && terms.firstKey().size() == 1
        && terms.firstKey().get(0) instanceof Sym s) {
      return s.name();
    }
    return null;
  }

  public Dim plus(Dim o) {
    TreeMap<List<Atom>, Long> t = new TreeMap<>(terms);
    o.terms.forEach((m, c) -> t.merge(m, c, Math::addExact));
    return new Dim(t);
  }

  public Dim plus(long v) {
    return plus(of(v));
  }

  public Dim minus(Dim o) {
    return plus(o.times(-1));
  }

  public Dim minus(long v) {
    return plus(-v);
  }

  public Dim times(long v) {
    TreeMap<List<Atom>, Long> t = new TreeMap<>(MONOMIAL_ORDER);
    terms.forEach((m, c) -> t.put(m, Math.multiplyExact(c, v)));
    return new Dim(t);
  }

  public Dim times(Dim o) {
    TreeMap<List<Atom>, Long> t = new TreeMap<>(MONOMIAL_ORDER);
    terms.forEach((m1, c1) -> o.terms.forEach((m2, c2) -> {
      List<Atom> m = new ArrayList<>(m1);
      m.addAll(m2);
      m.sort(null);
      t.merge(List.copyOf(m), Math.multiplyExact(c1, c2), Math::addExact);
    }));
    return new Dim(t);
  }

  /** Floor division by a positive constant, exact where every coefficient divides. */
  public Dim floorDiv(long d) {
    if (d <= 0) throw new dev.tnet.runtime.CompilerBug("floorDiv by " + d);
    if (d == 1) return this;
    if (isKnown()) return of(Math.floorDiv(value(), d));
    if (terms.values().stream().allMatch(c -> c % d == 0)) {
      TreeMap<List<Atom>, Long> t = new TreeMap<>(MONOMIAL_ORDER);
      terms.forEach((m, c) -> t.put(m, c / d));
      return new Dim(t);
    }
    TreeMap<List<Atom>, Long> t = new TreeMap<>(MONOMIAL_ORDER);
    t.put(List.of(new Floor(this, d)), 1L);
    return new Dim(t);
  }

  /** Ceiling division by a positive constant. */
  public Dim ceilDiv(long d) {
    return plus(d - 1).floorDiv(d);
  }

  /**
   * Exact division by another dim, or null if it does not divide: a known divisor must divide
   * every coefficient; a single-monomial divisor must divide every monomial.
   */
  public Dim divExact(Dim o) {
    if (o.terms.size() != 1) return equals(o) ? of(1) : null;
    var div = o.terms.firstEntry();
    TreeMap<List<Atom>, Long> t = new TreeMap<>(MONOMIAL_ORDER);
    for (var e : terms.entrySet()) {
      if (e.getValue() % div.getValue() != 0) return null;
      List<Atom> rest = new ArrayList<>(e.getKey());
      for (Atom a : div.getKey()) {
        if (!rest.remove(a)) return null;
      }
      t.put(List.copyOf(rest), e.getValue() / div.getValue());
    }
    return new Dim(t);
  }

  /** Evaluates with every symbol bound; fails with a user error naming an unbound symbol. */
  public long eval(Map<String, Long> bindings) {
    long sum = 0;
    for (var e : terms.entrySet()) {
      long prod = e.getValue();
      for (Atom a : e.getKey()) prod = Math.multiplyExact(prod, a.eval(bindings));
      sum = Math.addExact(sum, prod);
    }
    return sum;
  }

  /** The product of some dims (an element count). */
  public static Dim product(List<Dim> dims) {
    Dim p = of(1);
    for (Dim d : dims) p = p.times(d);
    return p;
  }

  public boolean equals(Object o) {
    return o instanceof Dim d && terms.equals(d.terms);
  }

  public int hashCode() {
    return terms.hashCode();
  }

  public int compareTo(Dim o) {
    return toString().compareTo(o.toString());
  }

  /** {@code 64}, {@code N}, {@code 3*N*H+2}, {@code (H+1)/2}. */
  public String toString() {
    if (terms.isEmpty()) return "0";
    StringBuilder sb = new StringBuilder();
    for (var e : terms.entrySet()) {
      long c = e.getValue();
      List<Atom> m = e.getKey();
      if (sb.length() > 0) sb.append(c < 0 ? "-" : "+");
      else if (c < 0) sb.append("-");
      long abs = Math.abs(c);
      if (m.isEmpty()) {
        sb.append(abs);
        continue;
      }
      if (abs != 1) sb.append(abs).append('*');
      for (int i = 0; i < m.size(); i++) {
        if (i > 0) sb.append('*');
        sb.append(m.get(i));
      }
    }
    return sb.toString();
  }
}
