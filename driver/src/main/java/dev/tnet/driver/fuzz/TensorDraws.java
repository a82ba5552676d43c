package dev.tnet.driver.fuzz;

import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.op.AttrValue;
import dev.tnet.runtime.DType;
import java.util.ArrayList;
import java.util.List;

/**
 * Valid random calls of the tensor ops: layout (reshapes with -1, permutations, expands, joins and
 * splits, slices with out-of-range bounds, every pad mode with cropping), pointwise math on f32
 * and i64 with broadcasts of every rank and 0-d operands, and reductions over any set of dims.
 * Integer divisions sometimes divide by zero, a run-time error every engine must report alike.
 */
final class TensorDraws {
  private TensorDraws() {}

  /** A shape of rank 0 to 5 with at most {@code budget} elements, sometimes with a 0-size dim. */
  private static long[] anyShape(Rand r, int minRank, long budget) {
    long[] s = r.shape(r.between(minRank, 5), 13, budget);
    if (s.length > 0 && r.chance(25)) s[r.rng.nextInt(s.length)] = 0;
    return s;
  }

  private static DType dtype(Rand r) {
    return r.chance(5) ? DType.I64 : DType.F32;
  }

  /** Integer division's operands are i64 half the time, so that a zero divisor is a run-time error. */
  private static DType divisionDtype(Rand r) {
    return r.coin() ? DType.I64 : DType.F32;
  }

  static OpDraw layout(String op, Rand r) {
    OpDraw.Builder b = OpDraw.of(op);
    DType t = dtype(r);
    long[] s = anyShape(r, op.equals("unflatten") || op.equals("slice") ? 1 : 0, 1500);
    int rank = s.length;
    switch (op) {
      case "reshape", "view" -> {
        if (SpatialDraws.numel(s) == 0 && rank > 0) s[0] = 1;
        b.arg(op.equals("reshape") ? "shape" : "size", AttrValue.ints(factorise(SpatialDraws.numel(s), r)));
      }
      case "flatten" -> {
        int a = rank == 0 ? 0 : r.rng.nextInt(rank), e = rank == 0 ? 0 : r.between(a, rank - 1);
        b.arg("start_dim", rank == 0 ? r.pickInt(0, -1) : r.axisSpelling(a, rank))
            .arg("end_dim", rank == 0 ? r.pickInt(0, -1) : r.axisSpelling(e, rank));
      }
      case "unflatten" -> {
        int a = r.rng.nextInt(rank);
        if (s[a] == 0) s[a] = 6;
        b.arg("dim", r.axisSpelling(a, rank)).arg("sizes", AttrValue.ints(factorise(s[a], r)));
      }
      case "squeeze" -> {
        for (int i = 0; i < rank; i++) if (r.chance(3)) s[i] = 1;
        List<Integer> dims = r.subset(rank);
        if (r.chance(3) || rank == 0) b.arg("dim", AttrValue.NONE);
        else if (dims.size() == 1 && r.coin()) b.arg("dim", r.axisSpelling(dims.get(0), rank));
        else b.arg("dim", AttrValue.ints(dims.stream().mapToLong(d -> r.axisSpelling(d, rank)).toArray()));
      }
      case "unsqueeze" -> b.arg("dim", r.between(-rank - 1, rank));
      case "permute" -> {
        int[] p = r.permutation(rank);
        b.arg("dims", AttrValue.ints(java.util.Arrays.stream(p).mapToLong(d -> r.axisSpelling(d, rank)).toArray()));
      }
      case "transpose" -> {
        int n = Math.max(rank, 1);
        b.arg("dim0", rank == 0 ? r.pickInt(0, -1) : r.axisSpelling(r.rng.nextInt(n), rank))
            .arg("dim1", rank == 0 ? r.pickInt(0, -1) : r.axisSpelling(r.rng.nextInt(n), rank));
      }
      case "expand" -> {
        for (int i = 0; i < rank; i++) if (r.coin()) s[i] = 1;
        int lead = r.between(0, 2);
        long[] size = new long[lead + rank];
        for (int i = 0; i < lead; i++) size[i] = r.size(4);
        for (int i = 0; i < rank; i++) size[lead + i] = r.chance(3) ? -1 : s[i] == 1 ? r.size(7) : s[i];
        b.arg("size", AttrValue.ints(size));
      }
      case "slice" -> {
        int a = r.rng.nextInt(rank), n = (int) s[a];
        b.arg("dim", r.axisSpelling(a, rank)).arg("start", bound(n, r)).arg("end", bound(n, r))
            .arg("step", r.pickInt(1, 1, 2, 3, 5));
      }
      case "pad" -> {
        return pad(r, t);
      }
      default -> throw new dev.tnet.runtime.CompilerBug("no layout draw for " + op);
    }
    return b.input(TensorType.of(t, s), Values.forType(t, r.rng)).build();
  }

