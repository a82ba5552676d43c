package dev.tnet.onnx.write;

import ai.onnxruntime.OrtException;
import dev.tnet.onnx.OrtTensors;
import dev.tnet.runtime.DType;
import dev.tnet.runtime.Tensor;
import java.util.Map;

/** Runs an exported model in ONNX Runtime and compares it with the interpreter. */
final class Ort {
  private Ort() {}

  /** Outputs by tnet's output names. */
  static Map<String, Tensor> run(OnnxExporter.OnnxModel m, Map<String, Tensor> inputs) throws OrtException {
    return OrtTensors.run(m, inputs);
  }

  /**
   * The largest error of {@code got} against {@code want} measured as {@code |got - want| / (atol +
   * rtol * |want|)} (so at most 1 passes); NaN matches NaN, an infinity itself. Fails on a shape or
   * dtype mismatch.
   */
  static double error(Map<String, Tensor> want, Map<String, Tensor> got, double atol, double rtol, StringBuilder worst) {
    double max = 0;
    for (var e : want.entrySet()) {
      Tensor w = e.getValue(), g = got.get(e.getKey());
      if (g == null || w.dtype() != g.dtype() || !w.shape().equals(g.shape())) {
        throw new AssertionError(e.getKey() + ": interpreter " + w.dtype() + w.shape() + ", ONNX Runtime "
            + (g == null ? "nothing" : g.dtype() + "" + g.shape()));
      }
      for (int i = 0; i < w.size(); i++) {
        double a = w.dtype() == DType.F32 ? w.floats()[i] : w.longs()[i];
        double b = g.dtype() == DType.F32 ? g.floats()[i] : g.longs()[i];
        double err;
        if (Double.isNaN(a) || Double.isNaN(b)) err = Double.isNaN(a) && Double.isNaN(b) ? 0 : Double.POSITIVE_INFINITY;
        else if (a == b) err = 0;
        else err = Math.abs(a - b) / (atol + rtol * Math.abs(a));
        if (err > max) {
          max = err;
          worst.setLength(0);
          worst.append(e.getKey()).append("[").append(i).append("]: interpreter ").append(a).append(", ORT ").append(b);
        }
      }
    }
    return max;
  }
}
