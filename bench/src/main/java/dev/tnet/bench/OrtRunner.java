package dev.tnet.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import dev.tnet.onnx.OrtTensors;
import dev.tnet.runtime.Tensor;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * One ONNX Runtime session configured as the benchmark states: {@code threads} intra-op threads,
 * one inter-op thread, sequential execution, every graph optimization. The input tensor is made
 * once; {@link #run} times only {@code session.run} and the release of its results.
 */
final class OrtRunner implements AutoCloseable {
  static final OrtEnvironment ENV = OrtTensors.ENV;

  private final OrtSession session;
  private final OnnxTensor input;
  private final String inputName;

  OrtRunner(byte[] model, Tensor x, int threads) {
    try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
      o.setIntraOpNumThreads(threads);
      o.setInterOpNumThreads(1);
      o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      o.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
      session = ENV.createSession(model, o);
      inputName = session.getInputNames().iterator().next();
      input = OrtTensors.toOrt(x);
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime: " + e.getMessage(), e);
    }
  }

  /** Runs once and drops the results. */
  void run() {
    try (OrtSession.Result r = session.run(Map.of(inputName, input))) {
      if (r.size() == 0) throw new IllegalStateException("no outputs");
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime: " + e.getMessage(), e);
    }
  }

  /** Runs once and returns the first output's values. */
  float[] firstOutput() {
    try (OrtSession.Result r = session.run(Map.of(inputName, input))) {
      FloatBuffer b = ((OnnxTensor) r.get(0)).getFloatBuffer();
      float[] a = new float[b.remaining()];
      b.get(a);
      return a;
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime: " + e.getMessage(), e);
    }
  }

  static String version() {
    return ENV.getVersion();
  }

  @Override
  public void close() {
    try {
      input.close();
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException(e);
    }
  }
}
