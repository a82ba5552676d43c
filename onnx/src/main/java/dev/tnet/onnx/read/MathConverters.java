package dev.tnet.onnx.read;

import static dev.tnet.onnx.read.Converters.hasInput;
import static dev.tnet.onnx.read.Converters.num;
import static dev.tnet.onnx.read.Converters.out;
import static dev.tnet.onnx.read.Converters.unsupported;

import ai.onnx.proto.OnnxMl.NodeProto;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.runtime.DType;
import dev.tnet.runtime.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pointwise ops, activations, softmax and reductions. A binary op with a one-element constant
 * becomes an op with a number ({@code x * 0.5} is {@code mul(x, other=0.5)}); a larger constant
 * becomes a {@code constant} named after its initializer.
 */
final class MathConverters {
  private MathConverters() {}

  static void register(Map<String, Converters.Converter> r) {
    for (String[] u : new String[][] {{"Relu", "relu"}, {"Sigmoid", "sigmoid"}, {"Tanh", "tanh"}, {"Erf", "erf"},
        {"Sqrt", "sqrt"}, {"Exp", "exp"}, {"Log", "log"}, {"Abs", "abs"}, {"Neg", "neg"}, {"HardSwish", "hardswish"},
        {"Softplus", "softplus"}, {"Reciprocal", "reciprocal"}, {"Floor", "floor"}, {"Ceil", "ceil"}, {"Sin", "sin"},
        {"Cos", "cos"}, {"Sign", "sign"}, {"Mish", "mish"}}) {
      r.put(u[0], (c, n, a) -> out(c, n, c.op(n, u[1], Map.of(), c.tensor(n.getInput(0)))));
    }
    r.put("LeakyRelu", (c, n, a) -> unary(c, n, "leaky_relu", Map.of("negative_slope", num(a.getFloat("alpha", 0.01f)))));
    r.put("Elu", (c, n, a) -> unary(c, n, "elu", Map.of("alpha", num(a.getFloat("alpha", 1f)))));
    r.put("Celu", (c, n, a) -> unary(c, n, "celu", Map.of("alpha", num(a.getFloat("alpha", 1f)))));
    r.put("Selu", MathConverters::selu);
    r.put("HardSigmoid", MathConverters::hardSigmoid);
    r.put("Clip", MathConverters::clip);
    r.put("Gelu", (c, n, a) -> unary(c, n, "gelu", Map.of("approximate", a.getString("approximate", "none"))));
    r.put("Softmax", (c, n, a) -> softmax(c, n, a, "softmax"));
    r.put("LogSoftmax", (c, n, a) -> softmax(c, n, a, "log_softmax"));
    r.put("Add", (c, n, a) -> binary(c, n, "add", null, true));
    r.put("Sub", (c, n, a) -> binary(c, n, "sub", "rsub", false));
    r.put("Mul", (c, n, a) -> binary(c, n, "mul", null, true));
    r.put("Div", (c, n, a) -> binary(c, n, "div", "rdiv", false));
    r.put("Pow", (c, n, a) -> binary(c, n, "pow", "rpow", false));
    r.put("Max", (c, n, a) -> variadic(c, n, "maximum"));
    r.put("Min", (c, n, a) -> variadic(c, n, "minimum"));
    r.put("ReduceMean", (c, n, a) -> reduce(c, n, a, "mean", 18));
    r.put("ReduceSum", (c, n, a) -> reduce(c, n, a, "sum", 13));
    r.put("ReduceMax", (c, n, a) -> reduce(c, n, a, "amax", 18));
    r.put("ReduceMin", (c, n, a) -> reduce(c, n, a, "amin", 18));
    r.put("ReduceProd", (c, n, a) -> reduce(c, n, a, "prod", 18));
    r.put("Identity", MathConverters::alias);
    r.put("Dropout", MathConverters::alias);
    r.put("Cast", MathConverters::cast);
  }

  private static void unary(ImportContext c, NodeProto n, String op, Map<String, ?> args) {
    out(c, n, c.op(n, op, args, c.tensor(n.getInput(0))));
  }

  /** Identity and inference Dropout: the output is the input (no node). */
  private static void alias(ImportContext c, NodeProto n, Attributes a) {
    if (n.getOutputCount() > 1 && !n.getOutput(1).isEmpty()) throw unsupported(n, "Dropout's mask output");
    c.define(n.getOutput(0), c.val(n.getInput(0)));
  }

