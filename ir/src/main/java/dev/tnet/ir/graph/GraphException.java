package dev.tnet.ir.graph;

import dev.tnet.runtime.UserException;

/** A graph that cannot run as given: an undefined value, a missing weight, a wrong input. */
public final class GraphException extends UserException {
  public GraphException(String message) {
    super(message);
  }
}
