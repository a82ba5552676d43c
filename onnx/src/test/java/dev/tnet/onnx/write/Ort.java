package dev.tnet.onnx.write;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.tnet.runtime.DType;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs an exported model in ONNX Runtime and compares it with the interpreter. */
final class Ort {
  private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

  private Ort() {}

  /** Outputs by tnet's output names. */
  static Map<String, Tensor> run(OnnxExporter.OnnxModel m, Map<String, Tensor> inputs) throws OrtException {
    OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
    opts.setIntraOpNumThreads(1);
    opts.setSessionLogLevel(ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
    try (OrtSession s = ENV.createSession(m.bytes(), opts)) {
      Map<String, OnnxTensor> feed = new HashMap<>();
      try {
        for (var e : inputs.entrySet()) feed.put(m.inputNames().get(e.getKey()), tensor(e.getValue()));
        try (OrtSession.Result r = s.run(feed)) {
          Map<String, Tensor> out = new LinkedHashMap<>();
          for (var e : m.outputNames().entrySet()) out.put(e.getKey(), tensor((OnnxTensor) r.get(e.getValue()).orElseThrow()));
          return out;
        }
      } finally {
        feed.values().forEach(OnnxValue::close);
      }
    }
  }

  private static OnnxTensor tensor(Tensor t) throws OrtException {
    long[] shape = java.util.Arrays.stream(t.shape().dims()).asLongStream().toArray();
    return t.dtype() == DType.F32 ? OnnxTensor.createTensor(ENV, FloatBuffer.wrap(t.floats()), shape)
        : OnnxTensor.createTensor(ENV, LongBuffer.wrap(t.longs()), shape);
  }

  private static Tensor tensor(OnnxTensor t) {
    long[] dims = t.getInfo().getShape();
    Shape shape = Shape.ofLongs(dims);
    return switch (t.getInfo().type) {
      case FLOAT -> {
        FloatBuffer b = t.getFloatBuffer();
        float[] d = new float[b.remaining()];
        b.get(d);
        yield Tensor.of(shape, d);
      }
      case INT64 -> {
        LongBuffer b = t.getLongBuffer();
        long[] d = new long[b.remaining()];
        b.get(d);
        yield Tensor.ofLongs(shape, d);
      }
      default -> throw new AssertionError("unexpected ONNX output type " + t.getInfo().type);
    };
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
