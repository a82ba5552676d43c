package dev.tnet.ir.loop;

/** One loop nest (before fusion: one graph node); {@code origin} names the node and op it came from. */
public record Kernel(String name, String origin, Stmt body) {
  public Kernel withBody(Stmt b) {
    return new Kernel(name, origin, b);
  }
}
