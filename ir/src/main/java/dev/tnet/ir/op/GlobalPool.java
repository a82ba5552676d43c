package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * {@code global_avg_pool(x)} and {@code global_max_pool(x)} (tnet names, after ONNX's
 * GlobalAveragePool / GlobalMaxPool): the mean or maximum over all spatial dims of a batched
 * {@code [N, C, *spatial]} input with 1 to 3 spatial dims (rank 3 to 5), keeping those dims as
 * size 1. Equal to {@code adaptive_avg/max_pool{1,2,3}d(x, 1)}; max propagates NaN.
 *
 * <p>FLOPs: one add or comparison per input element, plus one division per output for avg.
 */
public record GlobalPool(PoolKind kind) implements SpatialOp {
  static Signature signature(PoolKind kind) {
    return Signature.of("global_" + kind.infix() + "_pool");
  }

  static GlobalPool create(PoolKind kind, Args a) {
    return new GlobalPool(kind);
  }

  public String name() {
    return "global_" + kind.infix() + "_pool";
  }

  public Args args() {
    return signature(kind).bind(Map.of());
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    TensorType x = SpatialArgs.batchedInput(name(), inputs);
    int spatialDims = x.rank() - 2;
    for (int i = 0; i < spatialDims; i++) {
      if (x.dim(2 + i).is(0)) throw new OpException(name(), "spatial dim " + i + " of the input is empty: " + x);
    }
    return List.of(x.withDims(SpatialArgs.withSpatial(x, Collections.nCopies(spatialDims, Dim.of(1)))));
  }

  public Dim flops(List<TensorType> inputs) {
    Dim reads = inputs.get(0).numel();
    return kind == PoolKind.AVG ? reads.plus(infer(inputs).get(0).numel()) : reads;
  }
}
