package dev.tnet.ir.op;

import static dev.tnet.ir.op.ShapeInference.d;
import static dev.tnet.ir.op.ShapeInference.f32;
import static dev.tnet.ir.op.ShapeInference.op;
import static dev.tnet.ir.op.ShapeInference.refusal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.runtime.DType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Shape inference of the tensor family with symbolic dims, FLOP counts, dtype rules of number
 * operands, and the content of error messages: what golden cases (concrete shapes, exception type
 * only) cannot check.
 */
class TensorShapeInferenceTest {
  static final Dim N = Dim.sym("N"), M = Dim.sym("M"), H = Dim.sym("H");

  @Test
  void reshapeInfersTheSymbolicPartWithMinusOne() {
    assertEquals(List.of(f32(N, d(12))), op("reshape", Map.of("shape", AttrValue.ints(-1, 12))).infer(List.of(f32(N, d(3), d(4)))));
    assertEquals(List.of(f32(N.times(12))), op("view", Map.of("size", AttrValue.ints(-1))).infer(List.of(f32(N, d(3), d(4)))));
    String msg = refusal(op("reshape", Map.of("shape", AttrValue.ints(5, -1))), f32(N, d(3), d(4)));
    assertTrue(msg.contains("not divisible by 5") && msg.contains("f32[N, 3, 4]"), msg);
    msg = refusal(op("reshape", Map.of("shape", AttrValue.ints(12, 4))), f32(N, d(3), d(4)));
    assertTrue(msg.contains("known size"), msg);
  }

  @Test
  void reshapeErrorsNameBothShapes() {
    String msg = refusal(op("reshape", Map.of("shape", AttrValue.ints(4, 5))), TensorType.f32(2, 3, 4));
    assertTrue(msg.startsWith("reshape: ") && msg.contains("[4, 5]") && msg.contains("f32[2, 3, 4]"), msg);
  }

  @Test
  void shapeOpsPropagateSymbolicDims() {
    assertEquals(List.of(f32(N, H.times(12))),
        op("flatten", Map.of("start_dim", AttrValue.of(1))).infer(List.of(f32(N, d(3), H, d(4)))));
    assertEquals(List.of(f32(d(4), N)), op("permute", Map.of("dims", AttrValue.ints(1, 0))).infer(List.of(f32(N, d(4)))));
    assertEquals(List.of(f32(N, d(4))), op("expand", Map.of("size", AttrValue.ints(-1, 4))).infer(List.of(f32(N, d(1)))));
    assertTrue(refusal(op("expand", Map.of("size", AttrValue.ints(3, 4))), f32(N, d(1))).contains("size N to 3"));
    assertEquals(List.of(f32(d(1), N, d(3))), op("unsqueeze", Map.of("dim", AttrValue.of(0))).infer(List.of(f32(N, d(3)))));
  }

  /**
   * Whether squeeze drops a symbolic dim depends on its run-time size (N = 1 would go), so the
   * output's rank would depend on it: such a squeeze is refused; known dims squeeze as usual.
   * Regression: the fuzzer's squeeze-symbolic-batch-of-one (driver test resources).
   */
  @Test
  void squeezeRefusesADimThatMayOrMayNotBeOne() {
    assertEquals(List.of(f32(d(1), N)), op("squeeze", Map.of("dim", AttrValue.of(2))).infer(List.of(f32(d(1), N, d(1)))));
    assertTrue(refusal(op("squeeze", Map.of()), f32(d(1), N, d(1))).contains("dim 1 of f32[1, N, 1] is the symbolic size N"));
    assertTrue(refusal(op("squeeze", Map.of("dim", AttrValue.of(0))), f32(N, d(2))).contains("may or may not be 1"));
  }

  @Test
  void catAddsSymbolicSizesAndRefusesUnprovableMatches() {
    Op cat = op("cat", Map.of("dim", AttrValue.of(0)));
    assertEquals(List.of(f32(N.plus(M).plus(2), d(3))), cat.infer(List.of(f32(N, d(3)), f32(M, d(3)), f32(d(2), d(3)))));
    String msg = refusal(op("cat", Map.of("dim", AttrValue.of(1))), f32(N, d(3)), f32(M, d(3)));
    assertTrue(msg.contains("input 1 f32[M, 3]") && msg.contains("input 0 f32[N, 3]") && msg.contains("dim 0"), msg);
  }

  @Test
  void splitAndChunkNeedAKnownDim() {
    assertTrue(refusal(op("split", Map.of("split_size_or_sections", AttrValue.of(2))), f32(N, d(3))).contains("symbolic"));
    assertTrue(refusal(op("chunk", Map.of("chunks", AttrValue.of(2))), f32(N, d(3))).contains("symbolic"));
    assertEquals(List.of(f32(N, d(2)), f32(N, d(1))),
        op("split", Map.of("split_size_or_sections", AttrValue.of(2), "dim", AttrValue.of(1))).infer(List.of(f32(N, d(3)))));
  }

  @Test
  void sliceOfASymbolicDimAssumesInRangeBounds() {
    assertEquals(List.of(f32(N.minus(1))), op("slice", Map.of("start", AttrValue.of(1))).infer(List.of(f32(N))));
    assertEquals(List.of(f32(d(2))), op("slice", Map.of("start", AttrValue.of(-2))).infer(List.of(f32(N))));
    assertEquals(List.of(f32(N.ceilDiv(2))), op("slice", Map.of("step", AttrValue.of(2))).infer(List.of(f32(N))));
    assertEquals(List.of(f32(d(3))),
        op("slice", Map.of("start", AttrValue.of(1), "end", AttrValue.of(4))).infer(List.of(f32(N))));
  }

