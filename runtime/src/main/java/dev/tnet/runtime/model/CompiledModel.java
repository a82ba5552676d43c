package dev.tnet.runtime.model;

import dev.tnet.runtime.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A model compiled for fixed input shapes, ready to run: made by the JVM backend at run time, or
 * loaded from a jar the backend wrote ahead of time ({@link #load}).
 *
 * <p><b>Threads.</b> {@link #run} is thread-safe: every call allocates its own intermediate and
 * output buffers, so concurrent calls share nothing but the (read-only) weights and the worker
 * pool that runs parallel loops. This costs one allocation per intermediate tensor per call, which
 * is cheap next to the arithmetic of any model worth compiling, and keeps a model free of locks
 * and of per-thread state.
 */
public interface CompiledModel {
  /**
   * Runs the model. {@code inputs} maps every input name to a tensor of exactly the declared dtype
   * and shape; the returned map (outputs in declaration order) holds fresh tensors owned by the
   * caller. Input tensors are read, never written, and not retained.
   *
   * @throws dev.tnet.runtime.UserException naming each missing, unexpected or mis-typed input, or
   *     when a run-time check of the model fails (an index out of range, for example)
   */
  Map<String, Tensor> run(Map<String, Tensor> inputs);

  /** The inputs, in declaration order. */
  List<IoSpec> inputs();

  /** The outputs, in declaration order. */
  List<IoSpec> outputs();

  /**
   * Loads a model jar written by the JVM backend ahead of time. Needs only the runtime module:
   * the jar holds the generated class, the weights and metadata checked before anything runs.
   *
   * @throws dev.tnet.runtime.UserException if the file is not a readable model jar, was written by
   *     another tnet version, or is corrupted (a missing entry or a checksum mismatch)
   */
  static CompiledModel load(Path jar) {
    return ModelJar.load(jar);
  }
}
