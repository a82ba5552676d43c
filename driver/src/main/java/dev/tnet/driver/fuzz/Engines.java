package dev.tnet.driver.fuzz;

import dev.tnet.driver.Tnet;
import dev.tnet.interp.Interpreter;
import dev.tnet.ir.loop.LoopInterpreter;
import dev.tnet.ir.loop.LoopProgram;
import dev.tnet.ir.loop.LoopVerifier;
import dev.tnet.ir.pass.LoopPipeline;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.UserException;
import dev.tnet.runtime.model.CompiledModel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs a case on each engine: the reference interpreter, the JIT, an ahead-of-time jar, and the
 * loop interpreter after each pass. A user error becomes an {@link Outcome.Error}; anything
 * else propagates (the property reports it as a crash).
 */
final class Engines {
  private Engines() {}

  static Outcome interp(FuzzCase c) {
    try {
      return new Outcome.Ok(Interpreter.run(c.graph(), c.inputs(), c.weights()));
    } catch (UserException e) {
      return Outcome.error(e);
    }
  }

  static Tnet.Options options(FuzzCase c, int threads) {
    return Tnet.Options.defaults().threads(threads).vectorize(true).inputShapes(shapes(c));
  }

  /**
   * Compiles with the JIT and runs. A user error while compiling counts as the same outcome as one
   * while running: the JIT compiles for the inputs' shapes, so it finds some errors earlier.
   */
  static Outcome jit(FuzzCase c, int threads) {
    CompiledModel m;
    try {
      m = Tnet.compile(c.graph(), c.weights(), options(c, threads));
    } catch (UserException e) {
      return Outcome.error(e);
    }
    return run(m, c);
  }

  /** Writes a jar to {@code dir}, loads it and runs it. */
  static Outcome aot(FuzzCase c, int threads, Path dir) {
    Path jar = dir.resolve("model.jar");
    CompiledModel m;
    try {
      Tnet.compileToJar(c.graph(), c.weights(), options(c, threads), jar);
      m = CompiledModel.load(jar);
    } catch (UserException e) {
      return Outcome.error(e);
    }
    return run(m, c);
  }

  private static Outcome run(CompiledModel m, FuzzCase c) {
    try {
      return new Outcome.Ok(m.run(c.inputs()));
    } catch (UserException e) {
      return Outcome.error(e);
    }
  }

  /** The program after each pass (verified), in pass order. */
  static Map<String, LoopProgram> stages(FuzzCase c) {
    Map<String, LoopProgram> stages = new LinkedHashMap<>();
    LoopPipeline.compile(c.graph(), shapes(c), stages::put);
    stages.values().forEach(LoopVerifier::verify);
    return stages;
  }

  static Outcome loops(LoopProgram p, FuzzCase c) {
    try {
      return new Outcome.Ok(LoopInterpreter.run(p, c.inputs(), c.weights()));
    } catch (UserException e) {
      return Outcome.error(e);
    }
  }

  static Map<String, Shape> shapes(FuzzCase c) {
    Map<String, Shape> s = new LinkedHashMap<>();
    c.inputs().forEach((k, v) -> s.put(k, v.shape()));
    return s;
  }

  /** Tensors equal bit for bit, every NaN counting as one; null if so, else where they differ. */
  static String bitwiseDiff(Map<String, Tensor> want, Map<String, Tensor> got) {
    if (!want.keySet().equals(got.keySet())) return "outputs " + want.keySet() + " vs " + got.keySet();
    for (var e : want.entrySet()) {
      Tensor w = e.getValue(), g = got.get(e.getKey());
      if (w.dtype() != g.dtype() || !w.shape().equals(g.shape())) {
        return e.getKey() + ": " + w.dtype() + w.shape() + " vs " + g.dtype() + g.shape();
      }
      for (int i = 0; i < w.size(); i++) {
        boolean same = switch (w.dtype()) {
          case I64 -> w.longs()[i] == g.longs()[i];
          case F32 -> Float.floatToIntBits(w.floats()[i]) == Float.floatToIntBits(g.floats()[i]);
        };
        if (!same) {
          return e.getKey() + index(w.shape(), i) + ": " + element(w, i) + " vs " + element(g, i);
        }
      }
    }
    return null;
  }

  static String element(Tensor t, int i) {
    return switch (t.dtype()) {
      case I64 -> Long.toString(t.longs()[i]);
      case F32 -> Float.toString(t.floats()[i]);
    };
  }

  /** {@code [1, 0, 3]}: the multi-index of flat element {@code i}. */
  static String index(Shape s, int i) {
    int[] idx = new int[s.rank()];
    for (int d = s.rank() - 1; d >= 0; d--) {
      idx[d] = s.dim(d) == 0 ? 0 : i % s.dim(d);
      i = s.dim(d) == 0 ? 0 : i / s.dim(d);
    }
    return java.util.Arrays.toString(idx);
  }
}
