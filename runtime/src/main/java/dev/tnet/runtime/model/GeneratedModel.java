package dev.tnet.runtime.model;

import dev.tnet.runtime.DType;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.UserException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The superclass of every class the JVM backend generates, so that generated code is only the
 * arithmetic: this class checks and holds the weights, checks inputs, and wraps outputs.
 *
 * <p>A generated class has a constructor {@code (Map<String, Tensor> weights, WorkerPool pool)}
 * that passes its signature (JSON, see {@link ModelSignature#toJson}) up, then copies each weight
 * array into a field with {@link #floatWeight}/{@link #longWeight}. Its {@link #execute} gets the
 * input arrays in signature order and an arena of intermediate buffers made by its {@link #temps},
 * zeroes the ones a kernel may read before writing, allocates the outputs, calls one static
 * method per kernel and returns the output arrays in signature order.
 *
 * <p><b>Arenas.</b> Each {@link #run} takes an arena from this model's free list (or makes one if
 * all are in use by concurrent calls) and gives it back when it returns, so a model running on one
 * thread allocates its intermediate buffers once, and concurrent calls never share an arena. At
 * most {@link #KEPT_ARENAS} free arenas are kept; more concurrent calls allocate and drop theirs.
 *
 * <p>Weight arrays are used in place, not copied: the caller must not change the weight tensors
 * after compiling (as {@link Tensor} says, only their creator writes them).
 */
public abstract class GeneratedModel implements CompiledModel {
  private final ModelSignature signature;
  private final Object[] weightArrays;
  /** Runs the chunks of parallel loops; generated code reads it. */
  protected final WorkerPool pool;
  /** How many free arenas a model keeps at most. */
  static final int KEPT_ARENAS = Math.max(2, Runtime.getRuntime().availableProcessors());
  /** Arenas not in use by a call. */
  private final ConcurrentLinkedQueue<Object[]> freeArenas = new ConcurrentLinkedQueue<>();
  private final AtomicInteger freeCount = new AtomicInteger();
  /** Kernel names, when profiled (set by the constructor through {@link #profileKernels}); else null. */
  private String[] kernelNames;
  private AtomicLongArray kernelCalls, kernelNanos;

  protected GeneratedModel(String signatureJson, Map<String, Tensor> weights, WorkerPool pool) {
    this.signature = ModelSignature.fromJson(signatureJson, getClass().getName());
    this.pool = pool;
    signature.check("weight", signature.weights(), weights);
    weightArrays = signature.weights().stream().map(s -> array(weights.get(s.name()))).toArray();
  }

  private static Object array(Tensor t) {
    return t.dtype() == DType.F32 ? t.floats() : t.longs();
  }

  /**
   * Makes this model profiled: {@code names} are its kernels, one per line, in the order of the
   * indices {@link #profiled} gets. Called by the constructor of a class compiled with profiling.
   */
  protected final void profileKernels(String names) {
    kernelNames = names.split("\n", -1);
    kernelCalls = new AtomicLongArray(kernelNames.length);
    kernelNanos = new AtomicLongArray(kernelNames.length);
  }

  /** Adds one call of kernel {@code kernel}, started at {@code startNanos} ({@link System#nanoTime}), to the profile. */
  protected final void profiled(int kernel, long startNanos) {
    kernelNanos.addAndGet(kernel, System.nanoTime() - startNanos);
    kernelCalls.incrementAndGet(kernel);
  }

  @Override
  public final List<KernelTime> profile() {
    if (kernelNames == null) return List.of();
    List<KernelTime> out = new java.util.ArrayList<>();
    for (int i = 0; i < kernelNames.length; i++) out.add(new KernelTime(kernelNames[i], kernelCalls.get(i), kernelNanos.get(i)));
    return out;
  }

  /** The array of weight {@code i} (signature order), a float tensor. */
  protected final float[] floatWeight(int i) {
    return (float[]) weightArrays[i];
  }

  /** The array of weight {@code i} (signature order), an int64 tensor. */
  protected final long[] longWeight(int i) {
    return (long[]) weightArrays[i];
  }

  /**
   * Runs the kernels: {@code inputs[i]} is the array of input {@code i} (read only), {@code temps}
   * an arena made by {@link #temps} that no other call uses meanwhile (its contents are whatever
   * the last call left); returns a fresh array per output, in signature order.
   */
  protected abstract Object[] execute(Object[] inputs, Object[] temps);

  /** A new arena: one array per intermediate buffer of the model. */
  protected abstract Object[] temps();

  /** The exception a failed {@code check} of loop IR throws: the check's message and value. */
  protected static UserException checkFailed(String message, String value) {
    return new UserException(message + " (got " + value + ")");
  }

  public final ModelSignature signature() {
    return signature;
  }

  @Override
  public final List<IoSpec> inputs() {
    return signature.inputs();
  }

  @Override
  public final List<IoSpec> outputs() {
    return signature.outputs();
  }

  @Override
  public final Map<String, Tensor> run(Map<String, Tensor> inputs) {
    signature.check("input", signature.inputs(), inputs);
    Object[] arrays = signature.inputs().stream().map(s -> array(inputs.get(s.name()))).toArray();
    Object[] arena = freeArenas.poll();
    if (arena != null) freeCount.decrementAndGet();
    else arena = temps();
    Object[] out;
    try {
      out = execute(arrays, arena);
    } finally {
      if (freeCount.incrementAndGet() <= KEPT_ARENAS) freeArenas.offer(arena);
      else freeCount.decrementAndGet();
    }
    Map<String, Tensor> result = new LinkedHashMap<>();
    List<IoSpec> outs = signature.outputs();
    for (int i = 0; i < outs.size(); i++) {
      Object a = out[i];
      for (int j = 0; j < i; j++) if (out[j] == a) a = copy(a); // two outputs of one buffer
      result.put(outs.get(i).name(), a instanceof float[] f ? Tensor.of(outs.get(i).shape(), f)
          : Tensor.ofLongs(outs.get(i).shape(), (long[]) a));
    }
    return result;
  }

  private static Object copy(Object a) {
    return a instanceof float[] f ? f.clone() : ((long[]) a).clone();
  }

  public String toString() {
    return "compiled model " + signature.name() + signature.inputs() + " -> " + signature.outputs();
  }
}
