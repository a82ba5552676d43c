package dev.tnet.ir.lower;

import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.op.SpatialOp;

/** Loop nests of the {@link SpatialOp} family. */
final class SpatialLowering {
  private SpatialLowering() {}

  static Stmt lower(SpatialOp op, LowerContext ctx) {
    throw new dev.tnet.runtime.CompilerBug(op.name() + " is not lowered to loops yet");
  }
}
