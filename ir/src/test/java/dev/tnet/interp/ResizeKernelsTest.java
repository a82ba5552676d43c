package dev.tnet.interp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.op.AttrValue;
import dev.tnet.ir.op.Op;
import dev.tnet.ir.op.OpCatalogue;
import dev.tnet.ir.op.OpException;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Resize's reference kernel on the examples of the ONNX operator documentation (whose expected
 * values come from ONNX's reference implementation; the cubic ones are checked by hand in the
 * comments) and on the corners each attribute decides. The conformance suite against ONNX Runtime is
 * {@code onnx/ResizeConformanceTest}.
 */
class ResizeKernelsTest {
  static Op op(Object... kv) {
    Map<String, AttrValue> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], switch (kv[i + 1]) {
        case String s -> AttrValue.of(s);
        case Integer n -> AttrValue.of(n.longValue());
        case Double d -> AttrValue.of(d);
        case Boolean b -> AttrValue.of(b);
        case double[] ds -> new AttrValue.ListV(java.util.Arrays.stream(ds).mapToObj(AttrValue::of).toList());
        case int[] is -> AttrValue.ints(java.util.Arrays.stream(is).asLongStream().toArray());
        default -> throw new IllegalArgumentException();
      });
    }
    return OpCatalogue.create("resize", List.of(), m);
  }

  static Tensor run(Op op, Shape shape, float... x) {
    return Kernels.eval(op, List.of(Tensor.of(shape, x)), List.of()).get(0);
  }

  static void near(float[] want, Tensor got) {
    assertEquals(want.length, got.size(), "size");
    for (int i = 0; i < want.length; i++) assertEquals(want[i], got.floats()[i], 1e-6, "element " + i);
  }

  static final float[] TWO_BY_TWO = {1, 2, 3, 4};
  static final float[] TWO_BY_FOUR = {1, 2, 3, 4, 5, 6, 7, 8};

  @Test
  void upsampleNearestHalfPixelRoundPreferFloor() {
    Tensor y = run(op("scales", new double[] {1, 1, 2, 3}), Shape.of(1, 1, 2, 2), TWO_BY_TWO);
    assertEquals(Shape.of(1, 1, 4, 6), y.shape());
    assertArrayEquals(new float[] {1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 3, 3, 3, 4, 4, 4}, y.floats());
  }

  @Test
  void downsampleNearest() {
    Tensor y = run(op("scales", new double[] {0.6, 0.6}), Shape.of(1, 1, 2, 4), TWO_BY_FOUR);
    assertEquals(Shape.of(1, 1, 1, 2), y.shape());
    assertArrayEquals(new float[] {1, 3}, y.floats());
  }

  @Test
  void upsampleLinearHalfPixel() {
    Tensor y = run(op("scales", new double[] {2, 2}, "mode", "linear"), Shape.of(1, 1, 2, 2), TWO_BY_TWO);
    near(new float[] {1, 1.25f, 1.75f, 2, 1.5f, 1.75f, 2.25f, 2.5f, 2.5f, 2.75f, 3.25f, 3.5f, 3, 3.25f, 3.75f, 4}, y);
  }

  @Test
  void upsampleLinearAlignCorners() {
    Tensor y = run(op("scales", new double[] {2, 2}, "mode", "linear", "coordinate_transformation_mode", "align_corners"),
        Shape.of(1, 1, 2, 2), TWO_BY_TWO);
    float t = 1f / 3, tt = 2f / 3;
    near(new float[] {1, 1 + t, 1 + tt, 2, 1 + tt, 2, 2 + t, 2 + tt, 2 + t, 2 + tt, 3, 3 + t, 3, 3 + t, 3 + tt, 4}, y);
  }

  @Test
  void downsampleLinear() {
    near(new float[] {2.6666665f, 4.3333335f},
        run(op("scales", new double[] {0.6, 0.6}, "mode", "linear"), Shape.of(1, 1, 2, 4), TWO_BY_FOUR));
  }

  /** ONNX's half_pixel_symmetric example: offset 2 * (1 - 2 / 2.4) = 1/3, so x = 2/3 and 7/3. */
  @Test
  void downsampleLinearHalfPixelSymmetric() {
    near(new float[] {1.6666666f, 3.3333333f}, run(op("scales", new double[] {0.6}, "mode", "linear",
        "coordinate_transformation_mode", "half_pixel_symmetric"), Shape.of(1, 1, 4), 1, 2, 3, 4));
  }

  /**
   * Cubic, scale 2, A = -0.75 on {@code 4r + c + 1}: output 0 samples x = -0.25, taps -2..1 (read
   * as 0, 0, 0, 1) with weights -0.03515625, 0.26171875, 0.87890625, -0.10546875; so each dim's
   * interpolated index is -0.10546875 and the value 1 + 5 * -0.10546875 = 0.47265625.
   */
  @Test
  void upsampleCubic() {
    float[] x = new float[16];
    for (int i = 0; i < 16; i++) x[i] = i + 1;
    Tensor y = run(op("scales", new double[] {2, 2}, "mode", "cubic"), Shape.of(1, 1, 4, 4), x);
    assertEquals(Shape.of(1, 1, 8, 8), y.shape());
    near(new float[] {0.47265625f, 0.76953125f, 1.24609375f, 1.875f, 2.28125f, 2.91015625f, 3.38671875f, 3.68359375f},
        Tensor.of(Shape.of(8), java.util.Arrays.copyOf(y.floats(), 8)));
  }

  /**
   * exclude_outside with A = -0.5: output 0 keeps taps 0 and 1, weights 0.8671875 and -0.0703125,
   * renormalised by their sum 0.796875: index -0.0882353, value 1 + 5 * -0.0882353 = 0.5588235.
   */
  @Test
  void cubicExcludeOutside() {
    float[] x = new float[16];
    for (int i = 0; i < 16; i++) x[i] = i + 1;
    Tensor y = run(op("scales", new double[] {2, 2}, "mode", "cubic", "cubic_coeff_a", -0.5, "exclude_outside", true),
        Shape.of(1, 1, 4, 4), x);
    assertEquals(0.55882353f, y.floats()[0], 1e-6);
  }

  /** Scale 0.5 with half_pixel puts the sources at 0.5 and 2.5: ties that each nearest_mode breaks its own way. */
  @Test
  void nearestModesBreakTiesTheirWay() {
    Map<String, float[]> want = Map.of("round_prefer_floor", new float[] {10, 30}, "round_prefer_ceil", new float[] {20, 40},
        "floor", new float[] {10, 30}, "ceil", new float[] {20, 40});
    want.forEach((mode, w) -> assertArrayEquals(w,
        run(op("scales", 0.5, "nearest_mode", mode), Shape.of(1, 1, 4), 10, 20, 30, 40).floats(), mode));
  }

  /** Off ties, round_prefer_floor rounds to nearest and floor floors. */
  @Test
  void nearestRoundsOffTies() {
    // asymmetric, scale 2.5 on 2 elements -> 5 outputs at x = 0, 0.4, 0.8, 1.2, 1.6
    assertArrayEquals(new float[] {1, 1, 2, 2, 2}, run(op("scales", 2.5, "coordinate_transformation_mode", "asymmetric"),
        Shape.of(1, 1, 2), 1, 2).floats());
    assertArrayEquals(new float[] {1, 1, 1, 2, 2}, run(op("scales", 2.5, "coordinate_transformation_mode", "asymmetric",
        "nearest_mode", "floor"), Shape.of(1, 1, 2), 1, 2).floats());
  }

  /** pytorch_half_pixel maps a single output to 0; half_pixel to (0.5 / 0.25) - 0.5 = 1.5. */
  @Test
  void pytorchHalfPixelSingleOutput() {
    assertArrayEquals(new float[] {1}, run(op("size", new int[] {1}, "mode", "linear", "coordinate_transformation_mode",
        "pytorch_half_pixel"), Shape.of(1, 1, 4), 1, 2, 3, 4).floats());
    assertArrayEquals(new float[] {2.5f}, run(op("size", new int[] {1}, "mode", "linear"), Shape.of(1, 1, 4), 1, 2, 3, 4).floats());
  }

  /** tf_half_pixel_for_nn: x = (o + 0.5) / 2 = 0.25, 0.75, 1.25, 1.75, rounded: 0, 1, 1, 2->1 (clamped). */
  @Test
  void tfHalfPixelForNn() {
    assertArrayEquals(new float[] {1, 2, 2, 2}, run(op("scales", 2.0, "coordinate_transformation_mode", "tf_half_pixel_for_nn"),
        Shape.of(1, 1, 2), 1, 2).floats());
  }

  @Test
  void trilinearIsSeparable() {
    float[] x = new float[8];
    for (int i = 0; i < 8; i++) x[i] = i; // 4d + 2h + w
    Tensor y = run(op("size", new int[] {3, 3, 3}, "mode", "linear", "coordinate_transformation_mode", "align_corners"),
        Shape.of(1, 1, 2, 2, 2), x);
    assertEquals(Shape.of(1, 1, 3, 3, 3), y.shape());
    for (int d = 0; d < 3; d++) {
      for (int h = 0; h < 3; h++) {
        for (int w = 0; w < 3; w++) assertEquals(2 * d + h + w * 0.5f, y.floats()[9 * d + 3 * h + w], 1e-6);
      }
    }
  }

  @Test
  void outputSizeIsAFloat32Product() {
    // 10 * 0.7f is 6.9999998 in double but rounds to 7.0 in float32, as ONNX Runtime computes it.
    Op r = op("scales", new double[] {0.7});
    assertEquals(List.of(TensorType.f32(1, 3, 7)), r.infer(List.of(TensorType.f32(1, 3, 10))));
    assertEquals(List.of(TensorType.f32(Dim.sym("N"), Dim.of(3), Dim.sym("L").times(2))),
        op("scales", 2.0).infer(List.of(TensorType.f32(Dim.sym("N"), Dim.of(3), Dim.sym("L")))));
  }

  @Test
  void fullRankScalesAndSizesKeepBatchAndChannels() {
    assertEquals(List.of(TensorType.f32(2, 3, 8)), op("scales", new double[] {1, 1, 2}).infer(List.of(TensorType.f32(2, 3, 4))));
    assertEquals(List.of(TensorType.f32(2, 3, 5)), op("size", new int[] {2, 3, 5}).infer(List.of(TensorType.f32(2, 3, 4))));
    String m = assertThrows(OpException.class, () -> op("scales", new double[] {1, 2, 2}).infer(List.of(TensorType.f32(2, 3, 4))))
        .getMessage();
    assertTrue(m.contains("scales the channel dim") && m.contains("must be 1"), m);
    m = assertThrows(OpException.class, () -> op("size", new int[] {4, 3, 5}).infer(List.of(TensorType.f32(2, 3, 4)))).getMessage();
    assertTrue(m.contains("resizes the batch dim"), m);
  }

  @Test
  void refusals() {
    assertRefused("not supported: it needs ONNX's roi input", "scales", 2.0, "coordinate_transformation_mode", "tf_crop_and_resize");
    assertRefused("either size or scales must be given");
    assertRefused("only one of size and scales", "scales", 2.0, "size", 3);
    assertRefused("must be positive", "scales", 0.0);
    assertRefused("is not one of", "scales", 2.0, "mode", "bilinear");
    assertRefused("is not one of", "scales", 2.0, "nearest_mode", "round");
    String m = assertThrows(OpException.class, () -> op("scales", new double[] {2, 2}).infer(List.of(TensorType.f32(1, 1, 4))))
        .getMessage();
    assertTrue(m.contains("has 2 entries but the input"), m);
    m = assertThrows(OpException.class, () -> op("scales", 0.1).infer(List.of(TensorType.f32(1, 1, 4)))).getMessage();
    assertTrue(m.contains("is empty"), m);
  }

  static void assertRefused(String fragment, Object... kv) {
    String m = assertThrows(OpException.class, () -> op(kv)).getMessage();
    assertTrue(m.contains(fragment), m);
  }

  @Test
  void argsRebuildTheOp() {
    for (Op r : List.of(op("scales", new double[] {1, 1, 2.5, 0.5}, "mode", "cubic", "exclude_outside", true),
        op("size", 3, "coordinate_transformation_mode", "align_corners", "nearest_mode", "ceil"))) {
      assertEquals(r, OpCatalogue.create("resize", r.args()));
    }
  }
}
