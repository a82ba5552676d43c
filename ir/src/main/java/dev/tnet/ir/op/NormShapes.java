package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.op.ParamSpec.Init;
import dev.tnet.runtime.DType;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Argument and shape checks shared by the normalisation ops ({@link BatchNorm}, {@link
 * InstanceNorm}, {@link LayerNorm}, {@link GroupNorm}, {@link RmsNorm}, {@link DyT}).
 */
final class NormShapes {
  private NormShapes() {}

  /**
   * The one float input of a norm, of rank at least {@code minRank}; {@code layout} names the
   * expected layout for the error message, e.g. {@code "(N, C, ...)"}.
   */
  static TensorType singleInput(String op, List<TensorType> inputs, int minRank, String layout) {
    Checks.arity(op, inputs, 1);
    TensorType x = inputs.get(0);
    Checks.dtype(op, "input", x, DType.F32);
    if (x.rank() < minRank) {
      throw new OpException(op, "input must have rank at least " + minRank + " " + layout + ", got " + x);
    }
    return x;
  }

  /** {@code normalized_shape}: an int or a non-empty tuple of non-negative ints. */
  static List<Integer> normalizedShape(Args a) {
    int[] ns = a.getIntList("normalized_shape");
    if (ns.length == 0) throw new OpException(a.op(), "normalized_shape must name at least one dim, got ()");
    List<Integer> r = new ArrayList<>();
    for (int n : ns) {
      if (n < 0) {
        throw new OpException(a.op(), "normalized_shape=" + a.get("normalized_shape") + " has a negative size");
      }
      r.add(n);
    }
    return List.copyOf(r);
  }

  static AttrValue attr(List<Integer> normalizedShape) {
    return AttrValue.ints(normalizedShape.stream().mapToLong(Integer::longValue).toArray());
  }

  static List<Dim> dims(List<Integer> normalizedShape) {
    return normalizedShape.stream().map(Dim::of).toList();
  }

  /**
   * Requires the input's trailing dims to be {@code normalizedShape} (checked where the input's
   * dims are known), as {@code F.layer_norm} does.
   */
  static void checkTrailing(String op, List<Integer> normalizedShape, TensorType x) {
    int n = normalizedShape.size();
    boolean ok = x.rank() >= n;
    for (int i = 0; ok && i < n; i++) {
      Dim d = x.dim(x.rank() - n + i);
      ok = !d.isKnown() || d.is(normalizedShape.get(i));
    }
    if (!ok) {
      String want = String.join(", ", normalizedShape.stream().map(String::valueOf).toList());
      throw new OpException(op, "normalized_shape=" + attr(normalizedShape) + " does not match the trailing dims of input "
          + x + " (expected input of shape [*, " + want + "])");
    }
  }

  /** A float argument that may be {@code None}. */
  static OptionalDouble optionalDouble(Args a, String name) {
    return a.isNone(name) ? OptionalDouble.empty() : OptionalDouble.of(a.getDouble(name));
  }

  static AttrValue attr(OptionalDouble v) {
    return v.isPresent() ? AttrValue.of(v.getAsDouble()) : AttrValue.NONE;
  }

  /**
   * PyTorch's check before computing statistics from the input: where {@code count}, the number
   * of values per statistic, is known to be 1, {@code F.batch_norm} (training), {@code
   * F.instance_norm} and {@code F.group_norm} refuse. {@code what} says what one statistic covers,
   * e.g. {@code "value per channel"}.
   */
  static void requireMoreThanOneValue(String op, Dim count, String what, TensorType x) {
    if (count.is(1)) {
      throw new OpException(op, "needs more than 1 " + what + " to compute statistics from the input, got input " + x);
    }
  }

  /** The product of dims {@code [from, rank)} of {@code x}. */
  static Dim productFrom(TensorType x, int from) {
    return Dim.product(x.dims().subList(from, x.rank()));
  }

  /**
   * The outputs of a channel norm ({@link BatchNorm}, {@link InstanceNorm}) of input {@code x}:
   * {@code y}, then, if it updates its running statistics, the new {@code running_mean} and
   * {@code running_var}, each {@code f32 [C]}.
   */
  static List<TensorType> channelNormOutputs(TensorType x, boolean updatesRunningStats) {
    if (!updatesRunningStats) return List.of(x);
    TensorType stat = TensorType.f32(x.dim(1));
    return List.of(x, stat, stat);
  }

  /**
   * The params of a channel norm ({@link BatchNorm}, {@link InstanceNorm}) of input {@code x},
   * as the module's state_dict: {@code weight [C]}, {@code bias [C]} if affine, then {@code
   * running_mean [C]}, {@code running_var [C]} and {@code num_batches_tracked} (an i64 scalar) if
   * track_running_stats.
   */
  static List<ParamSpec> channelNormParams(TensorType x, boolean affine, boolean trackRunningStats) {
    TensorType perChannel = TensorType.f32(x.dim(1));
    List<ParamSpec> p = new ArrayList<>();
    if (affine) {
      p.add(new ParamSpec("weight", perChannel, Init.ONES));
      p.add(new ParamSpec("bias", perChannel, Init.ZEROS));
    }
    if (trackRunningStats) {
      p.add(new ParamSpec("running_mean", perChannel, Init.ZEROS));
      p.add(new ParamSpec("running_var", perChannel, Init.ONES));
      p.add(new ParamSpec("num_batches_tracked", TensorType.of(DType.I64), Init.ZEROS));
    }
    return p;
  }
}
