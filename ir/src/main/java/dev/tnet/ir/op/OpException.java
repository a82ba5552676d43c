package dev.tnet.ir.op;

import dev.tnet.runtime.UserException;

/**
 * A user error in one op call: a bad argument or input shapes the op cannot take. The message
 * names the op, the argument and the shapes involved, e.g.
 * {@code conv2d: groups=3 does not divide in_channels=64 (input f32[1, 64, 56, 56])}.
 */
public final class OpException extends UserException {
  private final String op;

  public OpException(String op, String message) {
    super(op + ": " + message);
    this.op = op;
  }

  /** The catalogue name of the op that refused its arguments. */
  public String op() {
    return op;
  }
}