  private static void cast(ImportContext c, NodeProto n, Attributes a) {
    String x = c.tensor(n.getInput(0));
    int to = (int) a.getInt("to", TensorProtos.FLOAT);
    DType want = TensorProtos.isFloat(to) ? DType.F32 : to == TensorProtos.INT64 || to == TensorProtos.INT32 ? DType.I64 : null;
    if (want != c.type(x).dtype()) throw unsupported(n, "a cast from " + c.type(x).dtype() + " to " + TensorProtos.typeName(to));
    c.define(n.getOutput(0), c.val(n.getInput(0)));
  }

  /** SELU; with non-default constants {@code gamma * elu(x, alpha)}. */
  private static void selu(ImportContext c, NodeProto n, Attributes a) {
    float alpha = a.getFloat("alpha", 1.67326319217681884765625f), gamma = a.getFloat("gamma", 1.05070102214813232421875f);
    if (alpha == 1.67326319217681884765625f && gamma == 1.05070102214813232421875f) {
      unary(c, n, "selu", Map.of());
      return;
    }
    String e = c.helper(n.getOutput(0) + "_elu", "elu", Map.of("alpha", num(alpha)), c.tensor(n.getInput(0)));
    out(c, n, c.op(n, "mul", Map.of("other", num(gamma)), e));
  }

  /** PyTorch's hardsigmoid is alpha = 1/6, beta = 0.5; others are {@code clamp(x * alpha + beta, 0, 1)}. */
  private static void hardSigmoid(ImportContext c, NodeProto n, Attributes a) {
    if (Patterns.isPyTorchHardSigmoid(n)) {
      unary(c, n, "hardsigmoid", Map.of());
      return;
    }
    float alpha = a.getFloat("alpha", 0.2f), beta = a.getFloat("beta", 0.5f);
    String x = c.tensor(n.getInput(0));
    String m = c.helper(n.getOutput(0) + "_scaled", "mul", Map.of("other", num(alpha)), x);
    String s = c.helper(n.getOutput(0) + "_shifted", "add", Map.of("other", num(beta)), m);
    out(c, n, c.op(n, "clamp", Map.of("min", 0.0, "max", 1.0), s));
  }

  private static void clip(ImportContext c, NodeProto n, Attributes a) {
    Double lo = null, hi = null;
    if (c.opset < 11) {
      if (a.has("min")) lo = num(a.getFloat("min", 0));
      if (a.has("max")) hi = num(a.getFloat("max", 0));
    } else {
      if (hasInput(n, 1)) lo = Converters.scalar(Converters.requireConst(c, n, 1, "the minimum"));
      if (hasInput(n, 2)) hi = Converters.scalar(Converters.requireConst(c, n, 2, "the maximum"));
    }
    String x = c.tensor(n.getInput(0));
    if (lo != null && lo == 0 && hi != null && hi == 6) {
      out(c, n, c.op(n, "relu6", Map.of(), x));
    } else if (lo != null && lo == 0 && hi == null) {
      out(c, n, c.op(n, "relu", Map.of(), x));
    } else {
      Map<String, Object> args = new LinkedHashMap<>();
      if (lo != null) args.put("min", lo);
      if (hi != null) args.put("max", hi);
      out(c, n, c.op(n, "clamp", args, x));
    }
  }

  /** Softmax and LogSoftmax; before opset 13 they flatten to 2-D at {@code axis} (default 1) first. */
  private static void softmax(ImportContext c, NodeProto n, Attributes a, String op) {
    String x = c.tensor(n.getInput(0));
    int[] s = Converters.shape(c, x);
    int r = s.length;
    if (c.opset >= 13) {
      out(c, n, c.op(n, op, Map.of("dim", Converters.axis(a.getInt("axis", -1), r)), x));
      return;
    }
    int axis = Converters.axis(a.getInt("axis", 1), r);
    if (axis == r - 1) {
      out(c, n, c.op(n, op, Map.of("dim", axis), x));
      return;
    }
    long outer = 1, inner = 1;
    for (int i = 0; i < r; i++) {
      if (i < axis) outer *= s[i];
      else inner *= s[i];
    }
    String flat = c.helper(n.getOutput(0) + "_2d", "reshape", Map.of("shape", List.of((int) outer, (int) inner)), x);
    String sm = c.helper(n.getOutput(0) + "_" + op, op, Map.of("dim", 1), flat);
    out(c, n, c.op(n, "reshape", Map.of("shape", Converters.list(s)), sm));
  }

