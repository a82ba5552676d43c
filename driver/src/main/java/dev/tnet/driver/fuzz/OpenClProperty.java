package dev.tnet.driver.fuzz;

import dev.tnet.driver.Tnet;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.UserException;
import dev.tnet.runtime.model.CompiledModel;
import java.util.Map;

/**
 * The OpenCL backend (device 0) computes what the reference interpreter computes, within
 * {@link Tolerance}; a run-time data error is raised by both, of the same kind. Needs an OpenCL
 * platform: without one every case fails with the "no OpenCL platform" error.
 */
final class OpenClProperty extends GraphProperty {
  public String name() {
    return "opencl";
  }

  public String description() {
    return "the OpenCL backend (device 0) equals the interpreter within the error spec";
  }

  protected Symptom check(FuzzCase c) {
    Outcome ref = Engines.interp(c), got = openCl(c);
    return switch (ref) {
      case Outcome.Error want -> got instanceof Outcome.Error e && e.kind().equals(want.kind()) ? null
          : new Symptom("OpenCL does not raise the interpreter's error", "interpreter " + want + "; OpenCL " + JitProperty.describe(got));
      case Outcome.Ok(Map<String, Tensor> want) -> switch (got) {
        case Outcome.Error e -> new Symptom("OpenCL raises an error the interpreter does not", e.toString());
        case Outcome.Ok(var have) -> {
          String diff = Tolerance.compare(want, have, Tolerance.specs(c, GraphShrinker.materialize(c)));
          yield diff == null ? null : new Symptom("OpenCL differs from the interpreter", diff);
        }
      };
    };
  }

  /** Compiles for OpenCL and runs; a user error compiling counts as one running (as for the JIT). */
  static Outcome openCl(FuzzCase c) {
    try {
      CompiledModel m = Tnet.compile(c.graph(), c.weights(), Engines.options(c, 1).backend(Tnet.Backend.OPENCL));
      return new Outcome.Ok(m.run(c.inputs()));
    } catch (UserException e) {
      if (e.getMessage().startsWith("no OpenCL platform")) throw e;
      return Outcome.error(e);
    }
  }
}
