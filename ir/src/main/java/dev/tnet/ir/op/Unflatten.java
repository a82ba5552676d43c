package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code unflatten(x, dim, sizes)}: splits dim {@code dim} into {@code sizes}, as
 * {@code torch.unflatten}; one size may be -1 (inferred). Unlike {@code reshape}, the other dims
 * keep their sizes, so it works on symbolic dims: {@code [N, S, 512] -> unflatten(x, 2, (8, 64))}.
 *
 * <p>FLOPs: 0 (data movement only).
 */
public record Unflatten(int dim, List<Integer> sizes) implements TensorOp {
  public static final Signature SIGNATURE = Signature.of("unflatten").req("dim").req("sizes");

  public Unflatten {
    sizes = List.copyOf(sizes);
  }

  static Unflatten create(Args a) {
    int[] s = a.getIntList("sizes");
    if (s.length == 0) throw new OpException(a.op(), "sizes must not be empty");
    int inferred = 0;
    for (int v : s) {
      if (v == -1) inferred++;
      else if (v < 0) throw new OpException(a.op(), "sizes=" + a.get("sizes") + " has a negative size");
    }
    if (inferred > 1) throw new OpException(a.op(), "sizes=" + a.get("sizes") + " has more than one -1");
    return new Unflatten(a.getInt("dim"), Arrays.stream(s).boxed().toList());
  }

  public String name() {
    return "unflatten";
  }

  public Args args() {
    return SIGNATURE.bind(Map.of("dim", AttrValue.of(dim), "sizes", AttrValue.ints(sizes.stream().mapToLong(Integer::longValue).toArray())));
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    TensorType x = TensorChecks.single(name(), inputs);
    int axis = Checks.axis(name(), "dim", dim, x.rank());
    if (x.rank() == 0) throw new OpException(name(), "cannot unflatten a 0-d tensor");
    Dim total = x.dim(axis);
    long known = 1;
    for (int s : sizes) if (s != -1) known *= s;
    List<Dim> split = new ArrayList<>();
    for (int s : sizes) {
      if (s != -1) {
        split.add(Dim.of(s));
        continue;
      }
      Dim rest = known == 0 ? null : total.divExact(Dim.of(known));
      if (rest == null) throw new OpException(name(), "cannot split dim " + axis + " of size " + total + " into " + sizes + " (input " + x + ")");
      split.add(rest);
    }
    if (!Dim.product(split).equals(total)) {
      throw new OpException(name(), "sizes " + sizes + " multiply to " + Dim.product(split) + ", not to dim " + axis
          + " of size " + total + " (input " + x + ")");
    }
    List<Dim> out = new ArrayList<>(x.dims().subList(0, axis));
    out.addAll(split);
    out.addAll(x.dims().subList(axis + 1, x.rank()));
    return List.of(x.withDims(out));
  }

  public Dim flops(List<TensorType> inputs) {
    return Dim.of(0);
  }
}
