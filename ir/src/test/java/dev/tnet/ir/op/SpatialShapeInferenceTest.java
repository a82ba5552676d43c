package dev.tnet.ir.op;

import static dev.tnet.ir.op.ShapeInference.op;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.runtime.DType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What golden cases cannot reach: symbolic dims, the pooling window formula, canonical args. */
class SpatialShapeInferenceTest {
  static final Dim N = Dim.sym("N"), H = Dim.sym("H"), W = Dim.sym("W");

  static List<Dim> inferOne(Op op, TensorType x) {
    return op.infer(List.of(x)).get(0).dims();
  }

  /** PyTorch's pooling_output_shape, literally (floor division, then the ceil-mode correction). */
  static long pytorchPoolingOutput(long in, int k, int s, int p, int d, boolean ceil) {
    long out = Math.floorDiv(in + 2L * p - (long) d * (k - 1) - 1 + (ceil ? s - 1 : 0), s) + 1;
    if (ceil && (out - 1) * s >= in + p) out--;
    return out;
  }

  @Test
  void windowClosedFormMatchesPytorchFormula() {
    for (int in = 1; in <= 14; in++) {
      for (int k = 1; k <= 5; k++) {
        for (int s = 1; s <= 5; s++) {
          for (int p = 0; p <= k / 2; p++) {
            for (int d = 1; d <= 3; d++) {
              for (boolean ceil : new boolean[] {false, true}) {
                long want = pytorchPoolingOutput(in, k, s, p, d, ceil);
                long got = SpatialArgs.windows(Dim.of(in), k, s, p, p, d, ceil).value();
                if (want >= 1 || got >= 1) {
                  assertEquals(want, got, "in=" + in + " k=" + k + " s=" + s + " p=" + p + " d=" + d + " ceil=" + ceil);
                }
              }
            }
          }
        }
      }
    }
  }

  @Test
  void ceilModeWindowFormulaWorksOnSymbolicSizes() {
    Dim out = SpatialArgs.windows(H, 3, 3, 1, 1, 1, true);
    for (long h = 3; h <= 20; h++) {
      assertEquals(pytorchPoolingOutput(h, 3, 3, 1, 1, true), out.eval(Map.of("H", h)), "H=" + h);
    }
  }

  @Test
  void convPropagatesSymbolicDims() {
    Op conv = op("conv2d", Map.of("out_channels", AttrValue.of(8), "kernel_size", AttrValue.of(3),
        "stride", AttrValue.of(2), "padding", AttrValue.of(1)));
    List<Dim> out = inferOne(conv, TensorType.f32(N, Dim.of(3), H, W));
    assertEquals(List.of(N, Dim.of(8), H.plus(1).floorDiv(2), W.plus(1).floorDiv(2)), out);
    assertEquals(112, out.get(2).eval(Map.of("H", 224L)));
    Op same = op("conv1d", Map.of("out_channels", AttrValue.of(2), "kernel_size", AttrValue.of(4),
        "padding", AttrValue.of("same")));
    assertEquals(List.of(N, Dim.of(2), W), inferOne(same, TensorType.f32(N, Dim.of(5), W)));
  }

  @Test
  void convNeedsAKnownChannelCount() {
    Op conv = op("conv2d", Map.of("out_channels", AttrValue.of(8), "kernel_size", AttrValue.of(3)));
    assertThrows(OpException.class, () -> conv.infer(List.of(TensorType.f32(N, Dim.sym("C"), H, W))));
  }

  @Test
  void poolsAndInterpolationPropagateSymbolicDims() {
    TensorType x = TensorType.f32(N, Dim.of(4), H, W);
    Op pool = op("max_pool2d", Map.of("kernel_size", AttrValue.of(2), "return_indices", AttrValue.of(true)));
    List<TensorType> outs = pool.infer(List.of(x));
    assertEquals(List.of(N, Dim.of(4), H.floorDiv(2), W.floorDiv(2)), outs.get(0).dims());
    assertEquals(DType.I64, outs.get(1).dtype());
    Op adaptive = op("adaptive_avg_pool2d", Map.of("output_size", new AttrValue.ListV(List.of(AttrValue.NONE,
        AttrValue.of(7)))));
    assertEquals(List.of(N, Dim.of(4), H, Dim.of(7)), inferOne(adaptive, x));
    assertEquals(List.of(N, Dim.of(4), Dim.of(1), Dim.of(1)), inferOne(new GlobalPool(PoolKind.MAX), x));
    Op up = op("interpolate", Map.of("scale_factor", AttrValue.ints(2, 1), "mode", AttrValue.of("bilinear")));
    assertEquals(List.of(N, Dim.of(4), H.times(2), W), inferOne(up, x));
    Op down = op("interpolate", Map.of("scale_factor", AttrValue.of(1.5)));
    assertEquals(H.times(3).floorDiv(2), inferOne(down, x).get(2));
    Op odd = op("interpolate", Map.of("scale_factor", AttrValue.of(1.7)));
    assertThrows(OpException.class, () -> odd.infer(List.of(x)), "floor(H * 1.7) has no exact form");
    assertEquals(List.of(N, Dim.of(4), Dim.of(8), Dim.of(8)), inferOne(odd, TensorType.f32(N, Dim.of(4),
        Dim.of(5), Dim.of(5))));
  }

