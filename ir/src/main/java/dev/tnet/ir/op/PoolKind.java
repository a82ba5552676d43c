package dev.tnet.ir.op;

/** What a pooling window reduces to: the mean or the maximum of its elements. */
public enum PoolKind {
  AVG, MAX;

  /** The infix of the catalogue names: {@code adaptive_avg_pool2d}, {@code global_max_pool}. */
  public String infix() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
