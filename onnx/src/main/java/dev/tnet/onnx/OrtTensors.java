package dev.tnet.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import dev.tnet.runtime.DType;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ONNX Runtime (Java) as tnet's differential oracle and performance rival: tensors converted both
 * ways (f32 and i64) and one-shot runs of a model. Used by the onnx tests, the {@code onnx} fuzz
 * property and {@code tnet bench}.
 */
public final class OrtTensors {
  public static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

  private OrtTensors() {}

  /** {@code t} as an ONNX Runtime tensor (the caller closes it). */
  public static OnnxTensor toOrt(Tensor t) throws OrtException {
    long[] shape = Arrays.stream(t.shape().dims()).asLongStream().toArray();
    return t.dtype() == DType.F32 ? OnnxTensor.createTensor(ENV, FloatBuffer.wrap(t.floats()), shape)
        : OnnxTensor.createTensor(ENV, LongBuffer.wrap(t.longs()), shape);
  }

  /** An f32 or i64 ONNX Runtime tensor as a tnet tensor. */
  public static Tensor fromOrt(OnnxTensor t) {
    Shape shape = Shape.ofLongs(t.getInfo().getShape());
    if (t.getInfo().type == OnnxJavaType.INT64) {
      LongBuffer b = t.getLongBuffer();
      long[] d = new long[b.remaining()];
      b.get(d);
      return Tensor.ofLongs(shape, d);
    }
    if (t.getInfo().type != OnnxJavaType.FLOAT) throw new IllegalStateException("unexpected ONNX output type " + t.getInfo().type);
    FloatBuffer b = t.getFloatBuffer();
    float[] d = new float[b.remaining()];
    b.get(d);
    return Tensor.of(shape, d);
  }

  /**
   * Runs {@code model} once on {@code inputs} (keyed by ONNX input name) with {@code threads}
   * intra-op threads at optimisation level {@code level}; the outputs by ONNX name, in the model's
   * order.
   */
  public static Map<String, Tensor> run(byte[] model, Map<String, Tensor> inputs, int threads,
      OrtSession.SessionOptions.OptLevel level) throws OrtException {
    try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
      opts.setIntraOpNumThreads(threads);
      opts.setOptimizationLevel(level);
      opts.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
      try (OrtSession s = ENV.createSession(model, opts)) {
        Map<String, OnnxTensor> feed = new LinkedHashMap<>();
        try {
          for (var e : inputs.entrySet()) feed.put(e.getKey(), toOrt(e.getValue()));
          try (OrtSession.Result r = s.run(feed)) {
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (var e : r) out.put(e.getKey(), fromOrt((OnnxTensor) e.getValue()));
            return out;
          }
        } finally {
          feed.values().forEach(OnnxValue::close);
        }
      }
    }
  }

  /** An exported model run once on one thread (default optimisations), inputs and outputs by tnet's names. */
  public static Map<String, Tensor> run(dev.tnet.onnx.write.OnnxExporter.OnnxModel m, Map<String, Tensor> inputs) throws OrtException {
    Map<String, Tensor> feed = new LinkedHashMap<>();
    inputs.forEach((k, v) -> feed.put(m.inputNames().get(k), v));
    Map<String, Tensor> got = run(m.bytes(), feed, 1, OrtSession.SessionOptions.OptLevel.ALL_OPT);
    Map<String, Tensor> out = new LinkedHashMap<>();
    m.outputNames().forEach((tnetName, onnxName) -> out.put(tnetName, got.get(onnxName)));
    return out;
  }
}
