package dev.tnet.onnx.read;

import ai.onnx.proto.OnnxMl.NodeProto;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.UserException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Evaluates ONNX nodes whose inputs are all known at import time: the {@code Shape -> Gather ->
 * Cast -> Unsqueeze -> Concat -> Reshape} chains exporters emit to compute shapes, and small
 * arithmetic on them. Values are held as doubles with an integer-or-float flag (integers stay exact
 * below 2^53, far above any size), and come back as i64 or f32 tensors.
 */
final class ConstantFolder {
  /** The ops this folder evaluates when every input is constant. */
  static final Set<String> OPS = Set.of("Shape", "Size", "Gather", "Cast", "Unsqueeze", "Squeeze", "Concat", "Slice", "Reshape",
      "Flatten", "Add", "Sub", "Mul", "Div", "Identity", "ConstantOfShape", "Range", "Transpose", "Neg", "Floor", "Ceil",
      "Sqrt", "Min", "Max", "Equal", "Less", "Greater", "Where", "Not", "Expand", "Abs", "Dropout", "Sign");

  /** A constant array: shape, values, and whether it is floating point. */
  record Arr(int[] shape, double[] v, boolean isFloat) {
    static Arr of(Tensor t) {
      double[] v = new double[t.size()];
      if (t.dtype() == dev.tnet.runtime.DType.F32) {
        float[] f = t.floats();
        for (int i = 0; i < v.length; i++) v[i] = f[i];
      } else {
        long[] l = t.longs();
        for (int i = 0; i < v.length; i++) v[i] = l[i];
      }
      return new Arr(t.shape().dims(), v, t.dtype() == dev.tnet.runtime.DType.F32);
    }

    Tensor tensor() {
      Shape s = Shape.of(shape);
      if (isFloat) {
        float[] f = new float[v.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) v[i];
        return Tensor.of(s, f);
      }
      long[] l = new long[v.length];
      for (int i = 0; i < l.length; i++) l[i] = (long) v[i];
      return Tensor.ofLongs(s, l);
    }

    long[] longs() {
      long[] l = new long[v.length];
      for (int i = 0; i < l.length; i++) l[i] = (long) v[i];
      return l;
    }

    int rank() {
      return shape.length;
    }
  }

  private ConstantFolder() {}

  /**
   * The outputs of {@code n} given its inputs ({@code null} for an omitted optional input), or
   * null if this node cannot be folded after all (then it is imported as graph ops).
   */
  static List<Tensor> fold(NodeProto n, List<Tensor> inputs, int opset) {
    Attributes a = new Attributes(n);
    List<Arr> in = new ArrayList<>();
    for (Tensor t : inputs) in.add(t == null ? null : Arr.of(t));
    Arr r = switch (n.getOpType()) {
      case "Identity", "Dropout" -> in.get(0);
      case "Shape" -> shape(in.get(0), a);
      case "Size" -> new Arr(new int[0], new double[] {in.get(0).v().length}, false);
      case "Cast" -> cast(in.get(0), (int) a.getInt("to", TensorProtos.FLOAT));
      case "Gather" -> gather(in.get(0), in.get(1), (int) a.getInt("axis", 0));
      case "Unsqueeze" -> unsqueeze(in.get(0), axes(a, in, opset, 13));
      case "Squeeze" -> squeeze(in.get(0), axes(a, in, opset, 13));
      case "Concat" -> concat(in, (int) a.getInt("axis", 0));
      case "Slice" -> Slicing.fold(in.get(0), Slicing.of(n, a, inputs, opset, in.get(0).shape()));
      case "Reshape" -> reshape(in.get(0), Reshaping.target(in.get(0).shape(), in.get(1).longs(), a.getInt("allowzero", 0) != 0));
      case "Flatten" -> flatten(in.get(0), (int) a.getInt("axis", 1));
      case "Transpose" -> transpose(in.get(0), a.getInts("perm"));
      case "Expand" -> expand(in.get(0), in.get(1).longs());
      case "ConstantOfShape" -> constantOfShape(in.get(0), a);
      case "Range" -> range(in.get(0), in.get(1), in.get(2));
      case "Where" -> where(in.get(0), in.get(1), in.get(2));
      case "Add", "Sub", "Mul", "Div", "Min", "Max", "Equal", "Less", "Greater" -> binary(n.getOpType(), in);
      case "Neg", "Floor", "Ceil", "Sqrt", "Not", "Abs", "Sign" -> unary(n.getOpType(), in.get(0));
      default -> null;
    };
    return r == null ? null : List.of(r.tensor());
  }

