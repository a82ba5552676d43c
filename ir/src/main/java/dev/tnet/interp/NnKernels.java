package dev.tnet.interp;

import dev.tnet.ir.op.Activation;
import dev.tnet.ir.op.BatchNorm;
import dev.tnet.ir.op.Celu;
import dev.tnet.ir.op.Constant;
import dev.tnet.ir.op.Dropout;
import dev.tnet.ir.op.DyT;
import dev.tnet.ir.op.Elu;
import dev.tnet.ir.op.Embedding;
import dev.tnet.ir.op.Gelu;
import dev.tnet.ir.op.GroupNorm;
import dev.tnet.ir.op.Hardtanh;
import dev.tnet.ir.op.InstanceNorm;
import dev.tnet.ir.op.LayerNorm;
import dev.tnet.ir.op.LeakyRelu;
import dev.tnet.ir.op.Linear;
import dev.tnet.ir.op.MatMul;
import dev.tnet.ir.op.NnOp;
import dev.tnet.ir.op.PRelu;
import dev.tnet.ir.op.RmsNorm;
import dev.tnet.ir.op.Softmax;
import dev.tnet.ir.op.Softplus;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.UserException;
import java.util.List;

/**
 * Reference kernels of the {@link NnOp} family: the dispatch, and the kernels too small for a file
 * of their own (linear, softmax, embedding, dropout, constant). Norms live in {@link NormKernels} and {@link
 * NormLayerKernels}, activations in {@link ActivationKernels}, matrix products in {@link
 * NnMatMulKernel}.
 */
final class NnKernels {
  private NnKernels() {}

  static List<Tensor> eval(NnOp op, List<Tensor> in, List<Tensor> params) {
    Tensor x = in.isEmpty() ? null : in.get(0); // constant has no tensor input
    return switch (op) {
      case Linear l -> List.of(linear(x, params.get(0), l.bias() ? params.get(1) : null));
      case BatchNorm b -> NormKernels.batchNorm(b, x, params);
      case InstanceNorm i -> NormKernels.instanceNorm(i, x, params);
      case LayerNorm l -> List.of(NormLayerKernels.layerNorm(l, x, params));
      case GroupNorm g -> List.of(NormLayerKernels.groupNorm(g, x, params));
      case RmsNorm r -> List.of(NormLayerKernels.rmsNorm(r, x, params));
      case DyT d -> List.of(NormLayerKernels.dyt(x, params));
      case Activation a -> List.of(ActivationKernels.map(x, ActivationKernels.function(a.kind())));
      case LeakyRelu l -> List.of(ActivationKernels.map(x, ActivationKernels.leakyRelu(l)));
      case Elu e -> List.of(ActivationKernels.map(x, ActivationKernels.elu(e)));
      case Celu c -> List.of(ActivationKernels.map(x, ActivationKernels.celu(c)));
      case Hardtanh h -> List.of(ActivationKernels.map(x, ActivationKernels.hardtanh(h)));
      case Gelu g -> List.of(ActivationKernels.map(x, ActivationKernels.gelu(g)));
      case Softplus s -> List.of(ActivationKernels.map(x, ActivationKernels.softplus(s)));
      case PRelu p -> List.of(ActivationKernels.prelu(x, params.get(0)));
      case Softmax s -> List.of(softmax(s, x));
      case MatMul m -> List.of(NnMatMulKernel.matmul(m, x, in.get(1)));
      case Embedding e -> List.of(embedding(e, x, params.get(0)));
      case Dropout d -> List.of(dropout(d, x));
      case Constant c -> List.of(params.get(0).copy());
    };
  }

  static Tensor linear(Tensor x, Tensor w, Tensor b) {
    Tensor result = Tensor.zeros(x.shape().withDim(x.rank() - 1, w.shape().dim(0)));
    int in = w.shape().dim(1), out = w.shape().dim(0), rows = out == 0 ? 0 : result.size() / out;
    float[] xs = x.floats(), ws = w.floats(), y = result.floats();
    for (int r = 0; r < rows; r++) {
      for (int o = 0; o < out; o++) {
        double acc = b == null ? 0 : b.floats()[o];
        for (int k = 0; k < in; k++) acc += (double) xs[r * in + k] * ws[o * in + k];
        y[r * out + o] = (float) acc;
      }
    }
    return result;
  }

  /** Softmax or log-softmax along one dim, shifted by the slice's max so nothing overflows. */
  static Tensor softmax(Softmax op, Tensor x) {
    int axis = op.axis(x.rank());
    int len = x.rank() == 0 ? 1 : x.shape().dim(axis), inner = x.rank() == 0 ? 1 : x.strides()[axis];
    int outer = len * inner == 0 ? 0 : x.size() / (len * inner);
    float[] xs = x.floats(), y = new float[xs.length];
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int base = o * len * inner + i;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < len; j++) max = Math.max(max, xs[base + j * inner]);
        double sum = 0;
        for (int j = 0; j < len; j++) sum += Math.exp(xs[base + j * inner] - max);
        for (int j = 0; j < len; j++) {
          double shifted = xs[base + j * inner] - max;
          y[base + j * inner] = (float) (op.log() ? shifted - Math.log(sum) : Math.exp(shifted) / sum);
        }
      }
    }
    return Tensor.of(x.shape(), y);
  }

  /** Gathers rows of {@code weight}; an index out of the table is the user's error. */
  static Tensor embedding(Embedding op, Tensor idx, Tensor weight) {
    int num = op.numEmbeddings(), dim = op.embeddingDim();
    long[] ids = idx.longs();
    float[] w = weight.floats(), y = new float[ids.length * dim];
    for (int r = 0; r < ids.length; r++) {
      long id = ids[r];
      if (id < 0 || id >= num) {
        throw new UserException("embedding: index " + id + " (element " + r + " of the input) is out of range"
            + " for a table of " + num + " embeddings (valid: 0 to " + (num - 1) + ")");
      }
      double scale = op.maxNorm().isPresent()
          ? renormScale(w, (int) id * dim, dim, op.maxNorm().getAsDouble(), op.normType()) : 1;
      for (int j = 0; j < dim; j++) y[r * dim + j] = (float) (w[(int) id * dim + j] * scale);
    }
    int[] shape = java.util.Arrays.copyOf(idx.shape().dims(), idx.rank() + 1);
    shape[idx.rank()] = dim;
    return Tensor.of(Shape.of(shape), y);
  }

  /** {@code max_norm / (norm + 1e-7)} if the row's {@code p}-norm exceeds {@code max_norm}, else 1. */
  private static double renormScale(float[] w, int base, int dim, double maxNorm, double p) {
    double acc = 0;
    for (int j = 0; j < dim; j++) {
      acc += p == 2 ? (double) w[base + j] * w[base + j] : Math.pow(Math.abs(w[base + j]), p);
    }
    double norm = p == 2 ? Math.sqrt(acc) : Math.pow(acc, 1 / p);
    return norm > maxNorm ? maxNorm / (norm + 1e-7) : 1;
  }

  /** The identity in inference; in training, {@link Dropout#keeps} decides each element. */
  static Tensor dropout(Dropout op, Tensor x) {
    if (!op.training()) return x.copy();
    float[] xs = x.floats(), y = new float[xs.length];
    double scale = op.p() == 1 ? 0 : 1 / (1 - op.p());
    for (int i = 0; i < xs.length; i++) y[i] = op.keeps(i) ? (float) (xs[i] * scale) : 0f;
    return Tensor.of(x.shape(), y);
  }
}
