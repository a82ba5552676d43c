package dev.tnet.ir.op;

/** Registers the {@link SpatialOp} family: one catalogue name per rank and pooling kind. */
final class SpatialOps {
  private SpatialOps() {}

  static void register(OpCatalogue.Registry r) {
    for (int dims = 1; dims <= 3; dims++) {
      int d = dims;
      r.add(Conv.signature(d), a -> Conv.create(d, a));
      r.add(ConvTranspose.signature(d), a -> ConvTranspose.create(d, a));
      r.add(MaxPool.signature(d), a -> MaxPool.create(d, a));
      r.add(AvgPool.signature(d), a -> AvgPool.create(d, a));
      for (PoolKind kind : PoolKind.values()) {
        r.add(AdaptivePool.signature(kind, d), a -> AdaptivePool.create(kind, d, a));
      }
    }
    for (PoolKind kind : PoolKind.values()) r.add(GlobalPool.signature(kind), a -> GlobalPool.create(kind, a));
    r.add(Interpolate.SIGNATURE, Interpolate::create);
    r.add(Resize.SIGNATURE, Resize::create);
  }
}
