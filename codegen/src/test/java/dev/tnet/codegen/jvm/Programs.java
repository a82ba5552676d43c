package dev.tnet.codegen.jvm;

import dev.tnet.ir.loop.Buffer;
import dev.tnet.ir.loop.Kernel;
import dev.tnet.ir.loop.LoopProgram;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.runtime.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds hand-written loop programs for tests; graph names equal buffer names. */
final class Programs {
  private final String name;
  private final Map<String, Buffer> buffers = new LinkedHashMap<>();
  private final Map<String, String> inputs = new LinkedHashMap<>(), weights = new LinkedHashMap<>(), outputs = new LinkedHashMap<>();
  private final List<Kernel> kernels = new ArrayList<>();

  private Programs(String name) {
    this.name = name;
  }

  static Programs named(String name) {
    return new Programs(name);
  }

  Programs input(String n, ScalarType t, int... dims) {
    return buffer(n, t, dims, Buffer.Role.INPUT, inputs);
  }

  Programs weight(String n, ScalarType t, int... dims) {
    return buffer(n, t, dims, Buffer.Role.WEIGHT, weights);
  }

  Programs output(String n, ScalarType t, int... dims) {
    return buffer(n, t, dims, Buffer.Role.OUTPUT, outputs);
  }

  Programs temp(String n, ScalarType t, int... dims) {
    return buffer(n, t, dims, Buffer.Role.TEMP, null);
  }

  /** Adds buffer {@code n} with {@code role}, and names it after itself in {@code graphNames} if given. */
  private Programs buffer(String n, ScalarType t, int[] dims, Buffer.Role role, Map<String, String> graphNames) {
    buffers.put(n, new Buffer(n, t, Shape.of(dims), role));
    if (graphNames != null) graphNames.put(n, n);
    return this;
  }

  /** An output named {@code graphName} that is the buffer {@code buffer}. */
  Programs outputOf(String graphName, String buffer) {
    outputs.put(graphName, buffer);
    return this;
  }

  Programs kernel(String n, Stmt body) {
    kernels.add(new Kernel(n, "test", body));
    return this;
  }

  LoopProgram build() {
    return new LoopProgram(name, buffers, kernels, inputs, weights, outputs);
  }
}
