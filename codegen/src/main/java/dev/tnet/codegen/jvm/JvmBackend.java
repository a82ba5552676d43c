package dev.tnet.codegen.jvm;

import dev.tnet.ir.loop.LoopProgram;
import dev.tnet.ir.loop.LoopVerifier;
import dev.tnet.runtime.CompilerBug;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.UserException;
import dev.tnet.runtime.model.CompiledModel;
import dev.tnet.runtime.model.ModelClassLoader;
import dev.tnet.runtime.model.WorkerPool;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceClassVisitor;

/**
 * The JVM backend: compiles a {@link LoopProgram} to one class (see {@link ClassEmitter}) and
 * either loads it at once in a {@link ModelClassLoader} of its own ({@link #compile}) or writes
 * it to a jar with the weights ({@link #writeJar}) for {@link CompiledModel#load}. {@link #dump}
 * shows the bytecode.
 */
public final class JvmBackend {
  /** The package of classes loaded at once (each in a loader of its own, so names may repeat). */
  static final String JIT_PACKAGE = "dev/tnet/jit/";
  /** Whether this JVM runs with {@code --add-modules jdk.incubator.vector}; without it, every loop is scalar. */
  static final boolean VECTOR_API = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  /** The package of classes written to jars. */
  static final String AOT_PACKAGE = "dev/tnet/generated/";

  /**
   * How to compile. {@code threads}: the worker threads parallel loops use (1 runs every loop on
   * the caller's thread). {@code vectorize}: VECTOR loops become Vector API code when they can (and
   * the JVM has {@code jdk.incubator.vector}; a jar made so needs it too). {@code parallelMinWork}:
   * a PARALLEL loop nest whose estimated work ({@link ClassPlan#work}: the loop extents times the
   * number of IR nodes in the body, about one JVM operation each) is below this runs serially,
   * inline, since handing chunks to the pool and waiting for them costs microseconds; 0 splits
   * every parallel loop. Results do not depend on it. {@code profile}: time every kernel call
   * (see {@link CompiledModel#profile}).
   */
  public record Options(int threads, boolean vectorize, long parallelMinWork, boolean profile) {
    /**
     * The default {@code parallelMinWork}: about 20 to 60 microseconds of scalar work, a few
     * times what a fork and join on the pool costs.
     */
    public static final long PARALLEL_MIN_WORK = Long.getLong("tnet.parallelMinWork", 1L << 16);

    public Options {
      if (threads < 1) throw new UserException("threads must be at least 1, got " + threads);
      if (parallelMinWork < 0) throw new UserException("parallelMinWork must be at least 0, got " + parallelMinWork);
    }

    /** Not profiled. */
    public Options(int threads, boolean vectorize, long parallelMinWork) {
      this(threads, vectorize, parallelMinWork, false);
    }

    /** {@code threads} and {@code vectorize} with the default {@link #PARALLEL_MIN_WORK}, not profiled. */
    public Options(int threads, boolean vectorize) {
      this(threads, vectorize, PARALLEL_MIN_WORK);
    }

    /** All processors, vectorized. */
    public static Options defaults() {
      return new Options(WorkerPool.defaultThreads(), true);
    }

    /** These options with every parallel loop split over the pool, however small. */
    public Options splitAll() {
      return new Options(threads, vectorize, 0, profile);
    }

    /** These options with every kernel call timed. */
    public Options profiled() {
      return new Options(threads, vectorize, parallelMinWork, true);
    }
  }

  private JvmBackend() {}

  public static CompiledModel compile(LoopProgram p, Map<String, Tensor> weights) {
    return compile(p, weights, Options.defaults());
  }

  /**
   * Compiles {@code p} and loads it in a {@link ModelClassLoader} of its own, which also gives it
   * its own copy of the kernel library (nothing is written to disk).
   *
   * @throws UserException if the weights do not match the program's (all problems listed)
   */
  public static CompiledModel compile(LoopProgram p, Map<String, Tensor> weights, Options options) {
    byte[] bytes = classBytes(p, JIT_PACKAGE + className(p), options);
    MethodHandle ctor;
    try {
      Class<?> c = new ModelClassLoader().define(JIT_PACKAGE.replace('/', '.') + className(p), bytes);
      MethodType type = MethodType.methodType(void.class, Map.class, WorkerPool.class);
      ctor = MethodHandles.publicLookup().findConstructor(c, type);
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new CompilerBug("the JVM refused the class generated for " + p.name() + ": " + e, e);
    }
    try {
      return (CompiledModel) ctor.invoke(weights, WorkerPool.shared(options.threads()));
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new CompilerBug("constructing the model " + p.name() + " failed", t);
    }
  }

  /** The class file for {@code p}, named {@code internalName} (slashes). Verifies {@code p} first. */
  public static byte[] classBytes(LoopProgram p, String internalName, Options options) {
    LoopVerifier.verify(p);
    return ClassEmitter.emit(ClassPlan.of(p, internalName, options));
  }

  /** The simple name of {@code p}'s class. */
  static String className(LoopProgram p) {
    return "Model_" + Jvm.identifier(p.name());
  }

  /**
   * The bytes of one run's intermediate buffers as the generated class allocates them: one arena
   * of arrays, a buffer sharing an array with others whose lifetimes (first to last kernel using
   * them) do not overlap. Inputs, outputs, weights and the weights packed at load are not counted.
   */
  public static long arenaBytes(LoopProgram p) {
    long bytes = 0;
    for (ClassPlan.ArenaArray a : ClassPlan.of(p, "ArenaProbe", new Options(1, true)).arena()) {
      bytes += (long) a.size() * switch (a.type()) {
        case F32, I32 -> 4;
        case I64 -> 8;
        case BOOL -> 1;
      };
    }
    return bytes;
  }

  /** The generated class of {@code p} as text (ASM's {@link Textifier}): {@code --dump-bytecode}. */
  public static String dump(LoopProgram p) {
    return dump(p, Options.defaults());
  }

  public static String dump(LoopProgram p, Options options) {
    return textify(classBytes(p, JIT_PACKAGE + className(p), options));
  }

  static String textify(byte[] classFile) {
    StringWriter out = new StringWriter();
    new ClassReader(classFile).accept(new TraceClassVisitor(null, new Textifier(), new PrintWriter(out)), 0);
    return out.toString();
  }

  public static void writeJar(LoopProgram p, Map<String, Tensor> weights, Path jar) {
    writeJar(p, weights, jar, Options.defaults());
  }

  /**
   * Writes {@code p} compiled ahead of time, with its weights, to {@code jar}; see
   * {@link dev.tnet.runtime.model.ModelJar} for the layout. Replaces {@code jar} atomically.
   *
   * @throws UserException if the weights do not match the program's, or the file cannot be written
   */
  public static void writeJar(LoopProgram p, Map<String, Tensor> weights, Path jar, Options options) {
    String name = AOT_PACKAGE + className(p);
    JarWriter.write(ClassEmitter.signature(p), name, classBytes(p, name, options), weights, options.threads(), jar);
  }
}
