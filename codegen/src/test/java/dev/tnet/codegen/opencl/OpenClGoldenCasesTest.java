package dev.tnet.codegen.opencl;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tnet.interp.GoldenCase;
import dev.tnet.interp.GoldenCases;
import dev.tnet.ir.loop.LoopInterpreter;
import dev.tnet.ir.loop.LoopProgram;
import dev.tnet.ir.pass.LoopPipeline;
import dev.tnet.runtime.CompilerBug;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.model.CompiledModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every PyTorch golden case, as a one-node graph, through the OpenCL backend's pipeline (plain
 * loop nests, Parallelize, Vectorize) and the backend, against the loop interpreter on the same
 * program within {@link OpenClTests#RTOL}/{@link OpenClTests#ATOL}, or with the same user error.
 * Cases are compiled {@link #CASES_PER_PROGRAM} to an OpenCL program: a few builds instead of a thousand.
 */
class OpenClGoldenCasesTest {
  /**
   * Cases per OpenCL program. PoCL's cost grows faster than a program's size (it generates each
   * kernel's work-group function from the whole program at its first launch): measured on 2 busy
   * cores, all 1,061 cases in one program take 4.5 s to build and 105 s to run; 200 per program
   * 1.2 s and 2.5 s.
   */
  private static final int CASES_PER_PROGRAM = 100;

  private record Case(GoldenCase golden, LoopProgram program, Map<String, Tensor> want, RuntimeException error) {}

  @TestFactory
  Stream<DynamicTest> goldenCasesThroughOpenCl() throws Exception {
    OpenClTests.assumeOpenCl();
    List<Case> cases = new ArrayList<>();
    List<DynamicTest> skipped = new ArrayList<>();
    for (GoldenCase c : GoldenCases.loadAll()) {
      if (c.error() != null) continue;
      LoopProgram p;
      try {
        p = OpenClBackend.lower(c.graph(), c.inputShapes(), LoopPipeline.Listener.NONE);
      } catch (CompilerBug e) {
        if (!e.getMessage().contains("is not lowered to loops yet")) throw e;
        skipped.add(DynamicTest.dynamicTest(name(c), () -> org.junit.jupiter.api.Assumptions.abort(e.getMessage())));
        continue;
      }
      try {
        cases.add(new Case(c, p, LoopInterpreter.run(p, c.inputMap(), c.weightMap()), null));
      } catch (RuntimeException e) {
        cases.add(new Case(c, p, null, e));
      }
    }
    long t0 = System.nanoTime();
    int chunk = CASES_PER_PROGRAM;
    List<CompiledModel> models = new ArrayList<>();
    for (int i = 0; i < cases.size(); i += chunk) {
      List<Case> part = cases.subList(i, Math.min(cases.size(), i + chunk));
      models.addAll(OpenClBackend.compileAll(part.stream().map(Case::program).toList(),
          part.stream().map(c -> c.golden().weightMap()).toList(), OpenClBackend.Options.defaults()));
    }
    System.out.printf("OpenCL: %d golden cases built as %d programs in %.2f s%n", cases.size(), (cases.size() + chunk - 1) / chunk,
        (System.nanoTime() - t0) / 1e9);
    List<DynamicTest> tests = new ArrayList<>(skipped);
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      CompiledModel m = models.get(i);
      tests.add(DynamicTest.dynamicTest(name(c.golden()), () -> {
        if (c.error() != null) {
          RuntimeException got = assertThrows(RuntimeException.class, () -> m.run(c.golden().inputMap()));
          OpenClTests.assertSameKind(c.error(), got);
        } else {
          OpenClTests.assertClose(c.want(), m.run(c.golden().inputMap()), "\n" + OpenClBackend.source(c.program()));
        }
      }));
    }
    return tests.stream();
  }

  private static String name(GoldenCase c) {
    return c.family() + "/" + c.name();
  }
}