  /** A slice bound: None, in range, negative, or past either end. */
  private static AttrValue bound(int n, Rand r) {
    return switch (r.rng.nextInt(5)) {
      case 0 -> AttrValue.NONE;
      case 1 -> AttrValue.of((long) r.between(-n - 2, -1));
      case 2 -> AttrValue.of((long) (n + r.between(0, 2)));
      default -> AttrValue.of((long) r.between(0, n));
    };
  }

  /** {@code n} as a product of random factors, with 1s mixed in and one entry maybe -1. */
  private static long[] factorise(long n, Rand r) {
    List<Long> f = new ArrayList<>();
    long rest = n;
    for (long p = 2; p * p <= rest; p++) {
      while (rest % p == 0) {
        f.add(p);
        rest /= p;
      }
    }
    if (rest > 1) f.add(rest);
    int slots = r.between(1, 4);
    long[] out = new long[slots];
    java.util.Arrays.fill(out, 1);
    for (long p : f) out[r.rng.nextInt(slots)] *= p;
    if (n > 0 && r.coin()) out[r.rng.nextInt(slots)] = -1;
    return out;
  }

  private static OpDraw pad(Rand r, DType t) {
    String mode = r.pick("constant", "constant", "reflect", "replicate", "circular");
    long[] s;
    int padded;
    if (mode.equals("constant")) {
      s = anyShape(r, 1, 1500);
      padded = r.between(1, s.length);
    } else {
      padded = r.between(1, 3);
      s = r.shape(padded + r.between(1, 2), padded == 3 ? 5 : 9, 1500);
      for (int i = s.length - padded; i < s.length; i++) s[i] = Math.max(2, s[i]);
    }
    long[] pads = new long[2 * padded];
    for (int k = 0; k < padded; k++) {
      long size = s[s.length - 1 - k];
      for (int side = 0; side < 2; side++) {
        long p = switch (mode) {
          case "reflect" -> r.between(0, (int) size - 1);
          case "circular" -> r.between(0, (int) size / 2);
          default -> r.between(0, 3);
        };
        if (r.chance(5) && size > 2) p = -r.between(1, (int) Math.max(1, size / 2 - 1));
        pads[2 * k + side] = p;
      }
    }
    OpDraw.Builder b = OpDraw.of("pad").arg("pad", AttrValue.ints(pads)).arg("mode", mode);
    if (mode.equals("constant") && r.coin()) b.arg("value", r.pickDouble(1.5, -2.0, 0.0, -0.0, 1e10, 0.1));
    return b.input(TensorType.of(t, s), Values.forType(t, r.rng)).build();
  }

