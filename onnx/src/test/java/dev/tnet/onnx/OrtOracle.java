package dev.tnet.onnx;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.tnet.codegen.jvm.JvmBackend;
import dev.tnet.codegen.opencl.OpenClBackend;
import dev.tnet.interp.Interpreter;
import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.pass.LoopPipeline;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The test oracle: ONNX Runtime (Java) runs the original model, tnet runs the imported one with
 * the interpreter or the JVM backend, and {@link Error} measures how far apart they are.
 */
final class OrtOracle {
  private OrtOracle() {}

  /** The outputs of ONNX Runtime for {@code model} on the inputs, in the model's output order. */
  static List<Tensor> ort(byte[] model, Map<String, Tensor> inputs) {
    try {
      // No graph rewrites (Conv+BN folding, ...): the reference computes the model as written.
      return List.copyOf(OrtTensors.run(model, inputs, 2, OrtSession.SessionOptions.OptLevel.NO_OPT).values());
    } catch (OrtException e) {
      throw new AssertionError("ONNX Runtime failed: " + e.getMessage(), e);
    }
  }

  /** tnet's outputs, in graph output order: the interpreter, or the JVM backend compiled for the inputs' shapes. */
  /** Where tnet runs a model: the JVM backend, the reference interpreter, or the OpenCL backend (device 0). */
  enum Engine {
    JVM, INTERP, OPENCL;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  static List<Tensor> tnet(OnnxImport.Model m, Map<String, Tensor> inputs, Engine engine) {
    Graph g = m.graph();
    Map<String, Tensor> in = new LinkedHashMap<>();
    for (int i = 0; i < g.inputs().size(); i++) in.put(g.inputs().get(i).name(), inputs.values().stream().toList().get(i));
    Map<String, Tensor> out;
    Map<String, Shape> shapes = new LinkedHashMap<>();
    in.forEach((k, v) -> shapes.put(k, v.shape()));
    out = switch (engine) {
      case JVM -> JvmBackend.compile(LoopPipeline.compile(g, shapes, LoopPipeline.Listener.NONE), m.weights(),
          new JvmBackend.Options(2, true)).run(in);
      case INTERP -> Interpreter.run(g, in, m.weights());
      case OPENCL -> OpenClBackend.compile(OpenClBackend.lower(g, shapes, LoopPipeline.Listener.NONE), m.weights(),
          OpenClBackend.Options.defaults()).run(in);
    };
    List<Tensor> r = new ArrayList<>();
    for (Graph.Output o : g.outputs()) r.add(out.get(o.name()));
    return r;
  }

  /**
   * How far {@code actual} is from {@code expected}: the largest absolute difference, and the
   * largest difference relative to {@code max(|expected|, floor)} (the floor keeps values near 0,
   * where float32 carries no relative precision, from dominating).
   */
  record Error(double maxAbs, double maxRel) {
    static Error of(Tensor actual, Tensor expected, double floor) {
      if (!actual.shape().equals(expected.shape())) {
        throw new AssertionError("shape " + actual.shape() + ", ONNX Runtime gives " + expected.shape());
      }
      double abs = 0, rel = 0;
      float[] a = actual.toF32().floats(), e = expected.toF32().floats();
      for (int i = 0; i < a.length; i++) {
        double d = Math.abs((double) a[i] - e[i]);
        if (Double.isNaN(d)) d = Double.isNaN(a[i]) && Double.isNaN(e[i]) ? 0 : Double.POSITIVE_INFINITY;
        abs = Math.max(abs, d);
        rel = Math.max(rel, d / Math.max(Math.abs(e[i]), floor));
      }
      return new Error(abs, rel);
    }

    public String toString() {
      return String.format("max abs %.3g, max rel %.3g", maxAbs, maxRel);
    }
  }

  /** Uniform values in [lo, hi) from a seed. */
  static Tensor uniform(long seed, double lo, double hi, int... shape) {
    Random r = new Random(seed);
    Shape s = Shape.of(shape);
    float[] v = new float[s.size()];
    for (int i = 0; i < v.length; i++) v[i] = (float) (lo + (hi - lo) * r.nextDouble());
    return Tensor.of(s, v);
  }

  /**
   * An image-like input [1, 3, H, W] normalised as PaddleOCR does ({@code (pixel / 255 - mean) /
   * std}): 8×8 blocks of random colour with noise, so it has flat regions and edges, in the value
   * range the models see.
   */
  static Tensor image(long seed, int h, int w, float[] mean, float[] std) {
    Random r = new Random(seed);
    int blocksH = (h + 7) / 8, blocksW = (w + 7) / 8;
    float[][] colour = new float[3][blocksH * blocksW];
    for (float[] c : colour) for (int i = 0; i < c.length; i++) c[i] = r.nextInt(256);
    float[] v = new float[3 * h * w];
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          float pixel = Math.clamp(colour[c][(y / 8) * blocksW + x / 8] + (float) r.nextGaussian() * 12, 0, 255);
          v[(c * h + y) * w + x] = (pixel / 255f - mean[c]) / std[c];
        }
      }
    }
    return Tensor.of(Shape.of(1, 3, h, w), v);
  }
}
