package dev.tnet.ir.lower;

import dev.tnet.ir.graph.Node;
import dev.tnet.ir.loop.Expr;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.ir.loop.Stmt;
import java.util.List;

/**
 * What one node's lowering sees: its input, parameter and output operands (in the op's order)
 * and a source of fresh variable names, unique within the kernel.
 */
public final class LowerContext {
  private final Node node;
  private final List<Operand> inputs, params, outputs;
  private int counter;
  public final Nest nest = new Nest(this);

  LowerContext(Node node, List<Operand> inputs, List<Operand> params, List<Operand> outputs) {
    this.node = node;
    this.inputs = inputs;
    this.params = params;
    this.outputs = outputs;
  }

  public Node node() {
    return node;
  }

  public Operand in(int i) {
    return inputs.get(i);
  }

  public List<Operand> inputs() {
    return inputs;
  }

  public Operand param(int i) {
    return params.get(i);
  }

  public List<Operand> params() {
    return params;
  }

  public Operand out(int i) {
    return outputs.get(i);
  }

  public List<Operand> outputs() {
    return outputs;
  }

  /** A variable name not used before in this kernel: {@code base}, {@code base_1}, ... */
  public String fresh(String base) {
    return base + "_" + counter++;
  }

  /** A fresh mutable local: the declaration; use {@link #var} for reads and {@link #set} for writes. */
  public Stmt.Declare declare(String name, ScalarType type, Expr init) {
    return new Stmt.Declare(name, type, init);
  }

  public static Expr.Var var(String name, ScalarType type) {
    return new Expr.Var(name, type);
  }

  public static Stmt set(String name, Expr value) {
    return new Stmt.Assign(name, value);
  }
}