  @Test
  void argsAreCanonicalAndRebuildTheOp() {
    Op asym = op("conv2d", Map.of("out_channels", AttrValue.of(2), "kernel_size", AttrValue.of(3),
        "padding", AttrValue.ints(1, 2, 0, 0)));
    assertEquals("(1, 2, 0, 0)", asym.args().get("padding").toString());
    Op sym = op("conv2d", Map.of("out_channels", AttrValue.of(2), "kernel_size", AttrValue.ints(3, 3),
        "padding", AttrValue.ints(1, 1, 1, 1)));
    assertEquals("1", sym.args().get("padding").toString());
    assertEquals("3", sym.args().get("kernel_size").toString());
    Op valid = op("conv1d", Map.of("out_channels", AttrValue.of(2), "kernel_size", AttrValue.of(3),
        "padding", AttrValue.of("valid")));
    assertEquals(op("conv1d", Map.of("out_channels", AttrValue.of(2), "kernel_size", AttrValue.of(3))), valid);
    Op pool = op("max_pool2d", Map.of("kernel_size", AttrValue.of(3)));
    assertEquals("3", pool.args().get("stride").toString(), "stride None means kernel_size");
    Op area = op("interpolate", Map.of("scale_factor", AttrValue.of(0.5), "mode", AttrValue.of("area")));
    assertEquals(area, OpCatalogue.create("interpolate", area.args()));
    assertEquals("True", area.args().get("recompute_scale_factor").toString(), "area always recomputes");
    for (Op o : List.of(asym, sym, valid, pool, area)) assertEquals(o, OpCatalogue.create(o.name(), o.args()));
  }

  @Test
  void refusesWhatTnetDoesNotImplement() {
    assertThrows(OpException.class, () -> op("interpolate", Map.of("size", AttrValue.of(4),
        "mode", AttrValue.of("bilinear"), "antialias", AttrValue.of(true))));
  }

  @Test
  void flopsCountMultiplyAddsAsTwo() {
    TensorType x = TensorType.f32(1, 3, 8, 8);
    Op conv = op("conv2d", Map.of("out_channels", AttrValue.of(4), "kernel_size", AttrValue.of(3),
        "padding", AttrValue.of(1)));
    assertEquals(Dim.of(256 * 2 * 3 * 9 + 256), conv.flops(List.of(x)));
    Op convT = op("conv_transpose2d", Map.of("out_channels", AttrValue.of(4), "kernel_size", AttrValue.of(2),
        "stride", AttrValue.of(2), "bias", AttrValue.of(false)));
    assertEquals(Dim.of(192 * 2 * 4 * 4), convT.flops(List.of(x)));
    assertEquals(Dim.of(48 * 4), op("max_pool2d", Map.of("kernel_size", AttrValue.of(2))).flops(List.of(x)));
    assertEquals(Dim.of(48 * 5), op("avg_pool2d", Map.of("kernel_size", AttrValue.of(2))).flops(List.of(x)));
    // 8 -> 3 windows cover 8 + 3 - gcd(8, 3) = 10 taps per dim.
    Op adaptive = op("adaptive_avg_pool2d", Map.of("output_size", AttrValue.of(3)));
    assertEquals(Dim.of(3 * 10 * 10 + 27), adaptive.flops(List.of(x)));
    assertEquals(Dim.of(192 + 3), new GlobalPool(PoolKind.AVG).flops(List.of(x)));
    Op bilinear = op("interpolate", Map.of("size", AttrValue.of(16), "mode", AttrValue.of("bilinear")));
    assertEquals(Dim.of(768 * 2 * 4), bilinear.flops(List.of(x)));
    assertEquals(Dim.of(0), op("interpolate", Map.of("size", AttrValue.of(16))).flops(List.of(x)));
  }
}
