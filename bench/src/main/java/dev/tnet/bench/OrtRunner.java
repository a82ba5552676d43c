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
 * one inter-op thread, sequential execution, every graph optimization, and its pool threads told
 * to stop spinning when {@code run} returns ({@link #STOP_SPINNING}). The input tensor is made
 * once; {@link #run} times only {@code session.run} and the release of its results.
 */
final class OrtRunner implements AutoCloseable {
  /**
   * The session option that stops ONNX Runtime's pool threads spinning as soon as a run returns
   * (they spin between its ops as by default, and again from the next run). By default they keep
   * spinning after a run, and in this benchmark the next run is tnet's, in the same process on
   * the same two cores: MobileNetV2 at 2 threads, tnet 15.9-20.6 ms in the benchmark against
   * 9.7-10.0 run alone; with this option 9.3-9.4 in the benchmark. ONNX Runtime's own latency is
   * its best either way (MobileNetV2 at 2 threads 5.3-5.5 ms, alone with default options 5.3; PP-OCR
   * cls 1.08, alone 1.07), where switching spinning off altogether made cls 1.45.
   */
  static final String STOP_SPINNING = "session.force_spinning_stop";

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
      o.addConfigEntry(STOP_SPINNING, "1");
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
