package dev.tnet.runtime.model;

import dev.tnet.runtime.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A model compiled for fixed input shapes, ready to run: made by the JVM backend at run time, or
 * loaded from a jar the backend wrote ahead of time ({@link #load}).
 *
 * <p><b>Threads.</b> {@link #run} is thread-safe: concurrent calls share the (read-only) weights
 * and the worker pool that runs parallel loops, and each takes its own arena of intermediate
 * buffers (a model keeps a few, allocated on first use and reused by later calls) and allocates
 * its own outputs.
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
   * The time spent in each kernel, in program order, summed over every {@link #run} so far, for
   * a model compiled with profiling ({@code tnet run --profile}); empty for any other model.
   * Timing each kernel costs two clock reads per kernel and run.
   */
  default List<KernelTime> profile() {
    return List.of();
  }

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
