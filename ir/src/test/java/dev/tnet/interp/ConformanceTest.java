package dev.tnet.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.op.Op;
import dev.tnet.ir.op.OpCatalogue;
import dev.tnet.ir.op.OpException;
import dev.tnet.ir.op.ParamSpec;
import dev.tnet.runtime.DType;
import dev.tnet.runtime.Tensor;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the PyTorch golden cases ({@code tools/golden/}) through the reference interpreter.
 *
 * <p>For each case: the op is built from the manifest's arguments and must rebuild equal from its
 * own {@code args()}; shape inference must predict the outputs' types; the parameters must have
 * the shapes the op declares; every float output must satisfy {@code |got - want| <= atol + rtol *
 * |want|} (NumPy's allclose, with the case's tolerance; the default 1e-5 covers rounding a
 * double-accumulated result to float32) and int64 outputs must be equal. Error cases must raise an
 * {@link OpException}, never another exception.
 */
class ConformanceTest {
  @TestFactory
  Stream<DynamicNode> goldenCases() throws Exception {
    return GoldenCases.loadAll().stream().map(c -> DynamicTest.dynamicTest(c.family() + "/" + c.name(), () -> run(c)));
  }

  @Test
  void everyCatalogueOpHasGoldenCases() throws Exception {
    TreeSet<String> missing = new TreeSet<>(OpCatalogue.names());
    // No PyTorch counterpart: resize (ONNX's) is checked against ONNX Runtime by
    // onnx/ResizeConformanceTest, constant (a weight read back) by ConstantTest.
    missing.removeAll(java.util.Set.of("resize", "constant"));
    for (GoldenCase c : GoldenCases.loadAll()) {
      if (c.error() == null) missing.remove(c.op());
    }
    assertTrue(missing.isEmpty(), "ops without a PyTorch golden case: " + missing);
  }

  static void run(GoldenCase c) {
    if (c.error() != null) {
      assertThrows(OpException.class, () -> OpCatalogue.create(c.op(), List.of(), c.args()).infer(c.inputTypes()),
          "expected an OpException because " + c.error());
      return;
    }
    Op op = OpCatalogue.create(c.op(), List.of(), c.args());
    assertEquals(op, OpCatalogue.create(op.name(), op.args()), "args() must rebuild the op");
    List<TensorType> inTypes = c.inputTypes();
    List<TensorType> outTypes = op.infer(inTypes);
    List<ParamSpec> specs = op.params(inTypes);
    assertEquals(specs.size(), c.params().size(), "parameter count of " + specs);
    for (int i = 0; i < specs.size(); i++) {
      assertEquals(specs.get(i).type().shape(), c.params().get(i).shape(), "shape of param " + specs.get(i).name());
    }
    assertEquals(c.outputs().size(), outTypes.size(), "number of outputs");
    List<Tensor> got = Kernels.eval(op, c.inputs(), c.params());
    assertEquals(c.outputs().size(), got.size(), "number of outputs the kernel returned");
    for (int i = 0; i < got.size(); i++) {
      Tensor want = c.outputs().get(i);
      assertEquals(want.shape(), outTypes.get(i).shape(), "inferred shape of output " + i);
      assertEquals(want.dtype(), outTypes.get(i).dtype(), "inferred dtype of output " + i);
      assertEquals(want.shape(), got.get(i).shape(), "shape of output " + i);
      assertEquals(want.dtype(), got.get(i).dtype(), "dtype of output " + i);
      compare(i, want, got.get(i), c.atol(), c.rtol());
    }
  }

  static void compare(int output, Tensor want, Tensor got, double atol, double rtol) {
    if (want.dtype() == DType.I64) {
      for (int k = 0; k < want.size(); k++) {
        if (want.longs()[k] != got.longs()[k]) {
          fail("output " + output + " element " + k + ": want " + want.longs()[k] + ", got " + got.longs()[k]);
        }
      }
      return;
    }
    float[] w = want.floats(), g = got.floats();
    for (int k = 0; k < w.length; k++) {
      boolean ok = Float.isNaN(w[k]) ? Float.isNaN(g[k])
          : w[k] == g[k] || Math.abs((double) g[k] - w[k]) <= atol + rtol * Math.abs(w[k]);
      if (!ok) fail("output " + output + " element " + k + " of " + want.shape() + ": want " + w[k] + ", got " + g[k]
          + " (atol " + atol + ", rtol " + rtol + ")");
    }
  }
}
