package dev.tnet.interp;

import dev.tnet.runtime.ErrorFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnet.ir.op.AttrValue;
import dev.tnet.ir.op.OpCatalogue;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the golden comparison cannot see: the sign of zero (allclose takes -0.0 == 0.0) and the
 * accuracy of the erfc behind the exact GELU.
 */
class NnActivationKernelsTest {
  static float apply(String op, Map<String, AttrValue> args, float x) {
    var o = OpCatalogue.create(op, List.of(), args);
    return Kernels.eval(o, List.of(Tensor.of(Shape.of(1), new float[] {x})), List.of()).get(0).floats()[0];
  }

  @ParameterizedTest
  @CsvSource({"relu, -0.0", "relu6, -0.0", "hardtanh, -0.0", "leaky_relu, -0.0", "tanh, -0.0", "silu, -0.0",
      "hardswish, -0.0", "mish, -0.0", "elu, 0.0", "celu, 0.0", "selu, 0.0"})
  void negativeZeroGivesTheZeroPyTorchGives(String op, float want) {
    float got = apply(op, Map.of(), -0.0f);
    assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(got), op + "(-0.0) = " + got);
  }

  @Test
  void preluKeepsNegativeZero() {
    var op = OpCatalogue.create("prelu", List.of(), Map.of());
    Tensor x = Tensor.of(Shape.of(1), new float[] {-0.0f});
    Tensor w = Tensor.of(Shape.of(1), new float[] {0.25f});
    float got = Kernels.eval(op, List.of(x), List.of(w)).get(0).floats()[0];
    assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(got), "prelu(-0.0) = " + got);
  }

  /** Reference values from CPython's math.erfc (correctly rounded to within an ulp or so). */
  @ParameterizedTest
  @CsvSource({"0.0, 1.0", "0.001, 0.9988716212090307", "0.5, 0.4795001221869535", "1.0, 0.15729920705028513",
      "2.0, 0.004677734981047265", "2.4, 0.0006885138966450789", "2.49, 0.000429287867733913",
      "2.51, 0.0003857054817242798", "2.6, 0.00023603441652934908", "3.0, 2.2090496998585438e-05",
      "4.0, 1.541725790028002e-08", "5.0, 1.5374597944280351e-12", "8.0, 1.1224297172982928e-29",
      "10.0, 2.088487583762545e-45", "26.0, 5.663192408856143e-296", "-0.5, 1.5204998778130465",
      "-2.49, 1.9995707121322661", "-3.0, 1.9999779095030015"})
  void erfcMatchesReferenceValues(double x, double want) {
    double got = ErrorFunction.erfc(x);
    assertTrue(Math.abs(got - want) <= 1e-9 * want, "erfc(" + x + ") = " + got + ", want " + want);
  }

  @Test
  void erfcOfNanAndInfinities() {
    assertTrue(Double.isNaN(ErrorFunction.erfc(Double.NaN)));
    assertEquals(0.0, ErrorFunction.erfc(Double.POSITIVE_INFINITY));
    assertEquals(2.0, ErrorFunction.erfc(Double.NEGATIVE_INFINITY));
  }
}
