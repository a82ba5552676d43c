package dev.tnet.ir.loop;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A graph lowered to loop nests for fixed input shapes: buffers, and kernels run in order.
 * {@code inputs}, {@code weights} and {@code outputs} map the graph's names to buffer names.
 * Invariant (checked by {@link LoopVerifier}): a kernel only reads buffers that are inputs,
 * weights, or written by an earlier kernel; every access is in bounds.
 */
public record LoopProgram(String name, Map<String, Buffer> buffers, List<Kernel> kernels,
    Map<String, String> inputs, Map<String, String> weights, Map<String, String> outputs) {
  public LoopProgram {
    buffers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(buffers));
    kernels = List.copyOf(kernels);
    inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    weights = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    outputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
  }

  public Buffer buffer(String name) {
    Buffer b = buffers.get(name);
    if (b == null) throw new dev.tnet.runtime.CompilerBug("no buffer " + name + " in " + this.name);
    return b;
  }

  /** The same program with every kernel rewritten by {@code f}. */
  public LoopProgram mapKernels(UnaryOperator<Kernel> f) {
    return new LoopProgram(name, buffers, kernels.stream().map(f).toList(), inputs, weights, outputs);
  }

  public String toString() {
    return LoopPrinter.print(this);
  }
}