  @Test
  void padAndReductionsKeepSymbolicDims() {
    Op reflect = op("pad", Map.of("pad", AttrValue.ints(1, 2), "mode", AttrValue.of("reflect")));
    assertEquals(List.of(f32(N, d(3), H.plus(3))), reflect.infer(List.of(f32(N, d(3), H))));
    Op sum = op("sum", Map.of("dim", AttrValue.ints(0, 2), "keepdim", AttrValue.of(true)));
    assertEquals(List.of(f32(d(1), d(3), d(1))), sum.infer(List.of(f32(N, d(3), H))));
    Op max = op("max", Map.of("dim", AttrValue.of(0)));
    assertEquals(List.of(f32(d(3)), new TensorType(DType.I64, List.of(d(3)))), max.infer(List.of(f32(N, d(3)))));
  }

  @Test
  void broadcastingWithSymbolicDims() {
    Op add = op("add", Map.of());
    assertEquals(List.of(f32(N, d(3), d(4))), add.infer(List.of(f32(N, d(1), d(4)), f32(d(3), d(1)))));
    String msg = refusal(add, f32(N), f32(M));
    assertTrue(msg.contains("f32[N]") && msg.contains("f32[M]"), msg);
  }

  @Test
  void numberOperandsFollowPyTorchPromotion() {
    TensorType ints = TensorType.of(DType.I64, 2, 3);
    assertEquals(DType.I64, op("add", Map.of("other", AttrValue.of(2))).infer(List.of(ints)).get(0).dtype());
    assertEquals(DType.F32, op("add", Map.of("other", AttrValue.of(2.0))).infer(List.of(ints)).get(0).dtype());
    assertEquals(DType.F32, op("div", Map.of("other", AttrValue.of(2))).infer(List.of(ints)).get(0).dtype());
    assertEquals(DType.I64, op("div", Map.of("other", AttrValue.of(2), "rounding_mode", AttrValue.of("floor")))
        .infer(List.of(ints)).get(0).dtype());
    assertEquals(DType.F32, op("clamp", Map.of("min", AttrValue.of(0.5))).infer(List.of(ints)).get(0).dtype());
    assertEquals(DType.I64, op("rpow", Map.of("other", AttrValue.of(2))).infer(List.of(ints)).get(0).dtype());
    assertEquals(DType.F32, op("sqrt", Map.of()).infer(List.of(ints)).get(0).dtype());
    assertEquals(DType.I64, op("abs", Map.of()).infer(List.of(ints)).get(0).dtype());
  }

  @Test
  void intAndFloatLiteralsMakeDifferentOps() {
    Op byInt = op("add", Map.of("other", AttrValue.of(2)));
    Op byFloat = op("add", Map.of("other", AttrValue.of(2.0)));
    assertTrue(!byInt.equals(byFloat));
    assertEquals(byInt, OpCatalogue.create("add", byInt.args()));
    assertEquals(byFloat, OpCatalogue.create("add", byFloat.args()));
    Op rdiv = op("rdiv", Map.of("other", AttrValue.of(1), "rounding_mode", AttrValue.of("trunc")));
    assertEquals(rdiv, OpCatalogue.create("rdiv", rdiv.args()));
  }

  @Test
  void flopCounts() {
    assertEquals(d(6), op("add", Map.of()).flops(List.of(TensorType.f32(2, 3), TensorType.f32(3))));
    assertEquals(N.times(3), op("exp", Map.of()).flops(List.of(f32(N, d(3)))));
    assertEquals(d(24), op("sum", Map.of("dim", AttrValue.of(1))).flops(List.of(TensorType.f32(2, 3, 4))));
    assertEquals(N.times(12), op("var", Map.of()).flops(List.of(f32(N, d(4)))));
    assertEquals(d(0), op("reshape", Map.of("shape", AttrValue.ints(-1))).flops(List.of(TensorType.f32(2, 3))));
    assertEquals(d(0), op("pad", Map.of("pad", AttrValue.ints(1, 1))).flops(List.of(TensorType.f32(2, 3))));
  }

  @Test
  void everyTensorOpRebuildsFromItsArgs() {
    List<Op> ops = List.of(op("squeeze", Map.of("dim", AttrValue.of(-1))), op("split", Map.of("split_size_or_sections",
        AttrValue.ints(2))), op("slice", Map.of("end", AttrValue.of(-1))), op("var", Map.of("dim", AttrValue.ints())),
        op("max", Map.of("dim", AttrValue.of(1))), op("clamp", Map.of("max", AttrValue.of(3))),
        op("pad", Map.of("pad", AttrValue.ints(1, 1), "mode", AttrValue.of("circular"))), op("round", Map.of()));
    for (Op o : ops) assertEquals(o, OpCatalogue.create(o.name(), o.args()), o.toString());
    assertEquals(op("sum", Map.of()), op("sum", Map.of("dim", AttrValue.ints())), "dim=() means all dims, as None");
    assertTrue(!op("split", Map.of("split_size_or_sections", AttrValue.ints(2)))
        .equals(op("split", Map.of("split_size_or_sections", AttrValue.of(2)))), "sections (2,) differ from size 2");
  }
}
