package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code chunk(x, chunks, dim=0)}: splits {@code x} along {@code dim} into pieces of {@code
 * ceil(size / chunks)}, the last one smaller, as {@code torch.chunk}; so it may return fewer than
 * {@code chunks} outputs (size 5 in 4 chunks gives 2, 2, 1). A dim of size 0 gives {@code chunks}
 * empty outputs. The dim's size must be known.
 *
 * <p>FLOPs: 0 (data movement only).
 */
public record Chunk(int chunks, int dim) implements TensorOp {
  public static final Signature SIGNATURE = Signature.of("chunk").req("chunks").opt("dim", 0);

  static Chunk create(Args a) {
    return new Chunk(a.getInt("chunks", 1), a.getInt("dim"));
  }

  public String name() {
    return "chunk";
  }

  public Args args() {
    return SIGNATURE.bind(Map.of("chunks", AttrValue.of(chunks), "dim", AttrValue.of(dim)));
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    TensorType x = TensorChecks.single(name(), inputs);
    int axis = Split.splitAxis(name(), x, dim);
    int n = x.dims().get(axis).intValue();
    List<Integer> sizes;
    if (n == 0) {
      sizes = new ArrayList<>(java.util.Collections.nCopies(chunks, 0));
    } else {
      int each = (int) ((n + (long) chunks - 1) / chunks);
      sizes = Split.bySize(name(), "chunks", each, n);
    }
    return Split.pieces(x, axis, sizes);
  }

  public Dim flops(List<TensorType> inputs) {
    return Dim.of(0);
  }
}
