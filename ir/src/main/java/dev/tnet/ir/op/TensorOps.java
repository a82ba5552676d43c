package dev.tnet.ir.op;

/** Registers the {@link TensorOp} family. */
final class TensorOps {
  private TensorOps() {}

  static void register(OpCatalogue.Registry r) {
    r.add(Reshape.RESHAPE, a -> Reshape.create(false, a));
    r.add(Reshape.VIEW, a -> Reshape.create(true, a));
    r.add(Flatten.SIGNATURE, Flatten::create);
    r.add(Unflatten.SIGNATURE, Unflatten::create);
    r.add(Squeeze.SIGNATURE, Squeeze::create);
    r.add(Unsqueeze.SIGNATURE, Unsqueeze::create);
    r.add(Permute.SIGNATURE, Permute::create);
    r.add(Transpose.SIGNATURE, Transpose::create);
    r.add(Expand.SIGNATURE, Expand::create);
    r.add(Cat.SIGNATURE, Cat::create);
    r.add(Stack.SIGNATURE, Stack::create);
    r.add(Split.SIGNATURE, Split::create);
    r.add(Chunk.SIGNATURE, Chunk::create);
    r.add(Slice.SIGNATURE, Slice::create);
    r.add(Pad.SIGNATURE, Pad::create);
    for (Unary.Kind k : Unary.Kind.values()) r.add(Unary.signature(k), a -> new Unary(k));
    r.add(Round.SIGNATURE, Round::create);
    r.add(Clamp.SIGNATURE, Clamp::create);
    for (Binary.Kind k : Binary.Kind.values()) {
      r.add(Binary.signature(k, false), a -> Binary.create(k, false, a));
      if (k.hasReversed()) r.add(Binary.signature(k, true), a -> Binary.create(k, true, a));
    }
    for (Reduce.Kind k : Reduce.Kind.values()) r.add(Reduce.signature(k), a -> Reduce.create(k, a));
    r.add(Variance.VAR, a -> Variance.create(false, a));
    r.add(Variance.STD, a -> Variance.create(true, a));
    r.add(MaxMin.MAX, a -> MaxMin.create(true, a));
    r.add(MaxMin.MIN, a -> MaxMin.create(false, a));
    r.add(ArgReduce.ARGMAX, a -> ArgReduce.create(true, a));
    r.add(ArgReduce.ARGMIN, a -> ArgReduce.create(false, a));
  }
}
