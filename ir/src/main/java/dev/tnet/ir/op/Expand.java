package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code expand(x, size)}: broadcasts size-1 dims to {@code size}, as {@code Tensor.expand}.
 * Sizes align from the right; -1 keeps the input's size; extra leading sizes add new dims (where
 * -1 is not allowed). A dim whose size is not 1 can only be "expanded" to its own size. tnet
 * copies the data (PyTorch returns a stride-0 view; the values are the same).
 *
 * <p>A symbolic input dim must be kept with -1 (its size is not known to match).
 *
 * <p>FLOPs: 0 (data movement only).
 */
public record Expand(List<Integer> size) implements TensorOp {
  public static final Signature SIGNATURE = Signature.of("expand").req("size");

  public Expand {
    size = List.copyOf(size);
  }

  static Expand create(Args a) {
    return new Expand(TensorChecks.intList(a, "size"));
  }

  public String name() {
    return "expand";
  }

  public Args args() {
    return SIGNATURE.bind(Map.of("size", TensorChecks.ints(size)));
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    TensorType x = TensorChecks.single(name(), inputs);
    int lead = size.size() - x.rank();
    if (lead < 0) {
      throw new OpException(name(), "size=" + size + " has " + size.size()
          + " entries, fewer than the rank of input " + x);
    }
    List<Dim> out = new ArrayList<>();
    for (int i = 0; i < size.size(); i++) {
      int s = size.get(i);
      if (s < -1) throw new OpException(name(), "invalid size " + s + " in size=" + size);
      if (i < lead) {
        if (s == -1) {
          throw new OpException(name(), "size=" + size + " has -1 at new leading dim " + i
              + ", where there is no input size to keep");
        }
        out.add(Dim.of(s));
        continue;
      }
      Dim have = x.dims().get(i - lead);
      if (s == -1 || have.is(s)) out.add(have);
      else if (have.is(1)) out.add(Dim.of(s));
      else {
        throw new OpException(name(), "cannot expand dim " + (i - lead) + " of size " + have + " to " + s
            + " (input " + x + ", size=" + size + "): only size-1 dims expand");
      }
    }
    return List.of(x.withDims(out));
  }

  public Dim flops(List<TensorType> inputs) {
    return Dim.of(0);
  }
}
