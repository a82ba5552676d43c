package dev.tnet.driver.fuzz;

import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.op.AttrValue;
import dev.tnet.runtime.DType;

/**
 * Valid random calls of the neural-network ops: linear algebra with broadcast batches, every
 * normalisation in inference and training, activations on large and tiny values and 0-d
 * tensors, softmax on large magnitudes, embedding (with indices sometimes out of range, a run-time
 * error every engine must report) and dropout.
 */
final class NnDraws {
  private NnDraws() {}

  static OpDraw linear(String op, Rand r) {
    int rank = r.between(1, 4);
    long[] shape = r.shape(rank, 5, 60);
    shape[rank - 1] = r.channels(33);
    return OpDraw.of(op).arg("out_features", r.channels(33)).arg("bias", !r.chance(4))
        .input(TensorType.f32(shape), Values.anyFloats(r.rng)).build();
  }

  static OpDraw matmul(String op, Rand r) {
    int n = r.size(17), k = r.channels(33), m = r.size(17);
    return switch (op) {
      case "mm" -> OpDraw.of(op).input(TensorType.f32(n, k), Values.NORMAL).input(TensorType.f32(k, m), Values.NORMAL).build();
      case "bmm" -> {
        int b = r.pickInt(1, 2, 3);
        yield OpDraw.of(op).input(TensorType.f32(b, n, k), Values.NORMAL).input(TensorType.f32(b, k, m), Values.NORMAL).build();
      }
      default -> {
        int ra = r.between(1, 4), rb = r.between(1, 4);
        long[] batch = r.shape(2, 3, 6);
        yield OpDraw.of(op).input(TensorType.f32(operand(ra, batch, n, k, true, r)), Values.anyFloats(r.rng))
            .input(TensorType.f32(operand(rb, batch, k, m, false, r)), Values.anyFloats(r.rng)).build();
      }
    };
  }

  /** A matmul operand of rank {@code rank}: the matrix dims, after batch dims broadcastable to {@code batch}. */
  private static long[] operand(int rank, long[] batch, int rows, int cols, boolean left, Rand r) {
    if (rank == 1) return new long[] {left ? cols : rows};
    long[] s = new long[rank];
    for (int i = 0; i < rank - 2; i++) s[i] = r.chance(3) ? 1 : batch[batch.length - (rank - 2) + i];
    s[rank - 2] = rows;
    s[rank - 1] = cols;
    return s;
  }

  static OpDraw norm(String op, Rand r) {
    OpDraw.Builder b = OpDraw.of(op);
    Values v = r.chance(3) ? new Values.Floats(Values.Dist.LARGE, 0.05) : Values.anyFloats(r.rng);
    double eps = r.pickDouble(1e-5, 1e-5, 1e-3, 0.1, 1e-7);
    switch (op) {
      case "batch_norm" -> {
        int rank = r.between(2, 5);
        long[] shape = r.shape(rank, rank > 3 ? 5 : 9, 1500);
        shape[1] = r.channels(17);
        boolean training = r.coin(), track = !r.chance(3);
        if (training || !track) shape[0] = Math.max(shape[0], 2);
        b.arg("eps", eps).arg("momentum", r.chance(4) ? AttrValue.NONE : AttrValue.of(r.pickDouble(0.1, 0.5, 1.0)))
            .arg("affine", r.coin()).arg("track_running_stats", track).arg("training", training);
        b.input(TensorType.f32(shape), v);
      }
      case "instance_norm" -> {
        int rank = r.between(3, 5);
        long[] shape = r.shape(rank, rank > 3 ? 5 : 9, 1500);
        shape[1] = r.channels(17);
        shape[rank - 1] = Math.max(2, shape[rank - 1]);
        b.arg("eps", eps).arg("momentum", r.pickDouble(0.1, 0.5)).arg("affine", r.coin())
            .arg("track_running_stats", r.coin()).arg("training", r.coin());
        b.input(TensorType.f32(shape), v);
      }
      case "group_norm" -> {
        int rank = r.between(2, 5), groups = r.pickInt(1, 2, 3, 4);
        long[] shape = r.shape(rank, rank > 3 ? 5 : 9, 1500);
        shape[1] = (long) groups * r.pickInt(1, 2, 3, 5);
        if (shape[0] * (shape[1] / groups) * (SpatialDraws.numel(shape) / shape[0] / shape[1]) == 1) shape[0] = 2;
        b.arg("num_groups", groups).arg("eps", eps).arg("affine", r.coin()).input(TensorType.f32(shape), v);
      }
      case "layer_norm", "rms_norm" -> {
        int rank = r.between(1, 4), normalized = r.between(1, Math.min(rank, 3));
        long[] shape = r.shape(rank, 17, 1500);
        int[] ns = new int[normalized];
        for (int i = 0; i < normalized; i++) ns[i] = (int) shape[rank - normalized + i];
        b.arg("normalized_shape", normalized == 1 && r.coin() ? AttrValue.of((long) ns[0]) : AttrValue.ints(toLongs(ns)));
        if (op.equals("layer_norm")) {
          b.arg("eps", eps).arg("elementwise_affine", r.coin()).arg("bias", r.coin());
        } else {
          b.arg("eps", r.coin() ? AttrValue.NONE : AttrValue.of(eps)).arg("elementwise_affine", r.coin());
        }
        b.input(TensorType.f32(shape), v);
      }
      default -> b.arg("alpha_init_value", r.pickDouble(0.5, 1.0, 2.0))
          .input(TensorType.f32(r.shape(r.between(1, 4), 17, 1500)), v);
    }
    return b.build();
  }

