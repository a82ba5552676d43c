package dev.tnet.driver.cli;

import dev.tnet.driver.fuzz.Fuzzer;
import dev.tnet.driver.fuzz.GraphProperty;
import dev.tnet.driver.fuzz.Properties;
import dev.tnet.driver.fuzz.Property;
import dev.tnet.driver.fuzz.Shrinking;
import dev.tnet.driver.fuzz.Verdict;
import dev.tnet.runtime.UserException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tnet fuzz [--seed S] [--tries N | --time 60s] [--property NAME...] [--out DIR]}: checks
 * the compiler's properties on random ops, graphs and sources against the reference interpreter
 * (see {@code dev.tnet.driver.fuzz}); exits 1 if any failed, with a reproducer for each. {@code
 * tnet fuzz --replay DIR...} checks reproducers again.
 */
@Command(name = "fuzz", description = "Checks random ops, graphs and sources against the reference interpreter.",
    footer = {"", "Try i uses seed S + i; a failure prints the command that replays it and the directory of its shrunk reproducer."})
final class FuzzCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--seed", paramLabel = "S", description = "The first seed (default: random); try i uses seed S + i.")
  Long seed;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Limit limit;

  static final class Limit {
    @Option(names = "--tries", paramLabel = "N", description = "Cases per property (default 100).")
    Integer tries;

    @Option(names = "--time", paramLabel = "DURATION", description = "Run for this long: 60s, 5m, 1h.")
    String time;
  }

  @Option(names = "--backend", paramLabel = "NAME", defaultValue = "jvm", description = "The backend under test: jvm.")
  String backend;

  @Option(names = "--property", paramLabel = "NAME", arity = "1..*",
      description = "Properties to check (default all): jit, aot, passes, print, source, onnx, opencl.")
  List<String> properties = new ArrayList<>();

  @Option(names = "--op", paramLabel = "NAME", description = "Draw single-op cases of this op only (graph properties).")
  String op;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "fuzz-failures", description = "Where reproducers go (default fuzz-failures).")
  Path out;

  @Option(names = "--no-shrink", description = "Write failing cases as drawn, without shrinking them.")
  boolean noShrink;

  @Option(names = "--replay", paramLabel = "DIR", arity = "1..*",
      description = "Check reproducer directories (written by an earlier run) with their property, or with --property.")
  List<Path> replay = new ArrayList<>();

  @Option(names = "--max-failures", paramLabel = "N", defaultValue = "3", description = "Stop a property after N kinds of failure (default 3).")
  int maxFailures;

  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    if (!backend.toLowerCase(Locale.ROOT).equals("jvm")) throw new UserException("unknown backend '" + backend + "'; fuzz tests: jvm");
    if (!replay.isEmpty()) return replay(o);
    List<Property<?>> ps = properties.isEmpty() ? Properties.all() : properties.stream().<Property<?>>map(Properties::named).toList();
    if (op != null) {
      if (properties.isEmpty()) ps = ps.stream().filter(p -> p instanceof GraphProperty).toList();
      for (Property<?> p : ps) {
        if (!(p instanceof GraphProperty g)) throw new UserException("--op draws graphs; property " + p.name() + " checks source text");
        g.only(op);
      }
    }
    long s = seed != null ? seed : System.nanoTime() & 0xFFFF_FFFFL;
    int tries = limit == null || limit.tries == null ? (limit != null && limit.time != null ? 0 : 100) : limit.tries;
    if (limit != null && limit.tries != null && tries < 1) throw new UserException("--tries must be at least 1, got " + tries);
    Duration time = limit == null || limit.time == null ? null : duration(limit.time);
    o.printf("tnet fuzz --seed %d: %s, %s%n", s, ps.stream().map(Property::name).toList(),
        time != null ? "for " + limit.time : tries + " tries each");
    for (Property<?> p : ps) o.printf("  %-8s %s%n", p.name(), p.description());
    o.flush();
    Fuzzer.Report r = Fuzzer.run(new Fuzzer.Config(s, tries, time, ps, out, noShrink ? Shrinking.NONE : Shrinking.DEFAULT, maxFailures), o);
    o.println("cases per second:");
    for (Fuzzer.Stats st : r.stats()) {
      o.printf("  %-8s %6d cases  %8.1f cases/s  %d failed%n", st.property(), st.cases(), st.casesPerSecond(), st.failures());
    }
    for (Fuzzer.Failure f : r.failures()) {
      o.printf("failure: %s seed %d: %s%n  reproducer: %s%n", f.original().property(), f.original().seed(), f.shrunkSymptom().kind(), f.reproducer());
    }
    o.println(r.passed() ? "all properties held" : "some properties FAILED");
    o.flush();
    return r.passed() ? 0 : Main.USER_ERROR;
  }

  private int replay(PrintWriter o) {
    List<Property<?>> ps = properties.stream().<Property<?>>map(Properties::named).toList();
    boolean failed = false;
    for (Path dir : replay) {
      if (!java.nio.file.Files.isRegularFile(dir.resolve("README.txt"))) {
        throw new UserException(dir + ": not a reproducer directory (tnet fuzz writes one per failure, with a README.txt)");
      }
      List<Verdict> verdicts;
      try {
        verdicts = Fuzzer.replay(dir, ps);
      } catch (UserException e) {
        o.println(dir + ": no longer compiles (" + e.getMessage().lines().findFirst().orElse("") + ")");
        continue;
      }
      for (Verdict v : verdicts) {
        o.println(dir + ": " + v.property() + (v.passed() ? " holds" : " FAILS: " + v.symptom()));
        failed |= !v.passed();
      }
    }
    o.flush();
    return failed ? Main.USER_ERROR : 0;
  }

  /** {@code 90}, {@code 90s}, {@code 500ms}, {@code 5m}, {@code 1h}. */
  static Duration duration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.endsWith("ms")) return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      if (t.endsWith("s")) return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
      if (t.endsWith("m")) return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
      if (t.endsWith("h")) return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
      return Duration.ofSeconds(Long.parseLong(t));
    } catch (NumberFormatException e) {
      throw new UserException("--time " + text + ": expected a duration such as 60s, 5m or 1h");
    }
  }
}
