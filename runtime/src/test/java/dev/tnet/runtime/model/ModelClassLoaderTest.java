package dev.tnet.runtime.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tnet.runtime.kernel.Library;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

class ModelClassLoaderTest {
  @Test
  void eachLoaderHasItsOwnKernelPackage() throws Exception {
    ModelClassLoader a = new ModelClassLoader(true), b = new ModelClassLoader(true);
    Class<?> libraryA = a.loadClass(Library.class.getName()), libraryB = b.loadClass(Library.class.getName());
    assertNotSame(Library.class, libraryA);
    assertNotSame(libraryA, libraryB);
    assertSame(a, libraryA.getClassLoader());
    assertSame(libraryA, a.loadClass(Library.class.getName()), "one copy per loader");
    // the copy's classes link to each other, not to the runtime's
    assertSame(a, a.loadClass("dev.tnet.runtime.kernel.Gemm").getClassLoader());
  }

  @Test
  void everythingElseIsTheRuntimes() throws Exception {
    ModelClassLoader a = new ModelClassLoader(true);
    assertSame(dev.tnet.runtime.kernel.Scratch.class, a.loadClass(ModelClassLoader.SHARED), "the kernels' scratch arrays are shared");
    assertSame(WorkerPool.class, a.loadClass(WorkerPool.class.getName()));
    assertSame(GeneratedModel.class, a.loadClass(GeneratedModel.class.getName()));
    assertSame(String.class, a.loadClass("java.lang.String"));
  }

  @Test
  void theCopyRunsKernels() throws Exception {
    Method call = new ModelClassLoader(true).loadClass(Library.class.getName())
        .getMethod("call", String.class, WorkerPool.class, float[][].class, float[].class, int[].class, float[].class);
    // global average pool of two planes of three: the means
    float[] out = new float[2];
    call.invoke(null, "global_avg_pool", null, new float[][] {{1, 2, 3, 4, 5, 9}}, out, new int[] {2, 3}, new float[0]);
    assertArrayEquals(new float[] {2, 6}, out);
  }

  @Test
  void withoutOwnKernelsTheRuntimesAreUsed() throws Exception {
    assertSame(Library.class, new ModelClassLoader(false).loadClass(Library.class.getName()));
  }

  @Test
  void aKernelClassTheRuntimeDoesNotHaveIsNotFound() {
    assertThrows(ClassNotFoundException.class, () -> new ModelClassLoader(true).loadClass("dev.tnet.runtime.kernel.NoSuchKernel"));
  }
}
