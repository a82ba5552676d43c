package dev.tnet.driver.fuzz;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.tnet.onnx.write.OnnxExporter;
import dev.tnet.runtime.DType;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs an exported case in ONNX Runtime (one thread), outputs by tnet's output names. */
final class OrtEngine {
  private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

  private OrtEngine() {}

  static Map<String, Tensor> run(OnnxExporter.OnnxModel m, Map<String, Tensor> inputs) throws OrtException {
    try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
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
  }

  private static OnnxTensor tensor(Tensor t) throws OrtException {
    long[] shape = java.util.Arrays.stream(t.shape().dims()).asLongStream().toArray();
    return t.dtype() == DType.F32 ? OnnxTensor.createTensor(ENV, FloatBuffer.wrap(t.floats()), shape)
        : OnnxTensor.createTensor(ENV, LongBuffer.wrap(t.longs()), shape);
  }

  private static Tensor tensor(OnnxTensor t) {
    Shape shape = Shape.ofLongs(t.getInfo().getShape());
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
      default -> throw new IllegalStateException("unexpected ONNX output type " + t.getInfo().type);
    };
  }
}