  static OpDraw activation(String op, Rand r) {
    OpDraw.Builder b = OpDraw.of(op);
    int rank = r.between(0, 4);
    long[] shape = r.shape(rank, 17, 1200);
    switch (op) {
      case "leaky_relu" -> b.arg("negative_slope", r.pickDouble(0.01, 0.2, 0.0, -0.0, -0.5, 1.5, 1e-3));
      case "elu" -> b.arg("alpha", r.pickDouble(1.0, 0.5, 2.0, 0.0));
      case "celu" -> b.arg("alpha", r.pickDouble(1.0, 0.5, 2.0, -1.0));
      case "hardtanh" -> {
        double lo = r.pickDouble(-1.0, -0.5, 0.0, -3.0);
        b.arg("min_val", lo).arg("max_val", lo + r.pickDouble(0.25, 1.0, 2.0, 6.0));
      }
      case "gelu" -> b.arg("approximate", r.pick("none", "tanh"));
      case "softplus" -> b.arg("beta", r.pickDouble(1.0, 2.0, 0.5, -1.0)).arg("threshold", r.pickDouble(20.0, 1.0, 0.5));
      case "prelu" -> {
        if (rank >= 2 && r.coin()) b.arg("num_parameters", shape[1]);
        b.arg("init", r.pickDouble(0.25, -0.1, 1.5));
      }
      case "softmax", "log_softmax" -> {
        int dim = rank == 0 ? r.pickInt(0, -1) : r.axisSpelling(r.rng.nextInt(rank), rank);
        b.arg("dim", dim);
      }
      default -> {}
    }
    Values v = r.chance(4) ? new Values.Floats(Values.Dist.LARGE, 0.05) : Values.anyFloats(r.rng);
    return b.input(TensorType.f32(shape), v).build();
  }

  /** A weight-file constant of rank 0 to 4 (sizes 0 included), f32 or i64; no tensor inputs. */
  static OpDraw constant(String op, Rand r) {
    long[] shape = r.shape(r.between(0, 4), 7, 300);
    return OpDraw.of(op).arg("shape", AttrValue.ints(shape)).arg("dtype", r.coin() ? "f32" : "i64").build();
  }

  static OpDraw embedding(String op, Rand r) {
    int num = r.pickInt(1, 2, 3, 10, 17), dim = r.channels(17);
    OpDraw.Builder b = OpDraw.of(op).arg("num_embeddings", num).arg("embedding_dim", dim);
    if (r.chance(3)) b.arg("padding_idx", r.between(-num, num - 1));
    if (r.chance(3)) b.arg("max_norm", r.pickDouble(0.5, 1.0, 2.0)).arg("norm_type", r.pickDouble(2.0, 1.0, 3.0, 0.5));
    long lo = 0, hi = num - 1;
    if (r.chance(8)) {
      if (r.coin()) lo = -1;
      else hi = num;
    }
    return b.input(TensorType.of(DType.I64, r.shape(r.between(0, 3), 7, 60)), new Values.Ints(lo, hi)).build();
  }

  static OpDraw dropout(String op, Rand r) {
    return OpDraw.of(op).arg("p", r.pickDouble(0.0, 0.1, 0.5, 0.9, 1.0, 0.30000000000000004)).arg("training", r.coin())
        .arg("seed", r.between(0, 1000)).input(TensorType.f32(r.shape(r.between(0, 4), 17, 1500)), Values.anyFloats(r.rng)).build();
  }

  static long[] toLongs(int[] v) {
    long[] l = new long[v.length];
    for (int i = 0; i < v.length; i++) l[i] = v[i];
    return l;
  }
}
