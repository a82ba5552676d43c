package dev.tnet.ir.op;

import static dev.tnet.ir.op.ShapeInference.d;
import static dev.tnet.ir.op.ShapeInference.f32;
import static dev.tnet.ir.op.ShapeInference.op;
import static dev.tnet.ir.op.ShapeInference.refusal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.runtime.DType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Shape inference of the nn family with symbolic dims, FLOP counts, and the content of error
 * messages: what golden cases (concrete shapes, exception type only) cannot check.
 */
class NnShapeInferenceTest {
  static final Dim N = Dim.sym("N"), T = Dim.sym("T"), K = Dim.sym("K");

  @Test
  void matmulBroadcastsSymbolicBatchDims() {
    Op mm = op("matmul", Map.of());
    assertEquals(List.of(f32(N, d(3), d(5))), mm.infer(List.of(f32(N, d(3), d(4)), f32(d(4), d(5)))));
    assertEquals(List.of(f32(N, T, d(3), d(2))), mm.infer(List.of(f32(N, d(1), d(3), K), f32(T, K, d(2)))));
    assertEquals(List.of(f32(N)), mm.infer(List.of(f32(N, K), f32(K))));
    assertEquals(N.times(3 * 5 * 4 * 2), mm.flops(List.of(f32(N, d(3), d(4)), f32(d(4), d(5)))));
  }

  @Test
  void matmulRefusesInnerDimsItCannotProveEqual() {
    Op mm = op("matmul", Map.of());
    String msg = refusal(mm, f32(d(3), K), f32(d(4), d(5)));
    assertTrue(msg.startsWith("matmul: inner dimensions differ") && msg.contains("f32[3, K]")
        && msg.contains("f32[4, 5]"), msg);
  }

  @Test
  void normsAcceptSymbolicBatchAndCheckKnownDims() {
    Op train = op("batch_norm", Map.of("training", AttrValue.of(true)));
    assertEquals(List.of(f32(N, d(8), T), f32(d(8)), f32(d(8))), train.infer(List.of(f32(N, d(8), T))));
    assertEquals(N.times(T).times(8 * 5), train.flops(List.of(f32(N, d(8), T))));
    assertEquals(N.times(T).times(8 * 2), op("batch_norm", Map.of()).flops(List.of(f32(N, d(8), T))));

    Op ln = op("layer_norm", Map.of("normalized_shape", AttrValue.ints(4, 6)));
    assertEquals(List.of(f32(N, T, d(4), d(6))), ln.infer(List.of(f32(N, T, d(4), d(6)))));
    assertEquals(List.of(f32(N, K, d(6))), ln.infer(List.of(f32(N, K, d(6)))), "a symbolic dim is not refused");
    String msg = refusal(ln, f32(N, d(5), d(6)));
    assertTrue(msg.contains("normalized_shape=(4, 6)") && msg.contains("f32[N, 5, 6]"), msg);

    Op gn = op("group_norm", Map.of("num_groups", AttrValue.of(4)));
    assertEquals(List.of(f32(N, K, T)), gn.infer(List.of(f32(N, K, T))));
    msg = refusal(gn, f32(N, d(6), T));
    assertTrue(msg.contains("num_groups=4") && msg.contains("num_channels=6") && msg.contains("f32[N, 6, T]"), msg);
  }

  @Test
  void paramsFollowTheStateDict() {
    Op bn = op("batch_norm", Map.of());
    List<ParamSpec> p = bn.params(List.of(f32(N, d(3), d(4), d(4))));
    assertEquals(List.of("weight", "bias", "running_mean", "running_var", "num_batches_tracked"),
        p.stream().map(ParamSpec::name).toList());
    assertEquals(new TensorType(DType.I64, List.of()), p.get(4).type());
    assertEquals(List.of("alpha", "weight", "bias"),
        op("dyt", Map.of()).params(List.of(f32(N, d(7)))).stream().map(ParamSpec::name).toList());
    assertEquals(List.of(), op("layer_norm", Map.of("normalized_shape", AttrValue.of(4),
        "elementwise_affine", AttrValue.of(false))).params(List.of(f32(N, d(4)))));
  }

  @Test
  void embeddingAppendsTheEmbeddingDim() {
    Op e = op("embedding", Map.of("num_embeddings", AttrValue.of(100), "embedding_dim", AttrValue.of(16),
        "padding_idx", AttrValue.of(-1)));
    assertEquals(List.of(f32(N, T, d(16))), e.infer(List.of(new TensorType(DType.I64, List.of(N, T)))));
    assertEquals(AttrValue.of(99), e.args().get("padding_idx"), "padding_idx is stored wrapped");
    assertEquals(d(0), e.flops(List.of(new TensorType(DType.I64, List.of(N, T)))));
  }

  @Test
  void pointwiseFlopsCountOnePerElement() {
    TensorType x = f32(N, d(10));
    assertEquals(N.times(10), op("gelu", Map.of()).flops(List.of(x)));
    assertEquals(N.times(10), op("relu", Map.of()).flops(List.of(x)));
    assertEquals(N.times(40), op("softmax", Map.of("dim", AttrValue.of(-1))).flops(List.of(x)));
    assertEquals(d(0), op("dropout", Map.of()).flops(List.of(x)));
    assertEquals(N.times(20), op("dropout", Map.of("training", AttrValue.of(true))).flops(List.of(x)));
  }

  @Test
  void argumentErrorsNameTheArgument() {
    String msg = assertThrows(OpException.class, () -> op("dropout", Map.of("p", AttrValue.of(1.5)))).getMessage();
    assertTrue(msg.startsWith("dropout: p=1.5"), msg);
    msg = refusal(op("prelu", Map.of("num_parameters", AttrValue.of(3))), f32(d(2), d(4), d(5)));
    assertTrue(msg.contains("num_parameters=3") && msg.contains("f32[2, 4, 5]"), msg);
    msg = refusal(op("softmax", Map.of("dim", AttrValue.of(3))), f32(d(2), d(3), d(4)));
    assertTrue(msg.startsWith("softmax: dim=3 is out of range"), msg);
    msg = refusal(op("bmm", Map.of()), f32(d(3), d(4)), f32(d(4), d(5)));
    assertTrue(msg.startsWith("bmm: first input must have rank 3") && msg.contains("f32[3, 4]"), msg);
  }
}
