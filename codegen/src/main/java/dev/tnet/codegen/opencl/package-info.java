/**
 * The OpenCL backend: loop IR to OpenCL C, run through JOCL on any OpenCL 1.2 device (tested on
 * PoCL's CPU device).
 *
 * <p>In data-flow order: {@link dev.tnet.codegen.opencl.Launches} splits each loop-IR kernel into
 * launches and maps its outer parallel loops to NDRange dimensions; {@code CEmitter} writes each
 * launch as a kernel function (with a prelude giving loop IR's integer and float semantics);
 * {@code OpenClSource} joins them into one program; {@code Cl} builds it once per device and
 * source; {@code OpenClModel} keeps the buffers on the device and runs the launches in order on
 * one in-order queue; {@link dev.tnet.codegen.opencl.OpenClBackend} is the entry point.
 *
 * <p><b>Numerics.</b> Arithmetic, division and square root are IEEE (built with
 * {@code -cl-fp32-correctly-rounded-divide-sqrt}, no fast-math, FP contraction off) and loops keep
 * the loop IR's order, so they match the JVM backend bit for bit; the math built-ins ({@code exp},
 * {@code tanh}, {@code erf}, {@code pow}, ...) may differ from the runtime's {@code MathFns} by the
 * few ulp OpenCL allows, and a device that flushes denormals differs on them.
 */
package dev.tnet.codegen.opencl;
