package dev.tnet.driver.fuzz;

import dev.tnet.codegen.opencl.OpenClBackend;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * Skips a property (with the reason) on a machine without an OpenCL platform, unless
 * {@code TNET_REQUIRE_OPENCL=1} (CI): then it runs and fails with the "no OpenCL platform" error.
 */
public final class OpenClAvailable implements SkipExecutionHook {
  @Override
  public SkipResult shouldBeSkipped(LifecycleContext context) {
    String why = OpenClBackend.unavailable();
    return why == null || "1".equals(System.getenv("TNET_REQUIRE_OPENCL")) ? SkipResult.doNotSkip() : SkipResult.skip(why);
  }
}
