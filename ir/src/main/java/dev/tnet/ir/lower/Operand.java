package dev.tnet.ir.lower;

import dev.tnet.ir.loop.Buffer;
import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.runtime.Shape;
import java.util.List;

/** A tensor a lowered node reads or writes: its buffer, viewed with this node's shape. */
public record Operand(Buffer buffer, Shape shape) {
  public String name() {
    return buffer.name();
  }

  public ScalarType type() {
    return buffer.type();
  }

  public int rank() {
    return shape.rank();
  }

  public int dim(int i) {
    return shape.dim(i);
  }

  /** {@code buffer[flat(index)]}. */
  public Expr load(List<Expr> index) {
    return new Expr.Load(name(), Idx.flat(shape, index), type());
  }

  /** The element at an index of a (right-aligned) broadcast output shape: size-1 dims read index 0. */
  public Expr loadBroadcast(List<Expr> outIndex) {
    return new Expr.Load(name(), Idx.flat(shape, Idx.broadcast(shape, outIndex)), type());
  }

  public dev.tnet.ir.loop.Stmt store(List<Expr> index, Expr value) {
    return new dev.tnet.ir.loop.Stmt.Store(name(), Idx.flat(shape, index), value);
  }
}
