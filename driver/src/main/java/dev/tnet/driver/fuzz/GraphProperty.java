package dev.tnet.driver.fuzz;

import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A property of graphs with data. Half of the cases are one op of the catalogue ({@link OpCases}),
 * half random graphs ({@link GraphCases}); one in four declares a symbolic batch ({@link
 * SymbolicBatch}). Failures shrink with {@link GraphShrinker} and are written as {@code .tnet}
 * reproducers ({@link Reproducer}).
 */
abstract class GraphProperty extends Property<FuzzCase> {
  public FuzzCase generate(long seed) {
    long s = mix(seed);
    SplittableRandom rng = new SplittableRandom(s);
    FuzzCase c = rng.nextBoolean() ? OpCases.random(s) : GraphCases.random(s);
    return rng.nextInt(4) == 0 ? SymbolicBatch.relax(c) : c;
  }

  public FuzzCase shrink(FuzzCase c, Symptom s, Shrinking budget) {
    return GraphShrinker.shrink(c, candidate -> {
      Symptom t = checkSafely(candidate);
      return t != null && t.kind().equals(s.kind());
    }, budget);
  }

  public Path writeReproducer(FuzzCase c, Verdict v, Path dir) {
    return Reproducer.write(c, v, dir);
  }
}
