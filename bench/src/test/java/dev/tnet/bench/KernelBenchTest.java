package dev.tnet.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link KernelBench#steady}: when a kernel's warm-up may stop. */
class KernelBenchTest {
  @Test
  void steadyOnlyWhenTheLastCallsMatchTheOnesBefore() {
    assertFalse(KernelBench.steady(calls(19, 3.0)), "fewer calls than two windows");
    assertTrue(KernelBench.steady(calls(20, 3.0)));
    List<Double> faster = calls(10, 5.0); // still compiling: the last ten 40 % faster
    faster.addAll(calls(10, 3.0));
    assertFalse(KernelBench.steady(faster));
    List<Double> within = calls(10, 3.0); // 2 % apart: steady
    within.addAll(calls(10, 3.06));
    assertTrue(KernelBench.steady(within));
    List<Double> outlier = calls(19, 3.0); // one slow call does not move a median
    outlier.add(9.0);
    assertTrue(KernelBench.steady(outlier));
  }

  private static List<Double> calls(int n, double ms) {
    return new ArrayList<>(Collections.nCopies(n, ms * 1e6));
  }
}
