package dev.tnet.ir.op;

import dev.tnet.ir.op.AttrValue.StrV;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code padding} argument of a convolution: {@code 'same'}, or explicit zero-or-more
 * elements before and after each spatial dim.
 *
 * <p>Accepted spellings, for {@code n} spatial dims: one int (every side); a tuple of {@code n}
 * ints (per dim, both sides, as PyTorch); {@code 'valid'} (no padding); {@code 'same'}; and, a tnet
 * extension PyTorch's convolutions lack, a tuple of {@code 2n} ints giving each side in dim order:
 * {@code (d0_begin, d0_end, d1_begin, d1_end, ...)}. Note this is the reverse of {@code F.pad}'s
 * order, which starts at the last dim.
 */
public sealed interface ConvPadding {
  /**
   * Output size equals input size (stride 1 only): {@code total = dilation * (kernel - 1)} elements
   * per dim, {@code total / 2} before and the rest after, so an even kernel pads one more at the end,
   * as PyTorch does.
   */
  record Same() implements ConvPadding {}

  /** Explicit padding, {@code perSide = [d0_begin, d0_end, d1_begin, d1_end, ...]}, all >= 0. */
  record Explicit(List<Integer> perSide) implements ConvPadding {
    public Explicit {
      perSide = List.copyOf(perSide);
    }
  }

  /** Parses the {@code padding} argument for {@code dims} spatial dims. */
  static ConvPadding parse(Args a, String name, int dims) {
    if (a.get(name) instanceof StrV) {
      return switch (a.getChoice(name, "same", "valid")) {
        case "same" -> new Same();
        default -> new Explicit(java.util.Collections.nCopies(2 * dims, 0));
      };
    }
    int[] v = a.get(name) instanceof AttrValue.IntV ? a.getInts(name, dims) : a.getIntList(name);
    if (v.length != dims && v.length != 2 * dims) {
      throw new OpException(a.op(), name + "=" + a.get(name) + " must be one integer, " + dims
          + " integers (per dim) or " + 2 * dims + " integers (begin and end per dim), or 'same' or 'valid'");
    }
    List<Integer> perSide = new ArrayList<>(2 * dims);
    for (int i = 0; i < dims; i++) {
      int begin = v.length == dims ? v[i] : v[2 * i];
      int end = v.length == dims ? v[i] : v[2 * i + 1];
      if (begin < 0 || end < 0) throw new OpException(a.op(), name + "=" + a.get(name) + " must not be negative");
      perSide.add(begin);
      perSide.add(end);
    }
    return new Explicit(perSide);
  }

  /** The attribute that rebuilds this padding: {@code 'same'}, an int, a per-dim or per-side tuple. */
  default AttrValue attr() {
    return switch (this) {
      case Same s -> AttrValue.of("same");
      case Explicit e -> {
        List<Integer> p = e.perSide();
        List<Integer> perDim = new ArrayList<>();
        boolean symmetric = true;
        for (int i = 0; i < p.size(); i += 2) {
          symmetric &= p.get(i).equals(p.get(i + 1));
          perDim.add(p.get(i));
        }
        yield symmetric ? SpatialArgs.attr(perDim) : SpatialArgs.attr(p);
      }
    };
  }

  /**
   * The padding before and after each dim, {@code [d0_begin, d0_end, ...]}, resolving {@code
   * 'same'} for this kernel and dilation.
   */
  default List<Integer> resolve(List<Integer> kernel, List<Integer> dilation) {
    return switch (this) {
      case Explicit e -> e.perSide();
      case Same s -> {
        List<Integer> p = new ArrayList<>();
        for (int i = 0; i < kernel.size(); i++) {
          int total = dilation.get(i) * (kernel.get(i) - 1);
          p.add(total / 2);
          p.add(total - total / 2);
        }
        yield List.copyOf(p);
      }
    };
  }
}
