package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code permute(x, dims)}: dim {@code i} of the result is dim {@code dims[i]} of the input.
 * {@code dims} must be a permutation of the input's dims (negatives wrap).
 *
 * <p>FLOPs: 0 (data movement only).
 */
public record Permute(List<Integer> dims) implements TensorOp {
  public static final Signature SIGNATURE = Signature.of("permute").req("dims");

  public Permute {
    dims = List.copyOf(dims);
  }

  static Permute create(Args a) {
    return new Permute(TensorChecks.intList(a, "dims"));
  }

  public String name() {
    return "permute";
  }

  public Args args() {
    return SIGNATURE.bind(Map.of("dims", TensorChecks.ints(dims)));
  }

  /** The wrapped source dim of each result dim, checked to be a permutation of {@code rank}. */
  public int[] sourceDims(int rank) {
    if (dims.size() != rank) {
      throw new OpException(name(), "dims=" + dims + " has " + dims.size() + " entries but the input has rank " + rank);
    }
    int[] src = new int[rank];
    boolean[] seen = new boolean[rank];
    for (int i = 0; i < rank; i++) {
      src[i] = Checks.axis(name(), "dims[" + i + "]", dims.get(i), rank);
      if (seen[src[i]]) throw new OpException(name(), "dims=" + dims + " is not a permutation: dim " + src[i] + " repeats");
      seen[src[i]] = true;
    }
    return src;
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    TensorType x = TensorChecks.single(name(), inputs);
    List<Dim> out = new ArrayList<>();
    for (int s : sourceDims(x.rank())) out.add(x.dims().get(s));
    return List.of(x.withDims(out));
  }

  public Dim flops(List<TensorType> inputs) {
    return Dim.of(0);
  }
}
