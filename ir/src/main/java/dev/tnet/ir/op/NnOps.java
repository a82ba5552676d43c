package dev.tnet.ir.op;

/** Registers the {@link NnOp} family. */
final class NnOps {
  private NnOps() {}

  static void register(OpCatalogue.Registry r) {
    r.add(Linear.SIGNATURE, Linear::create);
    for (MatMul.Variant v : MatMul.Variant.values()) r.add(MatMul.signature(v), a -> new MatMul(v));

    r.add(BatchNorm.SIGNATURE, BatchNorm::create);
    r.add(InstanceNorm.SIGNATURE, InstanceNorm::create);
    r.add(LayerNorm.SIGNATURE, LayerNorm::create);
    r.add(GroupNorm.SIGNATURE, GroupNorm::create);
    r.add(RmsNorm.SIGNATURE, RmsNorm::create);
    r.add(DyT.SIGNATURE, DyT::create);

    for (Activation.Kind k : Activation.Kind.values()) r.add(Activation.signature(k), a -> new Activation(k));
    r.add(LeakyRelu.SIGNATURE, LeakyRelu::create);
    r.add(Elu.SIGNATURE, Elu::create);
    r.add(Celu.SIGNATURE, Celu::create);
    r.add(Hardtanh.SIGNATURE, Hardtanh::create);
    r.add(Gelu.SIGNATURE, Gelu::create);
    r.add(Softplus.SIGNATURE, Softplus::create);
    r.add(PRelu.SIGNATURE, PRelu::create);
    r.add(Softmax.SOFTMAX, Softmax::softmax);
    r.add(Softmax.LOG_SOFTMAX, Softmax::logSoftmax);

    r.add(Embedding.SIGNATURE, Embedding::create);
    r.add(Dropout.SIGNATURE, Dropout::create);
    r.add(Constant.SIGNATURE, Constant::create);
  }
}
