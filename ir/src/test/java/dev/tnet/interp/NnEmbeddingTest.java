package dev.tnet.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnet.ir.op.AttrValue;
import dev.tnet.ir.op.Op;
import dev.tnet.ir.op.OpCatalogue;
import dev.tnet.ir.op.OpException;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.UserException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Embedding's run-time index check, which golden cases (valid data only) cannot reach. */
class NnEmbeddingTest {
  static final Op OP = OpCatalogue.create("embedding", List.of(AttrValue.of(10), AttrValue.of(3)), Map.of());
  static final Tensor WEIGHT = Tensor.of(Shape.of(10, 3), new float[30]);

  static UserException refused(long... ids) {
    Tensor idx = Tensor.ofLongs(Shape.of(ids.length), ids);
    return assertThrows(UserException.class, () -> Kernels.eval(OP, List.of(idx), List.of(WEIGHT)));
  }

  @Test
  void indexPastTheTableIsAUserErrorNamingIndexAndTableSize() {
    UserException e = refused(1, 2, 10);
    assertFalse(e instanceof OpException, "a run-time data error, not an op-argument error");
    assertTrue(e.getMessage().startsWith("embedding: index 10 "), e.getMessage());
    assertTrue(e.getMessage().contains("table of 10 embeddings"), e.getMessage());
  }

  @Test
  void negativeIndexIsAUserError() {
    assertTrue(refused(-1).getMessage().contains("index -1 "));
  }

  @Test
  void lastRowIsInRange() {
    Tensor idx = Tensor.ofLongs(Shape.of(2), new long[] {9, 0});
    assertEquals(Shape.of(2, 3), Kernels.eval(OP, List.of(idx), List.of(WEIGHT)).get(0).shape());
  }
}
