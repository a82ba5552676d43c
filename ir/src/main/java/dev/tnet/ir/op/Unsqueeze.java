package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import java.util.List;
import java.util.Map;

/**
 * {@code unsqueeze(x, dim)}: inserts a size-1 dim so that it becomes dim {@code dim} of the
 * result; {@code dim} ranges over {@code [-rank-1, rank]}, a negative one counting from the end of
 * the result, as in PyTorch.
 *
 * <p>FLOPs: 0 (data movement only).
 */
public record Unsqueeze(int dim) implements TensorOp {
  public static final Signature SIGNATURE = Signature.of("unsqueeze").req("dim");

  static Unsqueeze create(Args a) {
    return new Unsqueeze(a.getInt("dim"));
  }

  public String name() {
    return "unsqueeze";
  }

  public Args args() {
    return SIGNATURE.bind(Map.of("dim", AttrValue.of(dim)));
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    TensorType x = TensorChecks.single(name(), inputs);
    int at = TensorChecks.insertAxis(name(), dim, x.rank());
    List<Dim> out = x.dimsCopy();
    out.add(at, Dim.of(1));
    return List.of(x.withDims(out));
  }

  public Dim flops(List<TensorType> inputs) {
    return Dim.of(0);
  }
}