  static OpDraw join(String op, Rand r) {
    int n = r.between(1, 4);
    long[] s = anyShape(r, op.equals("cat") ? 1 : 0, 400);
    int rank = s.length;
    OpDraw.Builder b = OpDraw.of(op);
    if (op.equals("cat")) {
      int a = r.rng.nextInt(rank);
      b.arg("dim", r.axisSpelling(a, rank));
      for (int i = 0; i < n; i++) {
        long[] si = s.clone();
        si[a] = r.chance(6) ? 0 : r.size(5);
        DType t = dtype(r);
        b.input(TensorType.of(t, si), Values.forType(t, r.rng));
      }
    } else {
      b.arg("dim", r.between(-rank - 1, rank));
      for (int i = 0; i < n; i++) {
        DType t = dtype(r);
        b.input(TensorType.of(t, s), Values.forType(t, r.rng));
      }
    }
    return b.build();
  }

  static OpDraw cut(String op, Rand r) {
    long[] s = r.shape(r.between(1, 4), 13, 1500);
    if (r.chance(15)) s[r.rng.nextInt(s.length)] = 0;
    int a = r.rng.nextInt(s.length);
    long size = s[a];
    DType t = dtype(r);
    OpDraw.Builder b = OpDraw.of(op).arg("dim", r.axisSpelling(a, s.length));
    if (op.equals("chunk")) {
      b.arg("chunks", r.between(1, (int) size + 2));
    } else if (r.coin() || size == 0) {
      b.arg("split_size_or_sections", size == 0 ? 0 : r.between(1, (int) size + 1));
    } else {
      List<Long> sections = new ArrayList<>();
      long left = size;
      while (left > 0) {
        long piece = r.chance(5) ? 0 : r.between(1, (int) left);
        sections.add(piece);
        left -= piece;
      }
      b.arg("split_size_or_sections", AttrValue.ints(sections.stream().mapToLong(Long::longValue).toArray()));
    }
    return b.input(TensorType.of(t, s), Values.forType(t, r.rng)).build();
  }

  static OpDraw unary(String op, Rand r) {
    boolean intOk = List.of("abs", "neg", "sign", "square", "floor", "ceil").contains(op) || op.equals("clamp");
    DType t = intOk && r.chance(4) ? DType.I64 : DType.F32;
    if (!intOk && r.chance(8)) t = DType.I64;
    if (op.equals("round")) t = DType.F32;
    long[] s = anyShape(r, 0, 1500);
    OpDraw.Builder b = OpDraw.of(op);
    if (op.equals("round")) b.arg("decimals", r.pickInt(0, 0, 1, 2, -1));
    if (op.equals("clamp")) {
      boolean ints = t == DType.I64 && r.coin();
      AttrValue lo = ints ? AttrValue.of((long) r.between(-3, 1)) : AttrValue.of(r.pickDouble(-1.0, -0.5, 0.0, -0.0, 0.25, 0.30000000000000004, -1e-7));
      AttrValue hi = ints ? AttrValue.of((long) r.between(-1, 3)) : AttrValue.of(r.pickDouble(-0.75, 0.5, 1.0, 6.0, -0.0, 1e10));
      switch (r.rng.nextInt(3)) {
        case 0 -> b.arg("min", lo);
        case 1 -> b.arg("max", hi);
        default -> b.arg("min", lo).arg("max", hi);
      }
    }
    Values v = t == DType.I64 ? new Values.Ints(-6, 6) : r.chance(3) ? new Values.Floats(Values.Dist.HALVES, 0.1) : Values.anyFloats(r.rng);
    return b.input(TensorType.of(t, s), v).build();
  }

