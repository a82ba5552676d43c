package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.op.AttrValue.IntV;
import dev.tnet.ir.op.AttrValue.ListV;
import dev.tnet.ir.op.AttrValue.NoneV;
import dev.tnet.runtime.DType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * {@code adaptive_avg_pool1d/2d/3d(x, output_size)} and {@code adaptive_max_pool1d/2d/3d(x,
 * output_size, return_indices=False)}, as {@code F.adaptive_*_pool*d}: pooling with windows chosen
 * so the output has {@code output_size}. Output element {@code i} of a dim of input size {@code in}
 * and output size {@code out} covers {@code [floor(i*in/out), ceil((i+1)*in/out))}; windows may
 * differ in size and overlap.
 *
 * <p>{@code output_size}: an int (every dim), or a tuple with one entry per spatial dim where
 * {@code None} keeps that dim's input size. Sizes may be 0 (an empty output), as in PyTorch. Input
 * {@code [N, C, *spatial]} or unbatched {@code [C, *spatial]}. Max: NaN wins and {@code
 * return_indices} gives flat per-plane positions, as in {@link MaxPool}.
 *
 * <p>FLOPs: one add (avg) or comparison (max) per window tap, plus one division per output for
 * avg. Along a dim the windows hold {@code in + out - gcd(in, out)} taps in total; for a symbolic
 * {@code in} this counts {@code gcd = 1}, an upper bound.
 */
public record AdaptivePool(PoolKind kind, int spatialDims, List<OptionalInt> outputSize, boolean returnIndices)
    implements SpatialOp {

  public AdaptivePool {
    outputSize = List.copyOf(outputSize);
    if (kind == PoolKind.AVG && returnIndices) throw new dev.tnet.runtime.CompilerBug("avg pooling has no indices");
  }

  static Signature signature(PoolKind kind, int dims) {
    Signature s = Signature.of("adaptive_" + kind.infix() + "_pool" + dims + "d").req("output_size");
    return kind == PoolKind.MAX ? s.opt("return_indices", false) : s;
  }

  static AdaptivePool create(PoolKind kind, int dims, Args a) {
    AttrValue v = a.get("output_size");
    List<OptionalInt> sizes = new ArrayList<>();
    List<AttrValue> items = v instanceof ListV l ? l.items() : java.util.Collections.nCopies(dims, v);
    if (items.size() != dims) {
      throw new OpException(a.op(), "output_size=" + v + " must be one integer or " + dims + " entries");
    }
    for (AttrValue item : items) {
      switch (item) {
        case NoneV n -> sizes.add(OptionalInt.empty());
        case IntV i when i.value() >= 0 && i.value() <= Integer.MAX_VALUE -> sizes.add(OptionalInt.of((int) i.value()));
        default -> throw new OpException(a.op(), "output_size=" + v
            + " must hold non-negative integers or None (keep the input size)");
      }
    }
    return new AdaptivePool(kind, dims, sizes, kind == PoolKind.MAX && a.getBool("return_indices"));
  }

  public String name() {
    return "adaptive_" + kind.infix() + "_pool" + spatialDims + "d";
  }

  public Args args() {
    List<AttrValue> items = outputSize.stream()
        .map(o -> o.isPresent() ? AttrValue.of(o.getAsInt()) : (AttrValue) AttrValue.NONE).toList();
    boolean allSame = items.stream().allMatch(items.get(0)::equals) && items.get(0) instanceof IntV;
    Map<String, AttrValue> m = new HashMap<>();
    m.put("output_size", allSame ? items.get(0) : new ListV(items));
    if (kind == PoolKind.MAX) m.put("return_indices", AttrValue.of(returnIndices));
    return signature(kind, spatialDims).bind(m);
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    TensorType x = SpatialArgs.input(name(), inputs, spatialDims);
    List<Dim> spatial = new ArrayList<>();
    for (int i = 0; i < spatialDims; i++) {
      OptionalInt o = outputSize.get(i);
      spatial.add(o.isPresent() ? Dim.of(o.getAsInt()) : x.dim(x.rank() - spatialDims + i));
    }
    TensorType y = x.withDims(SpatialArgs.withSpatial(x, spatial));
    return returnIndices ? List.of(y, y.withDtype(DType.I64)) : List.of(y);
  }

  public Dim flops(List<TensorType> inputs) {
    TensorType x = inputs.get(0);
    TensorType y = infer(inputs).get(0);
    Dim taps = windowTaps(x, y, spatialDims);
    return kind == PoolKind.AVG ? taps.plus(y.numel()) : taps;
  }

  /**
   * The taps of all adaptive windows from {@code x} to {@code y}: the leading dims times, per
   * spatial dim, {@code in + out - gcd(in, out)} (the windows' total length; gcd 1 where a size is
   * symbolic and the sizes differ, an upper bound).
   */
  static Dim windowTaps(TensorType x, TensorType y, int spatialDims) {
    Dim taps = Dim.product(x.dims().subList(0, x.rank() - spatialDims));
    for (int i = x.rank() - spatialDims; i < x.rank(); i++) {
      Dim in = x.dim(i), out = y.dim(i);
      if (in.equals(out)) taps = taps.times(in);
      else if (out.is(0)) taps = Dim.of(0);
      else if (in.isKnown() && out.isKnown()) {
        long a = in.value(), b = out.value();
        taps = taps.times(a + b - java.math.BigInteger.valueOf(a).gcd(java.math.BigInteger.valueOf(b)).longValue());
      } else {
        taps = taps.times(in.plus(out).minus(1));
      }
    }
    return taps;
  }
}
