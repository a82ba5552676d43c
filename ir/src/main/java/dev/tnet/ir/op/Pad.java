package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code pad(x, pad, mode='constant', value=0.0)}, as {@code F.pad}. {@code pad} lists
 * {@code (before, after)} pairs starting from the last dim: {@code (left, right, top, bottom, ...)}.
 *
 * <ul>
 *   <li>{@code constant}: any number of trailing dims; outside reads {@code value} (truncated
 *       toward zero for an i64 input); negative pads crop; a result dim may be 0.
 *   <li>{@code reflect}, {@code replicate}, {@code circular}: the last 1, 2 or 3 dims of a tensor
 *       with one or two more dims (PyTorch 1.13's limits), {@code value} must be 0. Reflect needs
 *       each pad smaller than its dim; reflect and replicate need a non-empty result and non-empty
 *       non-batch dims. Negative pads crop. PyTorch 1.13 reflects and replicates relative to the
 *       uncropped input but wraps circularly within the cropped one (so a circular pad may not
 *       exceed the cropped size); the kernel does exactly that.
 * </ul>
 *
 * <p>Deviations: circular also accepts an input without batch dim (rank = pads + 1), as PyTorch
 * 2.x does; reflect and replicate accept i64 inputs, which PyTorch 1.13 does not implement.
 *
 * <p>FLOPs: 0 (data movement only).
 */
public record Pad(List<Integer> pad, Mode mode, double value) implements TensorOp {
  public static final Signature SIGNATURE = Signature.of("pad").req("pad").opt("mode", "constant").opt("value", 0.0);

  /** Padding modes, named as F.pad's {@code mode}. */
  public enum Mode {
    CONSTANT, REFLECT, REPLICATE, CIRCULAR;

    public String argName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Pad {
    pad = List.copyOf(pad);
  }

  static Pad create(Args a) {
    String m = a.getChoice("mode", "constant", "reflect", "replicate", "circular");
    return new Pad(TensorChecks.intList(a, "pad"), Mode.valueOf(m.toUpperCase(Locale.ROOT)), a.getDouble("value"));
  }

  public String name() {
    return "pad";
  }

  public Args args() {
    return SIGNATURE.bind(Map.of("pad", TensorChecks.ints(pad), "mode", AttrValue.of(mode.argName()),
        "value", AttrValue.of(value)));
  }

  /** Padding before dim {@code d} of a rank-{@code rank} input (0 for dims not padded). */
  public int before(int d, int rank) {
    int k = rank - 1 - d;
    return 2 * k < pad.size() ? pad.get(2 * k) : 0;
  }

  /** Padding after dim {@code d} of a rank-{@code rank} input. */
  public int after(int d, int rank) {
    int k = rank - 1 - d;
    return 2 * k + 1 < pad.size() ? pad.get(2 * k + 1) : 0;
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    TensorType x = TensorChecks.single(name(), inputs);
    int rank = x.rank();
    if (pad.size() % 2 != 0) throw new OpException(name(), "pad=" + pad + " must have an even length");
    if (pad.size() > 2 * rank) {
      throw new OpException(name(), "pad=" + pad + " pads " + pad.size() / 2 + " dims but input " + x + " has " + rank);
    }
    if (mode != Mode.CONSTANT) checkNonConstant(x);
    List<Dim> out = x.dimsCopy();
    for (int d = 0; d < rank; d++) {
      Dim size = x.dims().get(d), padded = size.plus(before(d, rank) + (long) after(d, rank));
      if (padded.isKnown() && padded.value() < (mode == Mode.CONSTANT || mode == Mode.CIRCULAR ? 0 : 1)) {
        throw new OpException(name(), "pad=" + pad + " makes dim " + d + " of input " + x + " "
            + (padded.value() < 0 ? "negative" : "empty, which mode='" + mode.argName() + "' refuses"));
      }
      if (mode == Mode.CIRCULAR && size.isKnown()) checkCircular(x, d, size.intValue());
      out.set(d, padded);
    }
    return List.of(x.withDims(out));
  }

  private void checkNonConstant(TensorType x) {
    int k = pad.size() / 2, rank = x.rank();
    if (value != 0) {
      throw new OpException(name(), "mode='" + mode.argName() + "' takes no value (got value=" + value + ")");
    }
    if (k < 1 || k > 3 || rank < k + 1 || rank > k + 2) {
      throw new OpException(name(), "mode='" + mode.argName() + "' pads the last 1 to 3 dims of a tensor with one or two"
          + " more dims; pad=" + pad + " does not fit input " + x);
    }
    for (int d = rank == k + 2 ? 1 : 0; d < rank && mode != Mode.CIRCULAR; d++) {
      if (x.dims().get(d).is(0)) {
        throw new OpException(name(), "mode='" + mode.argName() + "' needs non-empty dims besides the batch, got " + x);
      }
    }
    for (int d = rank - k; d < rank && mode == Mode.REFLECT; d++) {
      Dim size = x.dims().get(d);
      if (size.isKnown() && (before(d, rank) >= size.value() || after(d, rank) >= size.value())) {
        throw new OpException(name(), "mode='reflect' needs each pad smaller than its dim, but pad=" + pad
            + " pads dim " + d + " of size " + size + " (input " + x + ")");
      }
    }
  }

  /** Circular wraps within the cropped dim: each positive pad must fit in it. */
  private void checkCircular(TensorType x, int d, int size) {
    int b = before(d, x.rank()), a = after(d, x.rank());
    int cropped = size + Math.min(b, 0) + Math.min(a, 0);
    if (Math.max(b, 0) > cropped || Math.max(a, 0) > cropped) {
      throw new OpException(name(), "mode='circular' would wrap around more than once: pad=" + pad + " pads dim " + d
          + " of input " + x + " by more than its (cropped) size " + cropped);
    }
  }

  public Dim flops(List<TensorType> inputs) {
    return Dim.of(0);
  }
}
