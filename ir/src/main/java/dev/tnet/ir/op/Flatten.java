package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code flatten(x, start_dim=0, end_dim=-1)}: merges dims {@code start_dim..end_dim} (inclusive,
 * negatives wrap) into one, as {@code torch.flatten}. The defaults are {@code torch.flatten}'s;
 * {@code nn.Flatten} defaults to {@code start_dim=1}, so write {@code flatten(x, start_dim=1)} for
 * it. A 0-d input becomes a 1-d tensor of one element.
 *
 * <p>FLOPs: 0 (data movement only).
 */
public record Flatten(int startDim, int endDim) implements TensorOp {
  public static final Signature SIGNATURE = Signature.of("flatten").opt("start_dim", 0).opt("end_dim", -1);

  static Flatten create(Args a) {
    return new Flatten(a.getInt("start_dim"), a.getInt("end_dim"));
  }

  public String name() {
    return "flatten";
  }

  public Args args() {
    return SIGNATURE.bind(Map.of("start_dim", AttrValue.of(startDim), "end_dim", AttrValue.of(endDim)));
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    TensorType x = TensorChecks.single(name(), inputs);
    int start = Checks.axis(name(), "start_dim", startDim, x.rank());
    int end = Checks.axis(name(), "end_dim", endDim, x.rank());
    if (start > end) {
      throw new OpException(name(), "start_dim=" + startDim + " comes after end_dim=" + endDim + " (input " + x + ")");
    }
    if (x.rank() == 0) return List.of(x.withDims(List.of(Dim.of(1))));
    List<Dim> out = new ArrayList<>(x.dims().subList(0, start));
    out.add(Dim.product(x.dims().subList(start, end + 1)));
    out.addAll(x.dims().subList(end + 1, x.rank()));
    return List.of(x.withDims(out));
  }

  public Dim flops(List<TensorType> inputs) {
    return Dim.of(0);
  }
}
