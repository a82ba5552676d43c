/**
 * Hand-written compute kernels that compiled models call for the heavy layers: register-blocked
 * SGEMM micro-kernels ({@link dev.tnet.runtime.kernel.Gemm}), convolution as implicit GEMM
 * ({@link dev.tnet.runtime.kernel.Conv2dKernel}), depthwise convolution
 * ({@link dev.tnet.runtime.kernel.DepthwiseKernel}), transposed convolution
 * ({@link dev.tnet.runtime.kernel.ConvTransposeKernel}) and {@code linear}
 * ({@link dev.tnet.runtime.kernel.LinearKernel}), each with a fused epilogue
 * ({@link dev.tnet.runtime.kernel.Epilogue}). Loop IR names them through
 * {@link dev.tnet.runtime.kernel.Library}, the one entry point the loop interpreter and the JVM
 * backend both call, so both compute bit-identical results.
 *
 * <p>Determinism: every output element is reduced in an order fixed by the shapes alone (tiles
 * never depend on the thread count), so results are the same with any worker pool.
 *
 * <p>The kernels use the Vector API: a JVM running them needs {@code --add-modules
 * jdk.incubator.vector}.
 */
package dev.tnet.runtime.kernel;
