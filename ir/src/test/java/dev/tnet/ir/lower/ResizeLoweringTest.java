package dev.tnet.ir.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tnet.interp.Interpreter;
import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.GraphBuilder;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.loop.LoopInterpreter;
import dev.tnet.ir.loop.LoopProgram;
import dev.tnet.ir.loop.LoopVerifier;
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
 * Resize's loop nest against the reference kernel, for every mode, coordinate transformation and
 * nearest mode, on up- and downsampling by sizes and scales in 1 to 3 spatial dims. Both compute
 * the source coordinates with the same float32 operations, so they read the same taps; the weights
 * are F32 in the loops and double in the reference, hence {@code 1e-6 + 2^-20 * taps} on inputs in
 * [-1, 1].
 */
class ResizeLoweringTest {
  static final List<String> COORDS = List.of("half_pixel", "half_pixel_symmetric", "pytorch_half_pixel",
      "tf_half_pixel_for_nn", "align_corners", "asymmetric");
  static final List<String> NEAREST = List.of("round_prefer_floor", "round_prefer_ceil", "floor", "ceil");

  @TestFactory
  Stream<DynamicTest> loopsMatchTheReference() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String mode : List.of("nearest", "linear", "cubic")) {
      for (String coord : COORDS) {
        for (String nearest : mode.equals("nearest") ? NEAREST : List.of("round_prefer_floor")) {
          for (int dims = 1; dims <= 3; dims++) {
            for (boolean exclude : mode.equals("cubic") ? List.of(false, true) : List.of(false)) {
              int d = dims;
              String name = mode + "/" + coord + "/" + nearest + "/" + dims + "d" + (exclude ? "/exclude_outside" : "");
              tests.add(DynamicTest.dynamicTest(name, () -> check(mode, coord, nearest, d, exclude)));
            }
          }
        }
      }
    }
    return tests.stream();
  }

  static void check(String mode, String coord, String nearest, int dims, boolean exclude) {
    SplittableRandom rng = new SplittableRandom(mode.hashCode() * 31L + coord.hashCode() + nearest.hashCode() + dims);
    int[] in = new int[dims];
    for (int i = 0; i < dims; i++) in[i] = 1 + rng.nextInt(dims == 3 ? 4 : 7);
    double[] choices = {0.5, 0.6, 0.75, 1.0, 1.5, 1.7, 2.0, 2.5, 3.0};
    for (int variant = 0; variant < 4; variant++) {
      Map<String, Object> args = new LinkedHashMap<>();
      args.put("mode", mode);
      args.put("coordinate_transformation_mode", coord);
      args.put("nearest_mode", nearest);
      args.put("exclude_outside", exclude);
      if (mode.equals("cubic")) args.put("cubic_coeff_a", variant % 2 == 0 ? -0.75 : -0.5);
      if (variant % 2 == 0) {
        int[] size = new int[dims];
        for (int i = 0; i < dims; i++) size[i] = 1 + rng.nextInt(9);
        args.put("size", size);
      } else {
        List<Double> scales = new ArrayList<>();
        for (int i = 0; i < dims; i++) scales.add(Math.max(choices[rng.nextInt(choices.length)], 1.0 / in[i]));
        args.put("scales", scales);
      }
      long[] shape = new long[dims + 2];
      shape[0] = 2;
      shape[1] = 2;
      for (int i = 0; i < dims; i++) shape[2 + i] = in[i];
      GraphBuilder b = new GraphBuilder("r");
      b.input("x", TensorType.f32(shape));
      Graph g = b.output("y", b.call("resize", args, "x")).build();
      Shape s = TensorType.f32(shape).shape();
      float[] xs = new float[s.size()];
      for (int i = 0; i < xs.length; i++) xs[i] = (float) rng.nextDouble(-1, 1);
      Tensor x = Tensor.of(s, xs);
      Tensor want = Interpreter.run(g, Map.of("x", x), Map.of()).get("y");
      LoopProgram p = Lowering.lower(g, Map.of("x", s));
      LoopVerifier.verify(p);
      Tensor got = LoopInterpreter.run(p, Map.of("x", x), Map.of()).get("y");
      assertEquals(want.shape(), got.shape());
      double tol = 1e-6 + Math.scalb(1.0, -20) * Math.pow(mode.equals("cubic") ? 4 : 2, dims);
      for (int i = 0; i < want.size(); i++) {
        assertEquals(want.floats()[i], got.floats()[i], tol, args + " element " + i);
      }
    }
  }
}
