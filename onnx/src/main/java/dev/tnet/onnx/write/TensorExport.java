package dev.tnet.onnx.write;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.op.ArgReduce;
import dev.tnet.ir.op.Binary;
import dev.tnet.ir.op.Cat;
import dev.tnet.ir.op.Chunk;
import dev.tnet.ir.op.Clamp;
import dev.tnet.ir.op.Expand;
import dev.tnet.ir.op.Flatten;
import dev.tnet.ir.op.MaxMin;
import dev.tnet.ir.op.Pad;
import dev.tnet.ir.op.Permute;
import dev.tnet.ir.op.Reduce;
import dev.tnet.ir.op.Reshape;
import dev.tnet.ir.op.Round;
import dev.tnet.ir.op.Slice;
import dev.tnet.ir.op.Split;
import dev.tnet.ir.op.Squeeze;
import dev.tnet.ir.op.Stack;
import dev.tnet.ir.op.TensorOp;
import dev.tnet.ir.op.Transpose;
import dev.tnet.ir.op.Unary;
import dev.tnet.ir.op.Unflatten;
import dev.tnet.ir.op.Unsqueeze;
import dev.tnet.ir.op.Variance;
import dev.tnet.runtime.DType;
import java.util.ArrayList;
import java.util.List;

/** Layout, padding, pointwise and reduction ops ({@link TensorOp}) as ONNX nodes. */
final class TensorExport {
  private TensorExport() {}

