package dev.tnet.codegen.opencl;

import dev.tnet.ir.loop.Kernel;
import dev.tnet.ir.loop.LoopProgram;
import java.util.ArrayList;
import java.util.List;

/**
 * The OpenCL C of one or more loop programs: the {@link CEmitter#PRELUDE}, then each program's
 * kernels, each split into launches ({@link Launches}). Several programs share one source so that
 * one build serves them all (a build costs far more than its size on some platforms).
 */
record OpenClSource(String text, List<Plan> plans) {
  /**
   * One program's part: its launches, in run order, and its checks (id {@code i + 1} is
   * {@code checks.get(i)}).
   */
  record Plan(LoopProgram program, List<LaunchPlan> launches, List<CEmitter.CheckSite> checks) {}

  /**
   * An OpenCL kernel: its function name, the buffers it takes after the error buffer, and the
   * NDRange extents (dimension 0 first; {@code {1}} for a single work-item).
   */
  record LaunchPlan(String function, List<String> buffers, long[] extents, String origin) {}

  static OpenClSource of(List<LoopProgram> programs) {
    StringBuilder src = new StringBuilder(CEmitter.PRELUDE).append('\n');
    List<Plan> plans = new ArrayList<>();
    for (int m = 0; m < programs.size(); m++) {
      LoopProgram p = programs.get(m);
      String prefix = programs.size() == 1 ? "" : "m" + m + "_";
      List<LaunchPlan> launches = new ArrayList<>();
      List<CEmitter.CheckSite> checks = new ArrayList<>();
      for (int k = 0; k < p.kernels().size(); k++) {
        Kernel kernel = p.kernels().get(k);
        List<Launches.Launch> parts = Launches.of(kernel, p);
        for (int i = 0; i < parts.size(); i++) {
          Launches.Launch l = parts.get(i);
          String fn = prefix + "k" + k + "_" + CEmitter.identifier(kernel.name()) + (parts.size() > 1 ? "_" + i : "");
          src.append("// ").append(kernel.origin().replace('\n', ' ')).append('\n');
          List<String> buffers = CEmitter.emit(src, fn, l, p, checks);
          long[] extents = new long[Math.max(1, l.dims().size())];
          java.util.Arrays.fill(extents, 1);
          for (int d = 0; d < l.dims().size(); d++) extents[l.dims().size() - 1 - d] = l.dims().get(d).extent();
          launches.add(new LaunchPlan(fn, buffers, extents, kernel.origin()));
        }
      }
      plans.add(new Plan(p, launches, checks));
    }
    return new OpenClSource(src.toString(), plans);
  }
}
