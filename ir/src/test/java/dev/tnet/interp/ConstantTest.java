package dev.tnet.interp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.GraphBuilder;
import dev.tnet.ir.graph.GraphTyper;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.loop.LoopInterpreter;
import dev.tnet.ir.loop.LoopProgram;
import dev.tnet.ir.loop.LoopVerifier;
import dev.tnet.ir.lower.Lowering;
import dev.tnet.ir.op.AttrValue;
import dev.tnet.ir.op.Op;
import dev.tnet.ir.op.OpCatalogue;
import dev.tnet.ir.op.OpException;
import dev.tnet.ir.op.ParamSpec;
import dev.tnet.runtime.DType;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code constant}: an op without tensor inputs whose output is its one parameter. */
class ConstantTest {
  static Op op(AttrValue shape, String dtype) {
    return OpCatalogue.create("constant", List.of(shape), Map.of("dtype", AttrValue.of(dtype)));
  }

  @Test
  void typesAndParameter() {
    Op c = op(AttrValue.ints(1, 4, 1, 1), "f32");
    assertEquals(List.of(TensorType.f32(1, 4, 1, 1)), c.infer(List.of()));
    List<ParamSpec> p = c.params(List.of());
    assertEquals(1, p.size());
    assertEquals("value", p.get(0).name());
    assertEquals(TensorType.f32(1, 4, 1, 1), p.get(0).type());
    assertEquals(TensorType.of(DType.I64), op(new AttrValue.ListV(List.of()), "i64").infer(List.of()).get(0), "() is a scalar");
    assertEquals(TensorType.of(DType.I64, 5), op(AttrValue.of(5), "i64").infer(List.of()).get(0), "one int is a vector");
    assertEquals(c, OpCatalogue.create("constant", c.args()));
  }

  @Test
  void refusesInputsNegativeSizesAndOtherDtypes() {
    Op c = op(AttrValue.ints(2), "f32");
    assertTrue(assertThrows(OpException.class, () -> c.infer(List.of(TensorType.f32(2)))).getMessage().contains("takes 0 tensor inputs"));
    assertTrue(assertThrows(OpException.class, () -> op(AttrValue.ints(2, -1), "f32")).getMessage().contains("negative"));
    assertTrue(assertThrows(OpException.class, () -> op(AttrValue.ints(2), "f16")).getMessage().contains("is not one of"));
  }

  /** The graph of one constant, through the interpreter and the loop IR, gives the weight back. */
  @Test
  void graphReturnsTheWeight() {
    for (DType t : DType.values()) {
      GraphBuilder b = new GraphBuilder("k");
      String v = b.layer("table", "constant", Map.of("shape", new int[] {2, 3}, "dtype", t == DType.F32 ? "f32" : "i64"));
      Graph g = b.output("y", v).build();
      assertEquals(List.of("table.value"), List.copyOf(GraphTyper.infer(g).params().keySet()));
      Tensor w = t == DType.F32 ? Tensor.of(Shape.of(2, 3), new float[] {1, -2, 3.5f, 4, 5, 6})
          : Tensor.ofLongs(Shape.of(2, 3), new long[] {0, 1, 2, 3, 4, -5});
      Tensor ref = Interpreter.run(g, Map.of(), Map.of("table.value", w)).get("y");
      LoopProgram p = Lowering.lower(g, Map.of());
      LoopVerifier.verify(p);
      Tensor loops = LoopInterpreter.run(p, Map.of(), Map.of("table.value", w)).get("y");
      for (Tensor got : List.of(ref, loops)) {
        assertEquals(w.shape(), got.shape());
        if (t == DType.F32) assertArrayEquals(w.floats(), got.floats());
        else assertArrayEquals(w.longs(), got.longs());
      }
    }
  }
}
