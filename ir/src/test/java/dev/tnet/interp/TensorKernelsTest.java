package dev.tnet.interp;

import dev.tnet.runtime.ErrorFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tnet.ir.op.AttrValue;
import dev.tnet.ir.op.Op;
import dev.tnet.ir.op.OpCatalogue;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.UserException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the tensor family's golden cases cannot reach: run-time data errors, exact signed zeros
 * (the golden comparison treats -0.0 and 0.0 as equal), and the accuracy of the erf kernel.
 */
class TensorKernelsTest {
  static List<Tensor> run(String name, Map<String, AttrValue> args, Tensor... inputs) {
    Op op = OpCatalogue.create(name, List.of(), args);
    return Kernels.eval(op, List.of(inputs), List.of());
  }

  static Tensor longs(long... v) {
    return Tensor.ofLongs(Shape.of(v.length), v);
  }

  static Tensor floats(float... v) {
    return Tensor.of(Shape.of(v.length), v);
  }

  @Test
  void integerDivisionByZeroIsAUserError() {
    var floor = Map.of("rounding_mode", AttrValue.of("floor"));
    assertThrows(UserException.class, () -> run("div", floor, longs(1, 2), longs(1, 0)));
    assertThrows(UserException.class, () -> run("rdiv", Map.of("other", AttrValue.of(3), "rounding_mode",
        AttrValue.of("trunc")), longs(0)));
  }

  @Test
  void signedZerosFollowPyTorch() {
    float[] maximum = run("maximum", Map.of(), floats(-0f, 0f), floats(0f, -0f)).get(0).floats();
    assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(maximum[0]), "maximum keeps its first operand on ties");
    assertEquals(Float.floatToIntBits(0f), Float.floatToIntBits(maximum[1]));
    float[] clamped = run("clamp", Map.of("min", AttrValue.of(0.0)), floats(-0f)).get(0).floats();
    assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(clamped[0]), "clamp(-0.0, min=0.0) stays -0.0");
    float[] floorDiv = run("div", Map.of("rounding_mode", AttrValue.of("floor")), floats(-0f, 0f), floats(2f, -2f))
        .get(0).floats();
    assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(floorDiv[0]));
    assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(floorDiv[1]));
    float[] neg = run("neg", Map.of(), floats(0f)).get(0).floats();
    assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(neg[0]));
  }

  @Test
  void erfMatchesKnownValuesToDoublePrecision() {
    assertEquals(0.0, ErrorFunction.erf(0.0));
    assertEquals(Double.doubleToLongBits(-0.0), Double.doubleToLongBits(ErrorFunction.erf(-0.0)));
    assertEquals(0.5204998778130465, ErrorFunction.erf(0.5), 1e-15);
    assertEquals(0.8427007929497149, ErrorFunction.erf(1.0), 1e-15);
    assertEquals(-0.9953222650189527, ErrorFunction.erf(-2.0), 1e-15);
    assertEquals(0.9999779095030014, ErrorFunction.erf(3.0), 1e-15);
    assertEquals(0.9999999845827421, ErrorFunction.erf(4.0), 1e-15);
    assertEquals(1.0, ErrorFunction.erf(Double.POSITIVE_INFINITY));
    assertEquals(Double.NaN, ErrorFunction.erf(Double.NaN));
  }

  @Test
  void floorDivisionFollowsTheRemainderNotTheRoundedQuotient() {
    // Values checked with PyTorch 1.13's float32 kernel: 7.5 // 0.1f is 74 (0.1f > 0.1), while
    // 7.5f / 0.1f rounds to 75.
    assertEquals(75.0f, (float) Math.floor(7.5f / 0.1f), "the rounded quotient crosses the integer");
    assertEquals(74.0f, PointwiseMath.divFloor(7.5f, 0.1f), "PyTorch's 7.5 // 0.1");
    assertEquals(3465989752619008.0f, PointwiseMath.divFloor(108930554396672.0f, 0.03142841160297394f));
    assertEquals(-2.0f, PointwiseMath.divFloor(-5, 3));
    assertEquals(Float.NEGATIVE_INFINITY, PointwiseMath.divFloor(-1, 0));
    assertEquals(-0.0f, PointwiseMath.divFloor(0, -3));
  }

  @Test
  void integerArithmeticWrapsAsInt64() {
    assertArrayEquals(new long[] {Long.MIN_VALUE}, run("add", Map.of("other", AttrValue.of(1)), longs(Long.MAX_VALUE))
        .get(0).longs());
    assertArrayEquals(new long[] {0, 1, -1, 1, 0}, run("pow", Map.of(), longs(2, 1, -1, -1, 5), longs(-1, -3, -3, -2, -1))
        .get(0).longs());
  }
}
