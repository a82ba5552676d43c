package dev.tnet.ir.lower;

import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.op.TensorOp;

/** Loop nests of the {@link TensorOp} family. */
final class TensorLowering {
  private TensorLowering() {}

  static Stmt lower(TensorOp op, LowerContext ctx) {
    throw new dev.tnet.runtime.CompilerBug(op.name() + " is not lowered to loops yet");
  }
}
