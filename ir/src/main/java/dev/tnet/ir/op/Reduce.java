package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A reduction over a set of dims: {@code sum}, {@code mean}, {@code prod}, {@code amax}, {@code
 * amin}, each {@code (dim=None, keepdim=False)}. {@code dim} is None or the empty tuple (all dims),
 * an int or a tuple of ints (negatives wrap, no repeats); {@code prod} takes one dim, as in
 * PyTorch. With {@code keepdim} the reduced dims stay as size 1.
 *
 * <p>Values: sum and mean accumulate in double (mean of nothing is NaN, sum 0, prod 1); amax and
 * amin propagate NaN and refuse to reduce an empty dim. On i64, sum, prod, amax and amin stay i64
 * (wrapping as int64); mean refuses integers, as PyTorch. PyTorch's {@code dtype=} argument is not
 * offered.
 *
 * <p>FLOPs: 1 per input element.
 */
public record Reduce(Kind kind, List<Integer> dims, boolean keepdim) implements TensorOp {
  /** The reductions, each named as its catalogue entry (lower case). */
  public enum Kind {
    SUM, MEAN, PROD, AMAX, AMIN;

    public String opName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** {@code dims == null} reduces every dim. */
  public Reduce {
    dims = dims == null ? null : List.copyOf(dims);
  }

  public static Signature signature(Kind kind) {
    return Signature.of(kind.opName()).optNone("dim").opt("keepdim", false);
  }

  static Reduce create(Kind kind, Args a) {
    Reduce r = new Reduce(kind, TensorChecks.dimsOrAll(a, "dim"), a.getBool("keepdim"));
    if (kind == Kind.PROD && r.dims != null && r.dims.size() > 1) {
      throw new OpException("prod", "dim must be one int (PyTorch's prod reduces one dim or all), got " + a.get("dim"));
    }
    return r;
  }

  public String name() {
    return kind.opName();
  }

  public Args args() {
    return signature(kind).bind(Map.of("dim", TensorChecks.intsOrNone(dims), "keepdim", AttrValue.of(keepdim)));
  }

  /** Which input dims are reduced, for an input of {@code rank}. */
  public boolean[] reduced(int rank) {
    return TensorChecks.reducedDims(name(), dims, rank);
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    TensorType x = TensorChecks.single(name(), inputs);
    if (kind == Kind.MEAN) TensorChecks.floatOnly(name(), x);
    boolean[] reduced = reduced(x.rank());
    if (kind == Kind.AMAX || kind == Kind.AMIN) TensorChecks.nonEmptyReduction(name(), x, reduced);
    return List.of(new TensorType(x.dtype(), TensorChecks.reducedShape(x, reduced, keepdim)));
  }

  public Dim flops(List<TensorType> inputs) {
    return inputs.get(0).numel();
  }
}
