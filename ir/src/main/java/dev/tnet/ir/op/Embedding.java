package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.op.ParamSpec.Init;
import dev.tnet.runtime.DType;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * {@code embedding(idx, num_embeddings, embedding_dim, padding_idx=None, max_norm=None,
 * norm_type=2.0)}: as {@code nn.Embedding}, gathers rows of {@code weight}:
 * {@code y[..., j] = weight[idx[...], j]} for an i64 {@code idx} of any shape; the result is f32
 * of shape {@code idx.shape + [embedding_dim]}. An index outside {@code [0, num_embeddings)} is
 * a run-time error (the interpreter throws a {@code UserException} naming the index).
 *
 * <p>{@code padding_idx} (negative counts from the end; stored wrapped) does not change the
 * forward pass: the output at {@code padding_idx} is that weight row. In PyTorch it only zeroes
 * that row at initialisation (declared here as {@link Init.Normal#zeroRow}) and its gradient.
 *
 * <p>{@code max_norm}: each gathered row whose {@code norm_type}-norm exceeds {@code max_norm} is
 * scaled by {@code max_norm / (norm + 1e-7)}, as {@code embedding_renorm_}. Unlike PyTorch,
 * {@code weight} itself is not modified; the outputs are the same. {@code norm_type} must be a
 * positive finite number. The gradient-only options ({@code scale_grad_by_freq}, {@code sparse})
 * are not arguments.
 *
 * <p>Param: {@code weight [num_embeddings, embedding_dim]}, standard normal.
 *
 * <p>FLOPs: 0 (a gather), or 3 per output element with {@code max_norm} (norm and scale).
 */
public record Embedding(int numEmbeddings, int embeddingDim, OptionalInt paddingIdx, OptionalDouble maxNorm,
    double normType) implements NnOp {
  public static final Signature SIGNATURE = Signature.of("embedding").req("num_embeddings").req("embedding_dim")
      .optNone("padding_idx").optNone("max_norm").opt("norm_type", 2.0);

  static Embedding create(Args a) {
    int num = a.getInt("num_embeddings", 0), dim = a.getInt("embedding_dim", 0);
    OptionalInt pad = OptionalInt.empty();
    if (!a.isNone("padding_idx")) {
      int p = a.getInt("padding_idx");
      if (p < -num || p >= num) {
        throw new OpException(a.op(), "padding_idx=" + p + " must be within num_embeddings=" + num
            + " (" + -num + " to " + (num - 1) + ")");
      }
      pad = OptionalInt.of(p < 0 ? p + num : p);
    }
    double normType = a.getDouble("norm_type");
    if (!(normType > 0) || Double.isInfinite(normType)) {
      throw new OpException(a.op(), "norm_type=" + normType + " is not supported: it must be a positive finite number");
    }
    return new Embedding(num, dim, pad, NormShapes.optionalDouble(a, "max_norm"), normType);
  }

  public String name() {
    return "embedding";
  }

  public Args args() {
    return SIGNATURE.bind(List.of(AttrValue.of(numEmbeddings), AttrValue.of(embeddingDim),
        paddingIdx.isPresent() ? AttrValue.of(paddingIdx.getAsInt()) : AttrValue.NONE,
        NormShapes.attr(maxNorm), AttrValue.of(normType)), Map.of());
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    Checks.arity(name(), inputs, 1);
    TensorType idx = inputs.get(0);
    Checks.dtype(name(), "input (the indices)", idx, DType.I64);
    List<Dim> out = idx.dimsCopy();
    out.add(Dim.of(embeddingDim));
    return List.of(new TensorType(DType.F32, out));
  }

  public List<ParamSpec> params(List<TensorType> inputs) {
    return List.of(new ParamSpec("weight", TensorType.f32(numEmbeddings, embeddingDim),
        new Init.Normal(paddingIdx.orElse(-1))));
  }

  public Dim flops(List<TensorType> inputs) {
    return maxNorm.isPresent() ? inputs.get(0).numel().times(3L * embeddingDim) : Dim.of(0);
  }
}
