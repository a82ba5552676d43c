package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import java.util.List;
import java.util.Map;

/**
 * {@code transpose(x, dim0, dim1)}: swaps two dims (negatives wrap). A 0-d or 1-d input is
 * returned unchanged when both dims name its only (or no) dim, as in PyTorch.
 *
 * <p>FLOPs: 0 (data movement only).
 */
public record Transpose(int dim0, int dim1) implements TensorOp {
  public static final Signature SIGNATURE = Signature.of("transpose").req("dim0").req("dim1");

  static Transpose create(Args a) {
    return new Transpose(a.getInt("dim0"), a.getInt("dim1"));
  }

  public String name() {
    return "transpose";
  }

  public Args args() {
    return SIGNATURE.bind(Map.of("dim0", AttrValue.of(dim0), "dim1", AttrValue.of(dim1)));
  }

  /** The source dim of each result dim, for a rank-{@code rank} input. */
  public int[] sourceDims(int rank) {
    int a = Checks.axis(name(), "dim0", dim0, rank);
    int b = Checks.axis(name(), "dim1", dim1, rank);
    int[] src = new int[rank];
    for (int i = 0; i < rank; i++) src[i] = i;
    if (rank > 0) {
      src[a] = b;
      src[b] = a;
    }
    return src;
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    TensorType x = TensorChecks.single(name(), inputs);
    List<Dim> out = x.dimsCopy();
    int[] src = sourceDims(x.rank());
    for (int i = 0; i < src.length; i++) out.set(i, x.dims().get(src[i]));
    return List.of(x.withDims(out));
  }

  public Dim flops(List<TensorType> inputs) {
    return Dim.of(0);
  }
}