  private static Arr shape(Arr x, Attributes a) {
    int rank = x.rank();
    int start = (int) a.getInt("start", 0), end = (int) a.getInt("end", rank);
    start = Math.clamp(start < 0 ? start + rank : start, 0, rank);
    end = Math.clamp(end < 0 ? end + rank : end, 0, rank);
    double[] v = new double[Math.max(0, end - start)];
    for (int i = 0; i < v.length; i++) v[i] = x.shape()[start + i];
    return new Arr(new int[] {v.length}, v, false);
  }

  private static Arr cast(Arr x, int to) {
    boolean f = TensorProtos.isFloat(to);
    double[] v = x.v().clone();
    if (!f) {
      for (int i = 0; i < v.length; i++) v[i] = to == TensorProtos.BOOL ? (v[i] != 0 ? 1 : 0) : (double) (long) v[i];
    } else {
      for (int i = 0; i < v.length; i++) v[i] = (float) v[i];
    }
    return new Arr(x.shape(), v, f);
  }

  static long[] axes(Attributes a, List<Arr> in, int opset, int sinceInput) {
    if (opset >= sinceInput) return in.size() > 1 && in.get(1) != null ? in.get(1).longs() : null;
    return a.getInts("axes");
  }

  private static Arr gather(Arr data, Arr idx, int axis) {
    int r = data.rank();
    if (axis < 0) axis += r;
    int[] ds = data.shape();
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < axis; i++) out.add(ds[i]);
    for (int d : idx.shape()) out.add(d);
    for (int i = axis + 1; i < r; i++) out.add(ds[i]);
    int outer = 1, inner = 1;
    for (int i = 0; i < axis; i++) outer *= ds[i];
    for (int i = axis + 1; i < r; i++) inner *= ds[i];
    int n = idx.v().length, dim = ds[axis];
    double[] v = new double[outer * n * inner];
    for (int o = 0; o < outer; o++) {
      for (int j = 0; j < n; j++) {
        long k = (long) idx.v()[j];
        if (k < 0) k += dim;
        if (k < 0 || k >= dim) throw new UserException("Gather index " + (long) idx.v()[j] + " is out of range for a dim of size " + dim);
        System.arraycopy(data.v(), (int) ((o * dim + k) * inner), v, (o * n + j) * inner, inner);
      }
    }
    return new Arr(out.stream().mapToInt(Integer::intValue).toArray(), v, data.isFloat());
  }

  private static Arr unsqueeze(Arr x, long[] axes) {
    int outRank = x.rank() + axes.length;
    boolean[] inserted = new boolean[outRank];
    for (long ax : axes) inserted[(int) (ax < 0 ? ax + outRank : ax)] = true;
    int[] s = new int[outRank];
    for (int i = 0, j = 0; i < outRank; i++) s[i] = inserted[i] ? 1 : x.shape()[j++];
    return new Arr(s, x.v(), x.isFloat());
  }

  private static Arr squeeze(Arr x, long[] axes) {
    List<Integer> s = new ArrayList<>();
    for (int i = 0; i < x.rank(); i++) {
      boolean drop = false;
      if (axes == null) drop = x.shape()[i] == 1;
      else for (long ax : axes) drop |= (ax < 0 ? ax + x.rank() : ax) == i;
      if (!drop) s.add(x.shape()[i]);
    }
    return new Arr(s.stream().mapToInt(Integer::intValue).toArray(), x.v(), x.isFloat());
  }

  private static Arr concat(List<Arr> in, int axis) {
    Arr first = in.get(0);
    int r = first.rank();
    if (axis < 0) axis += r;
    int[] s = first.shape().clone();
    s[axis] = 0;
    boolean f = false;
    for (Arr x : in) {
      s[axis] += x.shape()[axis];
      f |= x.isFloat();
    }
    int outer = 1;
    for (int i = 0; i < axis; i++) outer *= s[i];
    double[] v = new double[Arrays.stream(s).reduce(1, (p, q) -> p * q)];
    int pos = 0;
    for (int o = 0; o < outer; o++) {
      for (Arr x : in) {
        int chunk = x.v().length / Math.max(1, outer);
        System.arraycopy(x.v(), o * chunk, v, pos, chunk);
        pos += chunk;
      }
    }
    return new Arr(s, v, f);
  }

  private static Arr reshape(Arr x, int[] target) {
    return new Arr(target, x.v(), x.isFloat());
  }

  private static Arr flatten(Arr x, int axis) {
    if (axis < 0) axis += x.rank();
    int a = 1, b = 1;
    for (int i = 0; i < x.rank(); i++) {
      if (i < axis) a *= x.shape()[i];
      else b *= x.shape()[i];
    }
    return new Arr(new int[] {a, b}, x.v(), x.isFloat());
  }

  private static Arr transpose(Arr x, long[] perm) {
    int r = x.rank();
    int[] p = new int[r];
    for (int i = 0; i < r; i++) p[i] = perm == null ? r - 1 - i : (int) perm[i];
    int[] s = new int[r];
    for (int i = 0; i < r; i++) s[i] = x.shape()[p[i]];
    int[] inStrides = strides(x.shape());
    double[] v = new double[x.v().length];
    int[] idx = new int[r];
    for (int o = 0; o < v.length; o++) {
      int src = 0;
      for (int i = 0; i < r; i++) src += idx[i] * inStrides[p[i]];
      v[o] = x.v()[src];
      for (int i = r - 1; i >= 0 && ++idx[i] == s[i]; i--) idx[i] = 0;
    }
    return new Arr(s, v, x.isFloat());
  }

  private static Arr expand(Arr x, long[] shape) {
    int r = Math.max(x.rank(), shape.length);
    int[] s = new int[r];
    for (int i = 0; i < r; i++) {
      int a = i - (r - x.rank()) >= 0 ? x.shape()[i - (r - x.rank())] : 1;
      int b = i - (r - shape.length) >= 0 ? (int) shape[i - (r - shape.length)] : 1;
      s[i] = a == 1 ? b : a;
    }
    return broadcast(x, s);
  }

  private static Arr constantOfShape(Arr shape, Attributes a) {
    int[] s = Arrays.stream(shape.longs()).mapToInt(Math::toIntExact).toArray();
    double value = 0;
    boolean f = true;
    if (a.has("value")) {
      Tensor t = TensorProtos.read(a.get("value").getT(), java.nio.file.Path.of("."));
      Arr v = Arr.of(t);
      value = v.v()[0];
      f = v.isFloat();
    }
    double[] v = new double[Arrays.stream(s).reduce(1, (p, q) -> p * q)];
    Arrays.fill(v, value);
    return new Arr(s, v, f);
  }

  private static Arr range(Arr start, Arr limit, Arr delta) {
    double s = start.v()[0], l = limit.v()[0], d = delta.v()[0];
    int n = (int) Math.max(0, Math.ceil((l - s) / d));
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = s + i * d;
    return new Arr(new int[] {n}, v, start.isFloat());
  }

  private static Arr where(Arr c, Arr x, Arr y) {
    int[] s = broadcastShape(broadcastShape(c.shape(), x.shape()), y.shape());
    Arr bc = broadcast(c, s), bx = broadcast(x, s), by = broadcast(y, s);
    double[] v = new double[bc.v().length];
    for (int i = 0; i < v.length; i++) v[i] = bc.v()[i] != 0 ? bx.v()[i] : by.v()[i];
    return new Arr(s, v, x.isFloat() || y.isFloat());
  }

  private static Arr unary(String op, Arr x) {
    double[] v = new double[x.v().length];
    for (int i = 0; i < v.length; i++) {
      double a = x.v()[i];
      v[i] = switch (op) {
        case "Neg" -> -a;
        case "Floor" -> Math.floor(a);
        case "Ceil" -> Math.ceil(a);
        case "Sqrt" -> Math.sqrt(a);
        case "Abs" -> Math.abs(a);
        case "Sign" -> Math.signum(a);
        default -> a == 0 ? 1 : 0;
      };
    }
    return new Arr(x.shape(), v, x.isFloat());
  }

  private static Arr binary(String op, List<Arr> in) {
    if (in.size() != 2) {
      if (!op.equals("Min") && !op.equals("Max") || in.isEmpty()) return null;
      Arr acc = in.get(0);
      for (int i = 1; i < in.size(); i++) acc = binary(op, List.of(acc, in.get(i)));
      return acc;
    }
    Arr x = in.get(0), y = in.get(1);
    int[] s = broadcastShape(x.shape(), y.shape());
    Arr bx = broadcast(x, s), by = broadcast(y, s);
    boolean f = x.isFloat() || y.isFloat();
    boolean bool = op.equals("Equal") || op.equals("Less") || op.equals("Greater");
    double[] v = new double[bx.v().length];
    for (int i = 0; i < v.length; i++) {
      double a = bx.v()[i], b = by.v()[i];
      v[i] = switch (op) {
        case "Add" -> a + b;
        case "Sub" -> a - b;
        case "Mul" -> a * b;
        case "Div" -> f ? a / b : (double) ((long) a / (long) b);
        case "Min" -> Math.min(a, b);
        case "Max" -> Math.max(a, b);
        case "Equal" -> a == b ? 1 : 0;
        case "Less" -> a < b ? 1 : 0;
        default -> a > b ? 1 : 0;
      };
      if (f && !bool) v[i] = (float) v[i];
    }
    return new Arr(s, v, f && !bool);
  }

  static int[] broadcastShape(int[] a, int[] b) {
    int r = Math.max(a.length, b.length);
    int[] s = new int[r];
    for (int i = 0; i < r; i++) {
      int x = i - (r - a.length) >= 0 ? a[i - (r - a.length)] : 1;
      int y = i - (r - b.length) >= 0 ? b[i - (r - b.length)] : 1;
      if (x != y && x != 1 && y != 1) {
        throw new UserException("cannot broadcast " + Arrays.toString(a) + " and " + Arrays.toString(b));
      }
      s[i] = x == 1 ? y : x;
    }
    return s;
  }

  private static Arr broadcast(Arr x, int[] s) {
    if (Arrays.equals(x.shape(), s)) return x;
    int r = s.length, off = r - x.rank();
    int[] xs = strides(x.shape());
    double[] v = new double[Arrays.stream(s).reduce(1, (p, q) -> p * q)];
    int[] idx = new int[r];
    for (int o = 0; o < v.length; o++) {
      int src = 0;
      for (int i = off; i < r; i++) if (x.shape()[i - off] != 1) src += idx[i] * xs[i - off];
      v[o] = x.v()[src];
      for (int i = r - 1; i >= 0 && ++idx[i] == s[i]; i--) idx[i] = 0;
    }
    return new Arr(s, v, x.isFloat());
  }

  static int[] strides(int[] shape) {
    int[] st = new int[shape.length];
    int acc = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      st[i] = acc;
      acc *= shape[i];
    }
    return st;
  }
}
