package dev.tnet.driver.fuzz;

import java.util.Map;

/**
 * The JIT (threads 1 and 2, vectorized) computes what the reference interpreter computes, within
 * {@link Tolerance}; a run-time data error is raised by both, of the same kind; both thread counts
 * give the same bits.
 */
final class JitProperty extends GraphProperty {
  public String name() {
    return "jit";
  }

  public String description() {
    return "the JIT (1 and 2 threads, vectorized) equals the interpreter within the error spec";
  }

  protected Symptom check(FuzzCase c) {
    Outcome ref = Engines.interp(c);
    Outcome one = Engines.jit(c, 1), two = Engines.jit(c, 2);
    Symptom s = against(ref, one, c, "threads=1");
    if (s == null) s = against(ref, two, c, "threads=2");
    if (s == null && one instanceof Outcome.Ok(var a) && two instanceof Outcome.Ok(var b)) {
      String diff = Engines.bitwiseDiff(a, b);
      if (diff != null) return new Symptom("threads=2 differs from threads=1", diff);
    }
    return s;
  }

  /** Compiled code's outcome against the reference's. */
  static Symptom against(Outcome ref, Outcome got, FuzzCase c, String what) {
    return switch (ref) {
      case Outcome.Error want -> got instanceof Outcome.Error e && e.kind().equals(want.kind()) ? null
          : new Symptom("the JIT does not raise the interpreter's error", what + ": interpreter " + want + "; JIT " + describe(got));
      case Outcome.Ok(Map<String, dev.tnet.runtime.Tensor> want) -> switch (got) {
        case Outcome.Error e -> new Symptom("the JIT raises an error the interpreter does not", what + ": " + e);
        case Outcome.Ok(var have) -> {
          String diff = Tolerance.compare(want, have, Tolerance.specs(c, GraphShrinker.materialize(c)));
          yield diff == null ? null : new Symptom("the JIT differs from the interpreter", what + ": " + diff);
        }
      };
    };
  }

  static String describe(Outcome o) {
    return o instanceof Outcome.Error e ? e.toString() : "ran without error";
  }
}
