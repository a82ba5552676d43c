package dev.tnet.driver.fuzz;

import dev.tnet.ir.op.OpCatalogue;
import dev.tnet.runtime.UserException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A property of graphs with data. Half of the cases are one op of the catalogue ({@link OpCases}),
 * half random graphs ({@link GraphCases}); one in four declares a symbolic batch ({@link
 * SymbolicBatch}). Failures shrink with {@link GraphShrinker} and are written as {@code .tnet}
 * reproducers ({@link Reproducer}).
 */
public abstract class GraphProperty extends Property<FuzzCase> {
  /** The only op drawn, or null for the mix of single ops and graphs. */
  private String op;

  /** Draws single-op cases of {@code opName} only ({@code tnet fuzz --op}); returns this property. */
  public GraphProperty only(String opName) {
    if (!OpCatalogue.contains(opName)) throw new UserException("no op '" + opName + "'; ./tnet ops lists them");
    this.op = opName;
    return this;
  }

  public FuzzCase generate(long seed) {
    long s = mix(seed);
    SplittableRandom rng = new SplittableRandom(s);
    FuzzCase c = op != null ? OpCases.of(op, s) : rng.nextBoolean() ? OpCases.random(s, ops()) : GraphCases.random(s);
    return rng.nextInt(4) == 0 ? SymbolicBatch.relax(c) : c;
  }

  /** The ops that single-op cases draw from: the whole catalogue unless a property narrows it. */
  protected java.util.List<String> ops() {
    return java.util.List.copyOf(OpCatalogue.names());
  }

  public String replayCommand(long seed) {
    return super.replayCommand(seed) + (op == null ? "" : " --op " + op);
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
