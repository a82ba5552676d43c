package dev.tnet.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.op.AttrValue;
import dev.tnet.ir.op.Op;
import dev.tnet.ir.op.OpCatalogue;
import dev.tnet.ir.op.OpException;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Random, mostly plausible spatial configurations (small kernels, strides, paddings, dilations,
 * groups, ceil mode, padding modes, modes and sizes near the edge cases): each must be refused
 * with an {@link OpException} or run through the kernel producing exactly the inferred types, and
 * the op must rebuild from its own args. Unlike the catalogue-wide robustness test, the arguments
 * here are drawn so that a good share of the cases is accepted. Failures print the seed.
 */
class SpatialRobustnessTest {
  static final int CASES = 600;
  static final List<String> OPS = List.of("conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d",
      "conv_transpose3d", "max_pool1d", "max_pool2d", "max_pool3d", "avg_pool1d", "avg_pool2d", "avg_pool3d",
      "adaptive_avg_pool2d", "adaptive_max_pool3d", "adaptive_max_pool1d", "interpolate");

  @TestFactory
  Stream<DynamicTest> randomConfigurationsAreRefusedOrRunCleanly() {
    return OPS.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
      int accepted = 0;
      for (int i = 0; i < CASES; i++) {
        if (tryCase(name, name.hashCode() * 7919L + i)) accepted++;
      }
      assertTrue(accepted >= CASES / 10, name + ": only " + accepted + " of " + CASES + " cases accepted");
    }));
  }

  static boolean tryCase(String name, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int dims = name.equals("interpolate") ? 1 + rng.nextInt(3) : name.charAt(name.length() - 2) - '0';
    Map<String, AttrValue> args = randomArgs(name, dims, rng);
    long[] shape = new long[dims + (rng.nextInt(4) == 0 && !name.equals("interpolate") ? 1 : 2)];
    for (int i = 0; i < shape.length; i++) shape[i] = 1 + rng.nextInt(i == shape.length - dims - 1 ? 6 : 7);
    TensorType x = TensorType.f32(shape);
    String what = name + " seed " + seed + " args " + args + " input " + x;
    Op op;
    List<TensorType> outTypes;
    List<Tensor> params = new ArrayList<>();
    try {
      op = OpCatalogue.create(name, List.of(), args);
      outTypes = op.infer(List.of(x));
      op.params(List.of(x)).forEach(p -> params.add(random(p.type().shape(), rng)));
      op.flops(List.of(x));
    } catch (OpException e) {
      return false;
    } catch (RuntimeException e) {
      throw new AssertionError(what + ": threw " + e + " instead of an OpException", e);
    }
    assertEquals(op, OpCatalogue.create(op.name(), op.args()), what + ": args() must rebuild the op");
    List<Tensor> got;
    try {
      got = Kernels.eval(op, List.of(random(x.shape(), rng)), params);
    } catch (RuntimeException e) {
      throw new AssertionError(what + ": kernel threw " + e, e);
    }
    assertEquals(outTypes.size(), got.size(), what);
    for (int i = 0; i < got.size(); i++) {
      assertEquals(outTypes.get(i).shape(), got.get(i).shape(), what + ": shape of output " + i);
      assertEquals(outTypes.get(i).dtype(), got.get(i).dtype(), what + ": dtype of output " + i);
    }
    return true;
  }

  static Map<String, AttrValue> randomArgs(String name, int dims, SplittableRandom rng) {
    Map<String, AttrValue> a = new LinkedHashMap<>();
    if (name.startsWith("conv")) {
      a.put("out_channels", AttrValue.of(1 + rng.nextInt(6)));
      a.put("kernel_size", perDim(dims, 1, 4, rng));
      if (rng.nextBoolean()) a.put("stride", perDim(dims, 1, 3, rng));
      if (rng.nextBoolean()) a.put("dilation", perDim(dims, 1, 3, rng));
      if (rng.nextBoolean()) a.put("groups", AttrValue.of(1 + rng.nextInt(3)));
      if (name.startsWith("conv_transpose")) {
        if (rng.nextBoolean()) a.put("padding", perDim(dims, 0, 3, rng));
        if (rng.nextBoolean()) a.put("output_padding", perDim(dims, 0, 2, rng));
      } else {
        a.put("padding", switch (rng.nextInt(5)) {
          case 0 -> AttrValue.of("same");
          case 1 -> AttrValue.of("valid");
          case 2 -> perDim(2 * dims, 0, 3, rng);
          default -> perDim(dims, 0, 3, rng);
        });
        a.put("padding_mode", AttrValue.of(List.of("zeros", "reflect", "replicate", "circular").get(rng.nextInt(4))));
      }
      a.put("bias", AttrValue.of(rng.nextBoolean()));
    } else if (name.startsWith("max_pool") || name.startsWith("avg_pool")) {
      a.put("kernel_size", perDim(dims, 1, 4, rng));
      if (rng.nextBoolean()) a.put("stride", rng.nextInt(4) == 0 ? AttrValue.NONE : perDim(dims, 1, 4, rng));
      if (rng.nextBoolean()) a.put("padding", perDim(dims, 0, 2, rng));
      a.put("ceil_mode", AttrValue.of(rng.nextBoolean()));
      if (name.startsWith("max")) {
        if (rng.nextBoolean()) a.put("dilation", perDim(dims, 1, 3, rng));
        a.put("return_indices", AttrValue.of(rng.nextBoolean()));
      } else {
        a.put("count_include_pad", AttrValue.of(rng.nextBoolean()));
        if (dims > 1 && rng.nextInt(3) == 0) a.put("divisor_override", AttrValue.of(rng.nextInt(-1, 5)));
      }
    } else if (name.startsWith("adaptive")) {
      List<AttrValue> sizes = new ArrayList<>();
      for (int i = 0; i < dims; i++) sizes.add(rng.nextInt(4) == 0 ? AttrValue.NONE : AttrValue.of(rng.nextInt(0, 6)));
      a.put("output_size", new AttrValue.ListV(sizes));
      if (name.contains("max")) a.put("return_indices", AttrValue.of(rng.nextBoolean()));
    } else {
      String mode = List.of("nearest", "nearest-exact", "linear", "bilinear", "bicubic", "trilinear", "area")
          .get(rng.nextInt(7));
      a.put("mode", AttrValue.of(mode));
      if (rng.nextBoolean()) a.put("size", perDim(dims, 1, 9, rng));
      else a.put("scale_factor", AttrValue.of(List.of(0.3, 0.5, 1.0, 1.09, 1.7, 2.0, 2.5, 3.0).get(rng.nextInt(8))));
      if (rng.nextInt(3) == 0) a.put("align_corners", AttrValue.of(rng.nextBoolean()));
      if (rng.nextInt(3) == 0) a.put("recompute_scale_factor", AttrValue.of(rng.nextBoolean()));
    }
    return a;
  }

  /** One int, or sometimes a tuple of {@code n} ints, in {@code [lo, hi]}. */
  static AttrValue perDim(int n, int lo, int hi, SplittableRandom rng) {
    if (n > 0 && rng.nextBoolean()) return AttrValue.of(rng.nextInt(lo, hi + 1));
    long[] v = new long[n];
    for (int i = 0; i < n; i++) v[i] = rng.nextInt(lo, hi + 1);
    return AttrValue.ints(v);
  }

  static Tensor random(Shape s, SplittableRandom rng) {
    float[] v = new float[s.size()];
    for (int i = 0; i < v.length; i++) v[i] = rng.nextInt(20) == 0 ? Float.NaN : (float) rng.nextGaussian();
    return Tensor.of(s, v);
  }
}
