package dev.tnet.driver.fuzz;

import java.nio.file.Path;

/**
 * A property checked on random cases: {@link #test} draws the case of a seed and checks it, so a
 * property is a function from a seed to pass or fail, the same from JUnit and from {@code tnet
 * fuzz}. A failing case can be shrunk and written out as a reproducer.
 *
 * @param <C> the kind of case: a graph with data, or source text
 */
public abstract class Property<C> {
  /** The name used by {@code tnet fuzz --property NAME}. */
  public abstract String name();

  /** One line: what must hold. */
  public abstract String description();

  /** The case of {@code seed}; the same seed gives the same case. */
  public abstract C generate(long seed);

  /** Null when the property holds for {@code c}, else why not. Exceptions are caught by {@link #checkSafely}. */
  protected abstract Symptom check(C c);

  /** A smaller case that fails with the same kind of symptom (or {@code c} itself). */
  public abstract C shrink(C c, Symptom s, Shrinking budget);

  /** Writes a reproducer of {@code c} under {@code dir} and returns its directory. */
  public abstract Path writeReproducer(C c, Verdict v, Path dir);

  /** Draws the case of {@code seed} and checks it. */
  public final Verdict test(long seed) {
    C c;
    try {
      c = generate(seed);
    } catch (RuntimeException | StackOverflowError e) {
      return new Verdict(name(), seed, null, Symptom.crash("in the generator", e), replayCommand(seed));
    }
    return new Verdict(name(), seed, c, checkSafely(c), replayCommand(seed));
  }

  /** The command line that draws and checks the case of {@code seed} again. */
  public String replayCommand(long seed) {
    return "./tnet fuzz --property " + name() + " --seed " + seed + " --tries 1";
  }

  /** {@link #check}, with anything thrown (but out of memory) turned into a crash symptom. */
  public final Symptom checkSafely(C c) {
    try {
      return check(c);
    } catch (RuntimeException | StackOverflowError | LinkageError | AssertionError e) {
      return Symptom.crash("", e);
    }
  }

  /** A seed for this property's generator: the same run seed draws different cases per property. */
  protected long mix(long seed) {
    long h = seed ^ (name().hashCode() * 0x9E3779B97F4A7C15L);
    h ^= h >>> 31;
    return h * 0xBF58476D1CE4E5B9L;
  }

  public String toString() {
    return name();
  }
}
