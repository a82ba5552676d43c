package dev.tnet.runtime.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tnet.runtime.DType;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.UserException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelSignatureTest {
  static final ModelSignature SIG = new ModelSignature("net \"1\"",
      List.of(new IoSpec("image", DType.F32, Shape.of(1, 3, 2, 2)), new IoSpec("ids", DType.I64, Shape.scalar())),
      List.of(new IoSpec("logits", DType.F32, Shape.of(1, 10))), List.of(new IoSpec("fc.weight", DType.F32, Shape.of(10, 12))));

  @Test
  void jsonRoundTrip() {
    assertEquals(SIG, ModelSignature.fromJson(SIG.toJson(), "test"));
  }

  @Test
  void malformedJsonIsAUserError() {
    assertThrows(UserException.class, () -> ModelSignature.fromJson("{\"name\":\"x\"}", "test"));
    assertThrows(UserException.class, () -> ModelSignature.fromJson("{\"name\":\"x\",\"inputs\":[{\"name\":\"a\",\"dtype\":\"f16\",\"shape\":[]}],"
        + "\"outputs\":[],\"weights\":[]}", "test"));
  }

  @Test
  void checkListsEveryProblem() {
    SIG.check("weight", SIG.weights(), Map.of("fc.weight", Tensor.zeros(Shape.of(10, 12))));
    UserException e = assertThrows(UserException.class, () -> SIG.check("input", SIG.inputs(),
        Map.of("image", Tensor.zeros(Shape.of(1, 3, 2)), "extra", Tensor.scalar(1))));
    assertEquals("inputs do not match model net \"1\":\n  input 'image' must be f32[1, 3, 2, 2], got f32[1, 3, 2]\n"
        + "  missing input 'ids' i64[]\n  unexpected input 'extra'", e.getMessage());
  }
}
