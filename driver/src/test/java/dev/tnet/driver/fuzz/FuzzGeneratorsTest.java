package dev.tnet.driver.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.GraphTyper;
import dev.tnet.ir.graph.Node;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.op.Conv;
import dev.tnet.ir.op.MaxPool;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The generators are deterministic per seed, valid by construction, and reach the edge cases. */
class FuzzGeneratorsTest {
  @Test
  void theSameSeedGivesTheSameCase() {
    for (long seed = 0; seed < 20; seed++) {
      FuzzCase a = GraphCases.random(seed), b = GraphCases.random(seed);
      assertEquals(a.graph(), b.graph());
      assertEquals(a.inputs(), b.inputs());
      assertEquals(a.weights(), b.weights());
      FuzzCase c = OpCases.random(seed), d = OpCases.random(seed);
      assertEquals(c.graph(), d.graph());
      assertEquals(c.inputs(), d.inputs());
    }
  }

  @Test
  void graphsAreValidWithTwoToAboutTwentyOps() {
    int total = 0;
    for (long seed = 0; seed < 300; seed++) {
      Graph g = GraphCases.random(seed).graph();
      GraphTyper.infer(g);
      assertTrue(g.nodes().size() >= 2 && g.nodes().size() <= 26, "seed " + seed + ": " + g.nodes().size() + " nodes");
      total += g.nodes().size();
    }
    assertTrue(total / 300 >= 8, "graphs average " + total / 300 + " nodes");
  }

  @Test
  void opCasesReachTheEdgeCases() {
    Set<String> seen = new HashSet<>();
    for (long seed = 0; seed < 3000; seed++) {
      FuzzCase c = OpCases.random(seed);
      Node n = c.graph().nodes().getFirst();
      for (Graph.Input in : c.graph().inputs()) {
        TensorType t = in.type();
        if (t.rank() == 0) seen.add("0-d input");
        if (t.rank() >= 2 && t.dim(1).is(17)) seen.add("17 channels");
        if (t.dims().stream().anyMatch(d -> d.is(0))) seen.add("empty dim");
        if (t.rank() == 5) seen.add("rank 5");
      }
      if (c.inputs().values().stream().anyMatch(x -> x.dtype() == dev.tnet.runtime.DType.F32
          && x.size() > 0 && Math.abs(x.floats()[0]) > 100)) {
        seen.add("large magnitudes");
      }
      if (c.inputs().values().stream().anyMatch(x -> x.dtype() == dev.tnet.runtime.DType.F32 && hasNegativeZero(x.floats()))) {
        seen.add("negative zero");
      }
      switch (n.op()) {
        case Conv conv -> {
          TensorType x = c.graph().inputs().getFirst().type();
          if (conv.groups() > 1 && x.dim(x.rank() - conv.spatialDims() - 1).is(conv.groups())) seen.add("depthwise");
          for (int i = 0; i < conv.stride().size(); i++) if (conv.stride().get(i) > conv.kernelSize().get(i)) seen.add("stride > kernel");
          if (conv.dilation().stream().anyMatch(d -> d > 1) && conv.padsPerSide().stream().anyMatch(p -> p > 0)) seen.add("dilation with padding");
        }
        case MaxPool p when p.ceilMode() -> seen.add("ceil mode");
        default -> {}
      }
    }
    for (String want : java.util.List.of("0-d input", "17 channels", "empty dim", "rank 5", "large magnitudes", "negative zero",
        "depthwise", "stride > kernel", "dilation with padding", "ceil mode")) {
      assertTrue(seen.contains(want), "no case with " + want + " in 3000 seeds; seen " + seen);
    }
  }

  private static boolean hasNegativeZero(float[] v) {
    for (float f : v) if (Float.floatToRawIntBits(f) == 0x8000_0000) return true;
    return false;
  }
}
