package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import java.util.List;
import java.util.Map;

/**
 * {@code slice(x, dim=0, start=None, end=None, step=1)}: {@code x[..., start:end:step, ...]} along
 * {@code dim}, with Python's slicing rules: None means the whole range, a negative bound counts from
 * the end, out-of-range bounds clamp, and {@code start >= end} gives an empty (size-0) result.
 * {@code step} must be positive, as in PyTorch. This op is tnet's spelling of basic indexing.
 *
 * <p>On a symbolic dim the bounds are taken as in range (the size is assumed large enough), so the
 * result is {@code ceil((end - start) / step)} in {@link Dim} arithmetic.
 *
 * <p>FLOPs: 0 (data movement only).
 */
public record Slice(int dim, Long start, Long end, long step) implements TensorOp {
  public static final Signature SIGNATURE =
      Signature.of("slice").opt("dim", 0).optNone("start").optNone("end").opt("step", 1);

  static Slice create(Args a) {
    return new Slice(a.getInt("dim"), a.isNone("start") ? null : a.getLong("start"),
        a.isNone("end") ? null : a.getLong("end"), a.getLong("step"));
  }

  public String name() {
    return "slice";
  }

  public Args args() {
    return SIGNATURE.bind(Map.of("dim", AttrValue.of(dim), "start", start == null ? AttrValue.NONE : AttrValue.of(start),
        "end", end == null ? AttrValue.NONE : AttrValue.of(end), "step", AttrValue.of(step)));
  }

  /** The first index taken from a dim of known {@code size}, after Python's clamping. */
  public int first(int size) {
    return clamp(start, 0, size);
  }

  /** The number of elements taken from a dim of known {@code size}. */
  public int count(int size) {
    long from = first(size), to = clamp(end, size, size);
    return to <= from ? 0 : (int) Math.ceilDiv(to - from, step);
  }

  private static int clamp(Long bound, int absent, int size) {
    if (bound == null) return absent;
    long b = bound < 0 ? bound + size : bound;
    return (int) Math.max(0, Math.min(b, size));
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    TensorType x = TensorChecks.single(name(), inputs);
    if (step <= 0) throw new OpException(name(), "step=" + step + " must be positive");
    if (x.rank() == 0) throw new OpException(name(), "cannot slice a 0-d input " + x);
    int axis = Checks.axis(name(), "dim", dim, x.rank());
    Dim size = x.dims().get(axis);
    Dim out;
    if (size.isKnown()) {
      out = Dim.of(count(size.intValue()));
    } else {
      Dim from = symbolicBound(start, Dim.of(0), size), to = symbolicBound(end, size, size);
      Dim span = to.minus(from);
      out = span.isKnown() ? Dim.of(Math.max(0, Math.ceilDiv(span.value(), step))) : span.ceilDiv(step);
    }
    List<Dim> dims = x.dimsCopy();
    dims.set(axis, out);
    return List.of(x.withDims(dims));
  }

  private static Dim symbolicBound(Long bound, Dim absent, Dim size) {
    if (bound == null) return absent;
    return bound < 0 ? size.plus(bound) : Dim.of(bound);
  }

  public Dim flops(List<TensorType> inputs) {
    return Dim.of(0);
  }
}
