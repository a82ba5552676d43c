package dev.tnet.driver.fuzz;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs properties on consecutive seeds ({@code seed}, {@code seed + 1}, ...; each property mixes
 * its name into the seed, so they see different cases) for a number of tries or a time, shrinks
 * each new kind of failure and writes its reproducer. Used by {@code tnet fuzz} and the tests.
 */
public final class Fuzzer {
  /** What to run. {@code tries <= 0} means no limit (then {@code time} must be given). */
  public record Config(long seed, int tries, Duration time, List<Property<?>> properties, Path out, Shrinking shrinking,
      int maxFailuresPerProperty) {
    public Config {
      properties = List.copyOf(properties);
    }
  }

  /** The cases one property ran, how long they took, and how many failed. */
  public record Stats(String property, int cases, long nanos, int failures) {
    public double casesPerSecond() {
      return nanos == 0 ? 0 : cases / (nanos / 1e9);
    }
  }

  /** A failure: the verdict on the original seed, the shrunk case, its symptom and its reproducer. */
  public record Failure(Verdict original, Object shrunk, Symptom shrunkSymptom, Path reproducer) {}

  public record Report(List<Stats> stats, List<Failure> failures) {
    public boolean passed() {
      return failures.isEmpty() && stats.stream().allMatch(s -> s.failures() == 0);
    }
  }

  private final Config config;
  private final PrintWriter log;

  private Fuzzer(Config config, PrintWriter log) {
    this.config = config;
    this.log = log;
  }

  public static Report run(Config config, PrintWriter log) {
    return new Fuzzer(config, log).run();
  }

  private Report run() {
    Map<String, int[]> counts = new LinkedHashMap<>();
    Map<String, long[]> nanos = new LinkedHashMap<>();
    Map<String, Set<String>> kinds = new LinkedHashMap<>();
    for (Property<?> p : config.properties()) {
      counts.put(p.name(), new int[2]);
      nanos.put(p.name(), new long[1]);
      kinds.put(p.name(), new HashSet<>());
    }
    List<Property<?>> active = new ArrayList<>(config.properties());
    List<Failure> failures = new ArrayList<>();
    long start = System.nanoTime(), lastProgress = start;
    long limit = config.time() == null ? Long.MAX_VALUE : config.time().toNanos();
    for (long i = 0; (config.tries() <= 0 || i < config.tries()) && System.nanoTime() - start < limit && !active.isEmpty(); i++) {
      for (Property<?> p : List.copyOf(active)) {
        long seed = config.seed() + i, t0 = System.nanoTime();
        Verdict v = p.test(seed);
        nanos.get(p.name())[0] += System.nanoTime() - t0;
        counts.get(p.name())[0]++;
        if (v.passed()) continue;
        counts.get(p.name())[1]++;
        String key = v.symptom().kind() + (v.testCase() instanceof FuzzCase c && c.origin().startsWith("op ") ? " " + c.origin() : "");
        if (!kinds.get(p.name()).add(key)) {
          log.printf("FAIL %s seed %d: %s (seen before, not shrunk)%n", p.name(), seed, v.symptom().kind());
          continue;
        }
        failures.add(handle(p, v));
        if (kinds.get(p.name()).size() >= config.maxFailuresPerProperty()) {
          log.printf("%s: stopping after %d kinds of failure%n", p.name(), config.maxFailuresPerProperty());
          active.remove(p);
        }
        log.flush();
      }
      if (System.nanoTime() - lastProgress > 5_000_000_000L) {
        lastProgress = System.nanoTime();
        StringBuilder sb = new StringBuilder();
        counts.forEach((name, c) -> sb.append(' ').append(name).append(' ').append(c[0]));
        log.printf("[%.0fs] tries %d:%s; %d failures%n", (lastProgress - start) / 1e9, i + 1, sb, failures.size());
        log.flush();
      }
    }
    List<Stats> stats = new ArrayList<>();
    counts.forEach((name, c) -> stats.add(new Stats(name, c[0], nanos.get(name)[0], c[1])));
    return new Report(stats, failures);
  }

  private <C> Failure handle(Property<C> p, Verdict v) {
    return shrinkAndWrite(p, v, config.shrinking(), config.out(), log);
  }

  /** Shrinks a failure of {@code p} and writes its reproducer under {@code out}; prints both to {@code log}. */
  @SuppressWarnings("unchecked")
  public static <C> Failure shrinkAndWrite(Property<C> p, Verdict v, Shrinking shrinking, Path out, PrintWriter log) {
    String origin = v.testCase() instanceof FuzzCase c ? " (" + c.origin() + ")" : "";
    log.printf("FAIL %s seed %d: %s%s%n  %s%n", p.name(), v.seed(), v.symptom().kind(), origin,
        v.symptom().detail().lines().limit(3).reduce((a, b) -> a + "\n  " + b).orElse(""));
    log.flush();
    if (v.testCase() == null) return new Failure(v, null, v.symptom(), null);
    C original = (C) v.testCase();
    long t0 = System.nanoTime();
    C shrunk = shrinking.maxChecks() > 0 ? p.shrink(original, v.symptom(), shrinking) : original;
    Symptom s = p.checkSafely(shrunk);
    if (s == null || !s.kind().equals(v.symptom().kind())) {
      shrunk = original;
      s = v.symptom();
    }
    Path dir = p.writeReproducer(shrunk, v.with(shrunk, s), out);
    String size = original instanceof FuzzCase a && shrunk instanceof FuzzCase b
        ? "from " + a.size() + " to " + b.size() + " nodes" : original instanceof String a && shrunk instanceof String b
        ? "from " + a.length() + " to " + b.length() + " characters" : "";
    log.printf("  shrunk %s in %.1f s; reproducer: %s%n", size, (System.nanoTime() - t0) / 1e9, dir);
    return new Failure(v, shrunk, s, dir);
  }

  /**
   * Checks the case of a reproducer directory with its own property, or with {@code properties}
   * if not empty; returns the verdicts (a case that no longer compiles is a user error, thrown).
   */
  public static List<Verdict> replay(Path dir, List<Property<?>> properties) {
    Reproducer.Loaded r = Reproducer.read(dir);
    List<Property<?>> ps = properties.isEmpty() ? List.of(Properties.named(r.property())) : properties;
    List<Verdict> verdicts = new ArrayList<>();
    for (Property<?> p : ps) verdicts.add(check(p, r));
    return verdicts;
  }

  @SuppressWarnings("unchecked")
  private static <C> Verdict check(Property<C> p, Reproducer.Loaded r) {
    Object c = p instanceof SourceProperty ? r.source() : r.testCase();
    if (c == null) throw new dev.tnet.runtime.UserException("the reproducer of property source holds no graph to check with " + p.name());
    return new Verdict(p.name(), r.seed(), c, p.checkSafely((C) c), "./tnet fuzz --replay DIR --property " + p.name());
  }
}
