package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code split(x, split_size_or_sections, dim=0)}: cuts {@code x} along {@code dim} into several
 * outputs, as {@code torch.split}. An int is the size of every piece, the last one smaller when it
 * does not divide (a size-0 dim gives one empty piece; size 0 is allowed only there). A tuple gives
 * each piece's size and must sum to the dim's size. The dim's size must be known, since it fixes
 * the number of outputs.
 *
 * <p>Invariant: exactly one of {@code splitSize} and {@code sections} is non-null.
 *
 * <p>FLOPs: 0 (data movement only).
 */
public record Split(Integer splitSize, List<Integer> sections, int dim) implements TensorOp {
  public static final Signature SIGNATURE = Signature.of("split").req("split_size_or_sections").opt("dim", 0);

  public Split {
    if ((splitSize == null) == (sections == null)) {
      throw new dev.tnet.runtime.CompilerBug("split needs exactly one of a size and sections");
    }
    sections = sections == null ? null : List.copyOf(sections);
  }

  static Split create(Args a) {
    boolean single = a.get("split_size_or_sections") instanceof AttrValue.IntV;
    return single ? new Split(a.getInt("split_size_or_sections"), null, a.getInt("dim"))
        : new Split(null, TensorChecks.intList(a, "split_size_or_sections"), a.getInt("dim"));
  }

  public String name() {
    return "split";
  }

  public Args args() {
    AttrValue s = splitSize != null ? AttrValue.of(splitSize) : TensorChecks.ints(sections);
    return SIGNATURE.bind(Map.of("split_size_or_sections", s, "dim", AttrValue.of(dim)));
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    TensorType x = TensorChecks.single(name(), inputs);
    int axis = splitAxis(name(), x, dim);
    int size = x.dims().get(axis).intValue();
    List<Integer> pieces = splitSize != null ? bySize(name(), "split_size_or_sections", splitSize, size)
        : bySections(size, x);
    return pieces(x, axis, pieces);
  }

  /**
   * The axis that {@code dim} names in {@code x}, which split and chunk cut: {@code x} must be at
   * least 1-d and the dim's size known, since it fixes the number of outputs.
   */
  static int splitAxis(String op, TensorType x, int dim) {
    if (x.rank() == 0) throw new OpException(op, "needs at least a 1-d input, got " + x);
    int axis = Checks.axis(op, "dim", dim, x.rank());
    if (!x.dims().get(axis).isKnown()) {
      throw new OpException(op, "dim " + axis + " of input " + x + " is symbolic, but its size fixes the number of outputs");
    }
    return axis;
  }

  /** Piece sizes for pieces of {@code splitSize} (the last one smaller), as PyTorch's split. */
  static List<Integer> bySize(String op, String arg, int splitSize, int size) {
    if (splitSize < 0 || (splitSize == 0 && size != 0)) {
      throw new OpException(op, arg + "=" + splitSize + " must be positive (0 only for a dim of size 0), dim size is " + size);
    }
    int n = splitSize == 0 ? 1 : Math.max(1, (size + splitSize - 1) / splitSize);
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(Math.min(splitSize, size - i * splitSize));
    return out;
  }

  private List<Integer> bySections(int size, TensorType x) {
    long sum = 0;
    for (int s : sections) {
      if (s < 0) throw new OpException(name(), "split_size_or_sections=" + sections + " has a negative entry");
      sum += s;
    }
    if (sections.isEmpty() || sum != size) {
      throw new OpException(name(), "split_size_or_sections=" + sections + " sums to " + sum + ", not to the size "
          + size + " of dim " + dim + " of input " + x);
    }
    return sections;
  }

  /** One output type per piece. */
  static List<TensorType> pieces(TensorType x, int axis, List<Integer> sizes) {
    List<TensorType> out = new ArrayList<>();
    for (int s : sizes) {
      List<Dim> d = x.dimsCopy();
      d.set(axis, Dim.of(s));
      out.add(x.withDims(d));
    }
    return out;
  }

  public Dim flops(List<TensorType> inputs) {
    return Dim.of(0);
  }
}