  /**
   * {@code Add}, {@code Sub}, ...: two tensors, or a tensor and a number when one side is a
   * one-element constant that does not raise the rank ({@code reversed} names the op for a number
   * on the left, null when the op commutes).
   */
  private static void binary(ImportContext c, NodeProto n, String op, String reversed, boolean commutes) {
    String an = n.getInput(0), bn = n.getInput(1);
    Tensor ca = c.constant(an), cb = c.constant(bn);
    String key = op.equals("pow") ? "exponent" : "other";
    if (cb != null && ca == null && isScalarFor(c, cb, an)) {
      out(c, n, c.op(n, op, Map.of(key, number(c, cb, an)), c.tensor(an)));
      return;
    }
    if (ca != null && cb == null && isScalarFor(c, ca, bn)) {
      String rop = commutes ? op : reversed;
      out(c, n, c.op(n, rop, Map.of(commutes ? key : "other", number(c, ca, bn)), c.tensor(bn)));
      return;
    }
    out(c, n, c.op(n, op, Map.of(), c.tensor(an), c.tensor(bn)));
  }

  /** A one-element constant whose rank does not exceed the tensor's (so broadcasting keeps the shape). */
  private static boolean isScalarFor(ImportContext c, Tensor k, String tensorName) {
    return k.size() == 1 && k.rank() <= c.type(c.tensor(tensorName)).rank();
  }

  /** The number: a float for a float tensor or constant, else an int (so an i64 tensor stays i64). */
  private static Object number(ImportContext c, Tensor k, String tensorName) {
    TensorType t = c.type(c.tensor(tensorName));
    if (k.dtype() == DType.F32) return num(k.floats()[0]);
    return t.dtype() == DType.F32 ? (double) k.longs()[0] : (Object) k.longs()[0];
  }

  private static void variadic(ImportContext c, NodeProto n, String op) {
    List<String> ins = n.getInputList().stream().filter(s -> !s.isEmpty()).toList();
    if (ins.size() == 1) {
      c.define(n.getOutput(0), c.val(ins.get(0)));
      return;
    }
    String acc = null;
    Tensor constant = null;
    List<String> tensors = new ArrayList<>();
    for (String i : ins) {
      Tensor k = c.constant(i);
      if (k != null && k.size() == 1 && constant == null) constant = k;
      else tensors.add(i);
    }
    if (tensors.isEmpty()) throw unsupported(n, "only constant operands");
    if (constant != null && !isScalarFor(c, constant, tensors.get(0))) {
      tensors.add(ins.stream().filter(i -> !tensors.contains(i)).findFirst().orElseThrow());
      constant = null;
    }
    acc = c.tensor(tensors.get(0));
    for (int i = 1; i < tensors.size(); i++) {
      boolean last = i == tensors.size() - 1 && constant == null;
      acc = last ? c.op(n, op, Map.of(), acc, c.tensor(tensors.get(i)))
          : c.helper(n.getOutput(0) + "_" + i, op, Map.of(), acc, c.tensor(tensors.get(i)));
    }
    if (constant != null) acc = c.op(n, op, Map.of("other", number(c, constant, tensors.get(0))), acc);
    out(c, n, acc);
  }

  /** ReduceMean etc.: {@code axes} is an attribute before {@code inputSince}, an input from then on. */
  private static void reduce(ImportContext c, NodeProto n, Attributes a, String op, int inputSince) {
    String x = c.tensor(n.getInput(0));
    int r = Converters.rank(c, x);
    long[] axes = c.opset < inputSince ? a.getInts("axes")
        : hasInput(n, 1) ? Converters.requireConst(c, n, 1, "the axes").longs() : null;
    boolean keep = a.getInt("keepdims", 1) != 0;
    if (axes == null || axes.length == 0) {
      if (a.getInt("noop_with_empty_axes", 0) != 0) {
        c.define(n.getOutput(0), c.val(n.getInput(0)));
        return;
      }
      axes = new long[r];
      for (int i = 0; i < r; i++) axes[i] = i;
    }
    List<Integer> dims = new ArrayList<>();
    for (long ax : axes) dims.add(Converters.axis(ax, r));
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("dim", dims.size() == 1 ? dims.get(0) : dims);
    args.put("keepdim", keep);
    out(c, n, c.op(n, op, args, x));
  }
}
