package dev.tnet.runtime.model;

import java.io.IOException;
import java.io.InputStream;

/**
 * The class loader of one generated model, JIT-compiled or loaded from a jar. It defines the
 * model's class and, when that class first calls a library kernel, <em>its own copy</em> of the
 * kernel package {@value #KERNELS} (read from the runtime's class files, unchanged); every other
 * class comes from the runtime's loader.
 *
 * <p>Why a copy: the JVM profiles and compiles a method once for all its callers. A kernel shared
 * by every model in a process is compiled for whichever model ran it first (its loop trip counts,
 * branch frequencies), and another model's shapes may then run the same code at half speed: after
 * PP-OCRv4 det had run, PP-OCR cls's depthwise layers took 0.74 ms instead of 0.37. With a copy per
 * model each model's kernels are profiled and compiled for that model alone. The cost: each model
 * warms up its own kernels, and the compiled code is not shared.
 *
 * <p>One class of the package is not copied: {@value #SHARED}, the per-thread scratch arrays. A
 * copy would hold a thread-local whose values, kept by every thread that ran the model (the pool's
 * live as long as the process), refer to the copy's class and so keep the model's loader, its
 * kernels and their arrays alive after the model is dropped; shared, the arrays are also reused
 * across models, as before there were copies.
 *
 * <p>Invariants the copy relies on: the kernel package is reached from generated code only through
 * {@code Library.call} with arrays, ints, floats and a {@link WorkerPool}, so no kernel object
 * crosses between copies; the kernels use other runtime packages, and {@value #SHARED}, only
 * through public members; their other static state (constant shuffles and masks) is per copy.
 *
 * <p>{@code -Dtnet.sharedKernels=true} turns the copies off (every model then uses the runtime's
 * kernels): each model's first runs are faster (its kernels may be compiled already), at the
 * price above.
 */
public final class ModelClassLoader extends ClassLoader {
  /** The package every model gets its own copy of, as a class-name prefix. */
  public static final String KERNELS = "dev.tnet.runtime.kernel.";
  /** The kernel class every model shares (see the class comment). */
  public static final String SHARED = "dev.tnet.runtime.kernel.Scratch";

  static {
    registerAsParallelCapable();
  }

  /** Whether loaders made by {@link #ModelClassLoader()} share the runtime's kernels: {@code -Dtnet.sharedKernels=true}. */
  static final boolean SHARED_KERNELS = Boolean.getBoolean("tnet.sharedKernels");

  private final boolean ownKernels;

  /** A loader with its own kernels, unless {@code -Dtnet.sharedKernels=true}. */
  public ModelClassLoader() {
    this(!SHARED_KERNELS);
  }

  /** A loader with its own copy of the kernel package, or ({@code ownKernels} false) the runtime's. */
  public ModelClassLoader(boolean ownKernels) {
    super("tnet-model", ModelClassLoader.class.getClassLoader());
    this.ownKernels = ownKernels;
  }

  /** Defines the model's class {@code name} (dots) from {@code bytes}. */
  public Class<?> define(String name, byte[] bytes) {
    return defineClass(name, bytes, 0, bytes.length);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!ownKernels || !name.startsWith(KERNELS) || name.equals(SHARED)) return super.loadClass(name, resolve);
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        byte[] bytes = runtimeClassFile(name);
        c = defineClass(name, bytes, 0, bytes.length, ModelClassLoader.class.getProtectionDomain());
      }
      if (resolve) resolveClass(c);
      return c;
    }
  }

  private byte[] runtimeClassFile(String name) throws ClassNotFoundException {
    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
      if (in == null) throw new ClassNotFoundException(name);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new ClassNotFoundException(name + ": cannot read the runtime's class file", e);
    }
  }
}
