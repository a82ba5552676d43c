package dev.tnet.driver.fuzz;

import dev.tnet.ir.loop.LoopProgram;
import dev.tnet.runtime.UserException;
import java.util.Map;

/**
 * Every loop pass keeps the results: the verifier accepts the program after each pass, and the
 * loop interpreter gives the same bits (or the same error) before and after each.
 */
final class PassesProperty extends GraphProperty {
  public String name() {
    return "passes";
  }

  public String description() {
    return "the verifier accepts every pass's program and the loop interpreter gives the same bits after each";
  }

  protected Symptom check(FuzzCase c) {
    Map<String, LoopProgram> stages;
    try {
      stages = Engines.stages(c);
    } catch (UserException e) {
      return null; // lowering refused these input shapes: whether rightly is the jit property's question
    }
    Outcome first = null;
    String firstPass = null;
    for (var stage : stages.entrySet()) {
      Outcome o = Engines.loops(stage.getValue(), c);
      if (first == null) {
        first = o;
        firstPass = stage.getKey();
        continue;
      }
      String diff = switch (first) {
        case Outcome.Error e -> o instanceof Outcome.Error f && f.message().equals(e.message()) ? null : e + " became " + JitProperty.describe(o);
        case Outcome.Ok(var want) -> o instanceof Outcome.Ok(var got) ? Engines.bitwiseDiff(want, got) : "became " + o;
      };
      if (diff != null) return new Symptom("pass " + stage.getKey() + " changes the results", "after " + firstPass + " vs after " + stage.getKey() + ": " + diff);
    }
    return null;
  }
}