  static void emit(TensorOp op, Emit e) {
    OnnxGraphBuilder b = e.b();
    switch (op) {
      case Reshape r -> reshape(e);
      case Flatten f -> reshape(e);
      case Unflatten u -> reshape(e);
      case Squeeze s -> reshape(e);
      case Unsqueeze u -> b.opTo(e.out(), "Unsqueeze", List.of(e.in(), b.ints(axis(u.dim(), e.outType().rank()))));
      case Permute p -> b.opTo(e.out(), "Transpose", List.of(e.in()), Attrs.ints("perm", permutation(p.dims(), e.inType().rank())));
      case Transpose t -> {
        int rank = e.inType().rank();
        List<Integer> perm = new ArrayList<>();
        for (int i = 0; i < rank; i++) perm.add(i);
        if (rank > 0) java.util.Collections.swap(perm, axis(t.dim0(), rank), axis(t.dim1(), rank));
        b.opTo(e.out(), "Transpose", List.of(e.in()), Attrs.ints("perm", perm));
      }
      case Expand x -> expand(e);
      case Cat c -> cat(c, e);
      case Stack s -> {
        int ax = axis(s.dim(), e.outType().rank());
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < e.ins().size(); i++) {
          String v = b.cast(e.ins().get(i), e.inTypes().get(i).dtype(), e.outType().dtype());
          parts.add(b.op("Unsqueeze", List.of(v, b.ints(ax))));
        }
        b.opTo(e.out(), "Concat", parts, Attrs.i("axis", ax));
      }
      case Split s -> split(e, axis(s.dim(), e.inType().rank()));
      case Chunk c -> split(e, axis(c.dim(), e.inType().rank()));
      case Slice s -> slice(s, e);
      case Pad p -> pad(p, e);
      case Unary u -> unary(u, e);
      case Round r -> round(r, e);
      case Clamp c -> clamp(c, e);
      case Binary bin -> binary(bin, e);
      case Reduce r -> reduce(r, e);
      case Variance v -> variance(v, e);
      case MaxMin m -> maxMin(m, e);
      case ArgReduce a -> argReduce(a, e);
    }
  }

  static int axis(int dim, int rank) {
    return dim < 0 ? dim + rank : dim;
  }

  private static List<Integer> permutation(List<Integer> dims, int rank) {
    return dims.stream().map(d -> axis(d, rank)).toList();
  }

  /** Any op that only changes the shape: a Reshape to the output type. */
  private static void reshape(Emit e) {
    List<Dim> target = e.outType().dims();
    // allowzero: a 0 in the shape is a size 0, not "copy the input dim" (never used here).
    boolean zero = target.stream().anyMatch(d -> d.is(0));
    if (zero && !e.outType().isKnown()) throw new Refused("a reshape to a symbolic shape with a size-0 dim " + target);
    e.b().opTo(e.out(), "Reshape", List.of(e.in(), reshapeTarget(e.b(), e.inType(), target)), Attrs.i("allowzero", zero ? 1 : 0));
  }

  /**
   * A Reshape's shape input for {@code target}: known dims as numbers, one unknown as -1, the rest
   * computed from the inputs' shapes. (0 is literal: ONNX's copy-the-input-dim 0 is avoided with
   * allowzero unset by never writing 0 for a copy; a real size 0 makes the target all known.)
   */
  static String reshapeTarget(OnnxGraphBuilder b, TensorType in, List<Dim> target) {
    long unknown = target.stream().filter(d -> !d.isKnown()).count();
    if (unknown == 1 && target.stream().noneMatch(d -> d.is(0))) {
      long[] s = target.stream().mapToLong(d -> d.isKnown() ? d.value() : -1).toArray();
      return b.ints(s);
    }
    return b.shape(target);
  }

  private static void expand(Emit e) {
    TensorType in = e.inType(), out = e.outType();
    List<Dim> target = new ArrayList<>();
    int offset = out.rank() - in.rank();
    for (int i = 0; i < out.rank(); i++) {
      Dim o = out.dim(i);
      boolean same = i >= offset && in.dim(i - offset).equals(o);
      target.add(same ? Dim.of(1) : o);
    }
    e.b().opTo(e.out(), "Expand", List.of(e.in(), e.b().shape(target)));
  }

  /** Concat, with PyTorch's promotion and its legacy rule that skips 1-d empty inputs. */
  private static void cat(Cat c, Emit e) {
    OnnxGraphBuilder b = e.b();
    TensorType out = e.outType();
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < e.ins().size(); i++) {
      TensorType t = e.inTypes().get(i);
      if (out.rank() != 1 && t.rank() == 1 && t.dim(0).is(0)) continue;
      parts.add(b.cast(e.ins().get(i), t.dtype(), out.dtype()));
    }
    if (parts.isEmpty()) throw new Refused("cat of only legacy empty 1-d tensors");
    b.opTo(e.out(), "Concat", parts, Attrs.i("axis", axis(c.dim(), out.rank())));
  }

  private static void split(Emit e, int axis) {
    List<Long> sizes = new ArrayList<>();
    for (TensorType t : e.outTypes()) sizes.add(t.dim(axis).value());
    if (e.outs().size() == 1) {
      e.b().opTo(e.out(), "Identity", List.of(e.in()));
      return;
    }
    e.b().node("Split", List.of(e.in(), e.b().ints(sizes.stream().mapToLong(Long::longValue).toArray())), e.outs(),
        Attrs.i("axis", axis));
  }

  private static void slice(Slice s, Emit e) {
    OnnxGraphBuilder b = e.b();
    int ax = axis(s.dim(), e.inType().rank());
    long start = s.start() == null ? 0 : s.start();
    long end = s.end() == null ? Long.MAX_VALUE : s.end();
    b.opTo(e.out(), "Slice", List.of(e.in(), b.ints(start), b.ints(end), b.ints(ax), b.ints(s.step())));
  }

  private static void pad(Pad p, Emit e) {
    OnnxGraphBuilder b = e.b();
    int rank = e.inType().rank();
    long[] pads = new long[2 * rank];
    boolean negative = false;
    for (int d = 0; d < rank; d++) {
      pads[d] = p.before(d, rank);
      pads[rank + d] = p.after(d, rank);
      negative |= pads[d] < 0 || pads[rank + d] < 0;
    }
    String mode = switch (p.mode()) {
      case CONSTANT -> "constant";
      case REFLECT -> "reflect";
      case REPLICATE -> "edge";
      case CIRCULAR -> "wrap";
    };
    if (negative && p.mode() != Pad.Mode.CONSTANT) {
      throw new Refused("negative padding (cropping) with mode='" + p.mode().argName()
          + "': PyTorch pads relative to the uncropped input, ONNX's Pad crops first");
    }
    List<String> ins = new ArrayList<>(List.of(e.in(), b.ints(pads)));
    if (p.mode() == Pad.Mode.CONSTANT) ins.add(b.scalar(e.inType().dtype(), p.value()));
    b.opTo(e.out(), "Pad", ins, Attrs.s("mode", mode));
  }

  private static void unary(Unary u, Emit e) {
    OnnxGraphBuilder b = e.b();
    DType in = e.inType().dtype(), out = e.outType().dtype();
    String x = b.cast(e.in(), in, out);
    boolean integer = out == DType.I64;
    String y = switch (u.kind()) {
      case SQRT -> b.op("Sqrt", x);
      case RSQRT -> b.op("Reciprocal", b.op("Sqrt", x));
      case EXP -> b.op("Exp", x);
      case LOG -> b.op("Log", x);
      case ERF -> b.op("Where", List.of(b.op("IsNaN", x), x, b.op("Erf", x)));
      case SIN -> b.op("Sin", x);
      case COS -> b.op("Cos", x);
      case RECIPROCAL -> b.op("Reciprocal", x);
      case ABS -> b.op("Abs", x);
      case NEG -> b.op("Neg", x);
      case SIGN -> integer ? b.op("Sign", x) : signKeepingNaN(b, x);
      case SQUARE -> b.op("Mul", List.of(x, x));
      case FLOOR -> integer ? x : b.op("Floor", x);
      case CEIL -> integer ? x : b.op("Ceil", x);
    };
    e.result(y);
  }

  /** PyTorch's sign gives 0 for NaN; ONNX leaves NaN unspecified. */
  private static String signKeepingNaN(OnnxGraphBuilder b, String x) {
    String nan = b.op("IsNaN", x);
    return b.op("Where", List.of(nan, b.floatScalar(0), b.op("Sign", x)));
  }

  private static void round(Round r, Emit e) {
    OnnxGraphBuilder b = e.b();
    if (r.decimals() == 0) {
      b.opTo(e.out(), "Round", List.of(e.in()));
      return;
    }
    String ten = b.floatScalar(Math.pow(10, Math.abs(r.decimals())));
    String up = r.decimals() > 0 ? "Mul" : "Div", down = r.decimals() > 0 ? "Div" : "Mul";
    String rounded = b.op("Round", b.op(up, List.of(e.in(), ten)));
    b.opTo(e.out(), down, List.of(rounded, ten));
  }

  private static void clamp(Clamp c, Emit e) {
    OnnxGraphBuilder b = e.b();
    DType t = e.outType().dtype();
    String x = b.cast(e.in(), e.inType().dtype(), t);
    // Max then Min, so min > max gives max as in torch.clamp; NaN stays NaN (checked in Where).
    String y = x;
    if (c.min() != null) y = b.op("Max", List.of(y, b.scalar(t, c.min().asDouble())));
    if (c.max() != null) y = b.op("Min", List.of(y, b.scalar(t, c.max().asDouble())));
    if (t == DType.F32) y = b.op("Where", List.of(b.op("IsNaN", x), x, y));
    e.result(y);
  }

  private static void binary(Binary op, Emit e) {
    OnnxGraphBuilder b = e.b();
    DType t = e.outType().dtype();
    // Operands are computed in the result type, so true division of integers divides floats.
    DType work = t;
    String x = b.cast(e.in(), e.inType().dtype(), work);
    String y = op.other() != null ? b.scalar(work, op.other().asDouble()) : b.cast(e.ins().get(1), e.inTypes().get(1).dtype(), work);
    if (op.reversed()) {
      String s = x;
      x = y;
      y = s;
    }
    if (!op.alpha().equals(dev.tnet.ir.op.Scalar.of(1))) y = b.op("Mul", List.of(y, b.scalar(work, op.alpha().asDouble())));
    String r = switch (op.kind()) {
      case ADD -> b.op("Add", List.of(x, y));
      case SUB -> b.op("Sub", List.of(x, y));
      case MUL -> b.op("Mul", List.of(x, y));
      case POW -> b.op("Pow", List.of(x, y));
      case MAXIMUM -> nanPropagating(b, "Max", x, y, work);
      case MINIMUM -> nanPropagating(b, "Min", x, y, work);
      case DIV -> divide(b, op.rounding(), x, y, work);
    };
    e.result(r);
  }

  /** ONNX Max/Min leave NaN unspecified; torch.maximum/minimum propagate it. */
  private static String nanPropagating(OnnxGraphBuilder b, String opType, String x, String y, DType t) {
    String r = b.op(opType, List.of(x, y));
    if (t != DType.F32) return r;
    String sum = b.op("Add", List.of(x, y));
    return b.op("Where", List.of(b.op("IsNaN", sum), sum, r));
  }

  private static String divide(OnnxGraphBuilder b, Binary.Rounding rounding, String x, String y, DType t) {
    if (t == DType.F32) {
      String q = b.op("Div", List.of(x, y));
      return switch (rounding) {
        case NONE -> q;
        case FLOOR -> b.op("Floor", q);
        case TRUNC -> b.op("Where", List.of(b.op("Less", List.of(q, b.floatScalar(0))), b.op("Ceil", q), b.op("Floor", q)));
      };
    }
    return switch (rounding) {
      case NONE -> throw new dev.tnet.runtime.CompilerBug("true division of integers gives f32");
      case TRUNC -> b.op("Div", List.of(x, y));
      // Mod with fmod=0 takes the divisor's sign, so x - mod is an exact multiple of y.
      case FLOOR -> b.op("Div", List.of(b.op("Sub", List.of(x, b.op("Mod", List.of(x, y)))), y));
    };
  }

  private static String reduceNode(OnnxGraphBuilder b, String opType, String x, List<Integer> axes, boolean keepdim) {
    List<String> ins = new ArrayList<>(List.of(x));
    if (axes != null) ins.add(b.ints(axes));
    return b.op(opType, ins, Attrs.i("keepdims", keepdim ? 1 : 0));
  }

  /** The reduced axes, or null for all (ONNX reduces every axis when none are given). */
  private static List<Integer> axes(boolean[] reduced) {
    List<Integer> a = new ArrayList<>();
    for (int i = 0; i < reduced.length; i++) if (reduced[i]) a.add(i);
    return a.size() == reduced.length ? null : a;
  }

  private static void reduce(Reduce r, Emit e) {
    OnnxGraphBuilder b = e.b();
    if (e.inType().rank() == 0) {
      e.result(e.in());
      return;
    }
    String opType = switch (r.kind()) {
      case SUM -> "ReduceSum";
      case MEAN -> "ReduceMean";
      case PROD -> "ReduceProd";
      case AMAX -> "ReduceMax";
      case AMIN -> "ReduceMin";
    };
    boolean[] reduced = r.reduced(e.inType().rank());
    Dim count = Dim.of(1);
    for (int i = 0; i < reduced.length; i++) if (reduced[i]) count = count.times(e.inType().dim(i));
    if (r.kind() == Reduce.Kind.MEAN && count.is(0)) {
      // ReduceMean of nothing gives 0 in ONNX Runtime; PyTorch's 0/0 is NaN.
      String sum = reduceNode(b, "ReduceSum", e.in(), axes(reduced), r.keepdim());
      e.result(b.op("Div", List.of(sum, b.floatScalar(0))));
      return;
    }
    String y = reduceNode(b, opType, e.in(), axes(reduced), r.keepdim());
    if ((r.kind() == Reduce.Kind.AMAX || r.kind() == Reduce.Kind.AMIN) && e.inType().dtype() == DType.F32) {
      y = nanIfAny(b, e.in(), y, axes(reduced), r.keepdim());
    }
    e.result(y);
  }

  private static void variance(Variance v, Emit e) {
    OnnxGraphBuilder b = e.b();
    TensorType x = e.inType();
    boolean[] reduced = v.reduced(x.rank());
    Dim n = Dim.of(1);
    for (int i = 0; i < reduced.length; i++) if (reduced[i]) n = n.times(x.dim(i));
    if (!n.isKnown()) throw new Refused("var/std over a symbolic dim (" + n + " elements)");
    List<Integer> axes = axes(reduced);
    if (x.rank() == 0) axes = null;
    String mean = x.rank() == 0 ? e.in() : reduceNode(b, "ReduceMean", e.in(), axes, true);
    String d = b.op("Sub", List.of(e.in(), mean));
    String ss = x.rank() == 0 ? b.op("Mul", List.of(d, d)) : reduceNode(b, "ReduceSum", b.op("Mul", List.of(d, d)), axes, v.keepdim());
    String var = b.op("Div", List.of(ss, b.floatScalar(Math.max(0, n.value() - v.correction()))));
    e.result(v.std() ? b.op("Sqrt", var) : var);
  }

  private static void maxMin(MaxMin m, Emit e) {
    OnnxGraphBuilder b = e.b();
    String reduceOp = m.max() ? "ReduceMax" : "ReduceMin";
    if (m.dim() == null) {
      String y = e.inType().rank() == 0 ? e.in() : reduceNode(b, reduceOp, e.in(), null, false);
      e.result(e.inType().rank() > 0 && e.inType().dtype() == DType.F32 ? nanIfAny(b, e.in(), y, null, false) : y);
      return;
    }
    int ax = axis(m.dim(), e.inType().rank());
    if (e.inType().rank() == 0) {
      e.result(0, e.in());
      e.result(1, b.intScalar(0));
      return;
    }
    String y = reduceNode(b, reduceOp, e.in(), List.of(ax), m.keepdim());
    e.result(0, e.inType().dtype() == DType.F32 ? nanIfAny(b, e.in(), y, List.of(ax), m.keepdim()) : y);
    e.result(1, argNode(b, m.max(), e.in(), e.inType().dtype(), ax, m.keepdim()));
  }

  /** ONNX Runtime's ReduceMax/Min skip NaN; PyTorch's propagate it: NaN where any reduced element is. */
  static String nanIfAny(OnnxGraphBuilder b, String x, String y, List<Integer> axes, boolean keepdim) {
    String nans = b.op("Cast", List.of(b.op("IsNaN", x)), Attrs.i("to", OnnxTensors.elemType(DType.F32)));
    String any = reduceNode(b, "ReduceMax", nans, axes, keepdim);
    return b.op("Where", List.of(b.op("Greater", List.of(any, b.floatScalar(0))), b.floatScalar(Double.NaN), y));
  }

  /** ArgMax/ArgMin where NaN wins (PyTorch) and ties take the first index. */
  private static String argNode(OnnxGraphBuilder b, boolean max, String x, DType t, int axis, boolean keepdim) {
    String v = x;
    if (t == DType.F32) {
      // Map NaN to +inf (argmax) or -inf (argmin); an infinity tied with a NaN is rare and ignored.
      v = b.op("Where", List.of(b.op("IsNaN", x), b.floatScalar(max ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY), x));
    }
    return b.op(max ? "ArgMax" : "ArgMin", List.of(v), Attrs.i("axis", axis), Attrs.i("keepdims", keepdim ? 1 : 0),
        Attrs.i("select_last_index", 0));
  }

  private static void argReduce(ArgReduce a, Emit e) {
    OnnxGraphBuilder b = e.b();
    TensorType x = e.inType();
    if (x.rank() == 0) {
      e.result(b.intScalar(0));
      return;
    }
    if (a.dim() != null) {
      e.result(argNode(b, a.max(), e.in(), x.dtype(), axis(a.dim(), x.rank()), a.keepdim()));
      return;
    }
    String flat = b.op("Reshape", List.of(e.in(), b.ints(-1)));
    String idx = argNode(b, a.max(), flat, x.dtype(), 0, false);
    e.result(a.keepdim() ? b.op("Reshape", List.of(idx, b.shape(e.outType().dims()))) : idx);
  }
}