  static OpDraw binary(String op, Rand r) {
    boolean div = op.equals("div") || op.equals("rdiv"), pow = op.endsWith("pow");
    String scalarArg = op.equals("pow") ? "exponent" : "other";
    OpDraw.Builder b = OpDraw.of(op);
    DType ta = div ? divisionDtype(r) : dtype(r), tb = div ? divisionDtype(r) : dtype(r);
    boolean intDiv = false;
    if (div) {
      String mode = r.pick("none", "trunc", "floor");
      if (!mode.equals("none")) {
        b.arg("rounding_mode", mode);
        intDiv = true;
      }
    }
    long[] out = r.shape(r.between(0, 5), 7, 800);
    AttrValue number = null;
    if (r.chance(3)) {
      number = ta == DType.I64 && r.coin() ? AttrValue.of((long) r.between(op.equals("pow") ? 0 : -3, 3))
          : AttrValue.of(r.pickDouble(0.5, 2.0, -1.5, 0.0, -0.0, 3.0, 1e-8, 0.30000000000000004));
      b.arg(scalarArg, number);
    }
    boolean scalar = number != null;
    if ((op.equals("add") || op.equals("sub") || op.equals("rsub")) && r.chance(3)) {
      boolean intResult = ta == DType.I64 && (scalar ? number instanceof AttrValue.IntV : tb == DType.I64);
      b.arg("alpha", intResult || r.coin() ? AttrValue.of((long) r.between(-2, 3)) : AttrValue.of(0.5));
    }
    b.input(TensorType.of(ta, broadcastOperand(out, r)), operandValues(ta, div && op.equals("rdiv") && intDiv, pow, r));
    if (!scalar) b.input(TensorType.of(tb, broadcastOperand(out, r)), operandValues(tb, div && op.equals("div") && intDiv, pow, r));
    return b.build();
  }

  /** A shape that broadcasts to {@code out}: a suffix of it with some dims 1. */
  private static long[] broadcastOperand(long[] out, Rand r) {
    int rank = r.chance(3) ? r.between(0, out.length) : out.length;
    long[] s = new long[rank];
    for (int i = 0; i < rank; i++) s[i] = r.chance(4) ? 1 : out[out.length - rank + i];
    return s;
  }

  /** Values of one operand: divisors of integer division include zeros; powers stay small. */
  private static Values operandValues(DType t, boolean divisor, boolean pow, Rand r) {
    if (t == DType.I64) return divisor ? new Values.Ints(-3, 3) : pow ? new Values.Ints(-2, 4) : new Values.Ints(-9, 9);
    return pow ? new Values.Floats(r.pick(Values.Dist.HALVES, Values.Dist.POSITIVE, Values.Dist.UNIFORM), 0.05) : Values.anyFloats(r.rng);
  }

  static OpDraw reduce(String op, Rand r) {
    boolean intOk = List.of("sum", "prod", "amax", "amin", "max", "min", "argmax", "argmin").contains(op);
    DType t = intOk && r.chance(4) ? DType.I64 : DType.F32;
    boolean extreme = List.of("amax", "amin", "max", "min", "argmax", "argmin").contains(op);
    long[] s = extreme ? r.shape(r.between(0, 5), 13, 1500) : anyShape(r, 0, 1500);
    int rank = s.length;
    OpDraw.Builder b = OpDraw.of(op);
    switch (op) {
      case "max", "min", "argmax", "argmin", "prod" -> {
        boolean none = rank == 0 || r.chance(3);
        b.arg("dim", none ? AttrValue.NONE : AttrValue.of((long) r.axisSpelling(r.rng.nextInt(rank), rank)));
        boolean keep = r.coin() && !(none && (op.equals("max") || op.equals("min")));
        b.arg("keepdim", keep);
      }
      default -> {
        List<Integer> dims = r.subset(rank);
        AttrValue dim = switch (r.rng.nextInt(4)) {
          case 0 -> AttrValue.NONE;
          case 1 -> dims.isEmpty() ? AttrValue.ints() : AttrValue.of((long) r.axisSpelling(dims.get(0), rank));
          default -> AttrValue.ints(dims.stream().mapToLong(d -> r.axisSpelling(d, rank)).toArray());
        };
        b.arg("dim", dim).arg("keepdim", r.coin());
        if (op.equals("var") || op.equals("std")) b.arg("correction", r.pickInt(0, 1, 1, 2, 5));
      }
    }
    Values v = t == DType.I64 ? new Values.Ints(-5, 5) : r.chance(4) ? new Values.Floats(Values.Dist.HALVES, 0.1) : Values.anyFloats(r.rng);
    return b.input(TensorType.of(t, s), v).build();
  }
}
