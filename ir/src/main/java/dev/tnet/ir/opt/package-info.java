/**
 * Graph-level kernel planning, before lowering: which conv/conv-transpose/linear layers run as runtime library
 * kernels ({@code dev.tnet.runtime.kernel}) and what each absorbs. The passes, in the order
 * {@link dev.tnet.ir.opt.KernelPlanner} runs them (checking {@link dev.tnet.ir.opt.KernelPlan#verify}
 * after each): {@link dev.tnet.ir.opt.SelectKernels} (per layer: GEMM, implicit GEMM, depthwise,
 * or the loop nest, with a reason), {@link dev.tnet.ir.opt.FoldBatchNorm} (an eval-mode batch
 * norm into the layer before it) and {@link dev.tnet.ir.opt.FuseEpilogue} (a residual add, scalar
 * multiply/add steps and an activation). The graph itself is not rewritten: the plan is data the lowering follows, and
 * {@code tnet compile --explain} can print.
 */
package dev.tnet.ir.opt;
