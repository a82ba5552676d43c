package dev.tnet.onnx.write;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.op.Activation;
import dev.tnet.ir.op.BatchNorm;
import dev.tnet.ir.op.Celu;
import dev.tnet.ir.op.Constant;
import dev.tnet.ir.op.Dropout;
import dev.tnet.ir.op.DyT;
import dev.tnet.ir.op.Elu;
import dev.tnet.ir.op.Embedding;
import dev.tnet.ir.op.Gelu;
import dev.tnet.ir.op.GroupNorm;
import dev.tnet.ir.op.Hardtanh;
import dev.tnet.ir.op.InstanceNorm;
import dev.tnet.ir.op.LayerNorm;
import dev.tnet.ir.op.LeakyRelu;
import dev.tnet.ir.op.Linear;
import dev.tnet.ir.op.MatMul;
import dev.tnet.ir.op.NnOp;
import dev.tnet.ir.op.PRelu;
import dev.tnet.ir.op.PointwiseActivation;
import dev.tnet.ir.op.RmsNorm;
import dev.tnet.ir.op.Softmax;
import dev.tnet.ir.op.Softplus;
import java.util.ArrayList;
import java.util.List;

/** Linear algebra, normalisations, activations, embedding and dropout ({@link NnOp}) as ONNX nodes. */
final class NnExport {
  private NnExport() {}

  static void emit(NnOp op, Emit e) {
    OnnxGraphBuilder b = e.b();
    switch (op) {
      case Linear l -> linear(l, e);
      case MatMul m -> b.opTo(e.out(), "MatMul", e.ins());
      case BatchNorm n -> batchNorm(n, e);
      case InstanceNorm n -> instanceNorm(n, e);
      case LayerNorm n -> layerNorm(n, e);
      case GroupNorm n -> groupNorm(n, e);
      case RmsNorm n -> rmsNorm(n, e);
      case DyT d -> {
        String t = b.op("Tanh", b.op("Mul", List.of(e.in(), e.params().get(0))));
        b.opTo(e.out(), "Add", List.of(b.op("Mul", List.of(t, e.params().get(1))), e.params().get(2)));
      }
      case PointwiseActivation a -> e.result(activation(a, b, e.in()));
      case PRelu p -> {
        int rank = e.inType().rank();
        String slope = e.params().get(0);
        if (p.numParameters() != 1 && rank > 2) {
          List<Dim> shape = new ArrayList<>(List.of(Dim.of(p.numParameters())));
          for (int i = 2; i < rank; i++) shape.add(Dim.of(1));
          slope = b.op("Reshape", List.of(slope, b.shape(shape)));
        }
        if (rank == 0) slope = b.op("Reshape", List.of(slope, b.ints()));
        // Where rather than PRelu: ONNX Runtime's PRelu gives NaN for -inf.
        String neg = b.op("Less", List.of(e.in(), b.floatScalar(0)));
        b.opTo(e.out(), "Where", List.of(neg, b.op("Mul", List.of(e.in(), slope)), e.in()));
      }
      case Softmax s -> {
        if (e.inType().rank() == 0) {
          String y = b.op(s.log() ? "LogSoftmax" : "Softmax", List.of(b.op("Reshape", List.of(e.in(), b.ints(1)))), Attrs.i("axis", 0));
          b.opTo(e.out(), "Reshape", List.of(y, b.ints()));
        } else {
          b.opTo(e.out(), s.log() ? "LogSoftmax" : "Softmax", e.ins(), Attrs.i("axis", TensorExport.axis(s.dim(), e.inType().rank())));
        }
      }
      case Embedding m -> embedding(m, e);
      case Dropout d -> dropout(d, e);
      case Constant c -> b.opTo(e.out(), "Identity", e.params());
    }
  }

  private static void linear(Linear l, Emit e) {
    OnnxGraphBuilder b = e.b();
    String w = e.params().get(0);
    if (e.inType().rank() == 2) {
      List<String> ins = new ArrayList<>(List.of(e.in(), w));
      if (l.bias()) ins.add(e.params().get(1));
      b.opTo(e.out(), "Gemm", ins, Attrs.i("transB", 1));
      return;
    }
    String y = b.op("MatMul", List.of(e.in(), b.op("Transpose", List.of(w), Attrs.ints("perm", List.of(1, 0)))));
    e.result(l.bias() ? b.op("Add", List.of(y, e.params().get(1))) : y);
  }

  /** Per-channel values {@code [C]} shaped {@code [C, 1, ...]} to broadcast over an {@code [N, C, *]} input. */
  private static String perChannel(OnnxGraphBuilder b, String v, TensorType x) {
    if (x.rank() <= 2) return v;
    List<Long> axes = new ArrayList<>();
    for (int i = 1; i < x.rank() - 1; i++) axes.add((long) i);
    return b.op("Unsqueeze", List.of(v, b.ints(axes.stream().mapToLong(Long::longValue).toArray())));
  }

  private static void batchNorm(BatchNorm n, Emit e) {
    OnnxGraphBuilder b = e.b();
    TensorType x = e.inType();
    if (n.updatesRunningStats()) {
      throw new Refused("batch_norm with training=True and track_running_stats=True updates running statistics; "
          + "ONNX inference graphs cannot");
    }
    long c = channels(x, n.name());
    String scale = n.affine() ? e.params().get(0) : b.filled(c, 1), bias = n.affine() ? e.params().get(1) : b.filled(c, 0);
    if (!n.usesBatchStats()) {
      int k = n.affine() ? 2 : 0;
      b.opTo(e.out(), "BatchNormalization", List.of(e.in(), scale, bias, e.params().get(k), e.params().get(k + 1)),
          Attrs.f("epsilon", n.eps()));
      return;
    }
    List<Integer> axes = new ArrayList<>(List.of(0));
    for (int i = 2; i < x.rank(); i++) axes.add(i);
    e.result(normalize(b, e.in(), axes, n.eps(), perChannel(b, scale, x), perChannel(b, bias, x)));
  }

  /** {@code (x - mean) / sqrt(var + eps) * scale + bias} over {@code axes}, biased variance. */
  private static String normalize(OnnxGraphBuilder b, String x, List<Integer> axes, double eps, String scale, String bias) {
    String mean = b.op("ReduceMean", List.of(x, b.ints(axes)), Attrs.i("keepdims", 1));
    String d = b.op("Sub", List.of(x, mean));
    String var = b.op("ReduceMean", List.of(b.op("Mul", List.of(d, d)), b.ints(axes)), Attrs.i("keepdims", 1));
    String y = b.op("Div", List.of(d, b.op("Sqrt", b.op("Add", List.of(var, b.floatScalar(eps))))));
    if (scale != null) y = b.op("Mul", List.of(y, scale));
    if (bias != null) y = b.op("Add", List.of(y, bias));
    return y;
  }

  private static long channels(TensorType x, String op) {
    Dim c = x.dim(1);
    if (!c.isKnown()) throw new Refused(op + " over a symbolic channel count " + c);
    return c.value();
  }

  private static void instanceNorm(InstanceNorm n, Emit e) {
    OnnxGraphBuilder b = e.b();
    TensorType x = e.inType();
    if (n.updatesRunningStats()) {
      throw new Refused("instance_norm with training=True and track_running_stats=True updates running statistics; "
          + "ONNX inference graphs cannot");
    }
    long c = channels(x, n.name());
    String scale = n.affine() ? e.params().get(0) : b.filled(c, 1), bias = n.affine() ? e.params().get(1) : b.filled(c, 0);
    if (!n.usesInstanceStats()) {
      int k = n.affine() ? 2 : 0;
      b.opTo(e.out(), "BatchNormalization", List.of(e.in(), scale, bias, e.params().get(k), e.params().get(k + 1)),
          Attrs.f("epsilon", n.eps()));
      return;
    }
    List<Integer> axes = new ArrayList<>();
    for (int i = 2; i < x.rank(); i++) axes.add(i);
    e.result(normalize(b, e.in(), axes, n.eps(), perChannel(b, scale, x), perChannel(b, bias, x)));
  }

  /**
   * Primitive ops rather than LayerNormalization: ONNX Runtime's kernel refuses one element and
   * loses precision on large magnitudes (one-pass variance); the two-pass form matches the interpreter.
   */
  private static void layerNorm(LayerNorm n, Emit e) {
    OnnxGraphBuilder b = e.b();
    int rank = e.inType().rank(), k = n.normalizedShape().size();
    List<Integer> axes = new ArrayList<>();
    for (int i = rank - k; i < rank; i++) axes.add(i);
    String scale = n.elementwiseAffine() ? e.params().get(0) : null;
    String bias = n.elementwiseAffine() && n.bias() ? e.params().get(1) : null;
    e.result(normalize(b, e.in(), axes, n.eps(), scale, bias));
  }

  private static void groupNorm(GroupNorm n, Emit e) {
    OnnxGraphBuilder b = e.b();
    TensorType x = e.inType();
    // [N, C, *] -> [N, G, C/G * prod(*)], normalise the last dim, back to x's shape.
    String grouped = b.op("Reshape", List.of(e.in(), b.ints(0, n.numGroups(), -1)));
    String y = normalize(b, grouped, List.of(2), n.eps(), null, null);
    y = b.op("Reshape", List.of(y, b.op("Shape", e.in())));
    if (n.affine()) {
      y = b.op("Mul", List.of(y, perChannel(b, e.params().get(0), x)));
      y = b.op("Add", List.of(y, perChannel(b, e.params().get(1), x)));
    }
    e.result(y);
  }

  private static void rmsNorm(RmsNorm n, Emit e) {
    OnnxGraphBuilder b = e.b();
    int rank = e.inType().rank(), k = n.normalizedShape().size();
    List<Integer> axes = new ArrayList<>();
    for (int i = rank - k; i < rank; i++) axes.add(i);
    String ms = b.op("ReduceMean", List.of(b.op("Mul", List.of(e.in(), e.in())), b.ints(axes)), Attrs.i("keepdims", 1));
    String inv = b.op("Reciprocal", b.op("Sqrt", b.op("Add", List.of(ms, b.floatScalar(n.effectiveEps())))));
    String y = b.op("Mul", List.of(e.in(), inv));
    e.result(n.elementwiseAffine() ? b.op("Mul", List.of(y, e.params().get(0))) : y);
  }

  /** The pointwise activations, as the ONNX op or a short composition. */
  static String activation(PointwiseActivation a, OnnxGraphBuilder b, String x) {
    return switch (a) {
      case Activation act -> switch (act.kind()) {
        case RELU -> b.op("Relu", x);
        case RELU6 -> clip(b, x, 0, 6);
        case SELU -> b.op("Selu", List.of(x), Attrs.f("alpha", Activation.SELU_ALPHA), Attrs.f("gamma", Activation.SELU_SCALE));
        case SIGMOID -> b.op("Sigmoid", x);
        case TANH -> b.op("Tanh", x);
        case HARDSIGMOID -> b.op("HardSigmoid", List.of(x), Attrs.f("alpha", 1.0 / 6), Attrs.f("beta", 0.5));
        case HARDSWISH -> b.op("HardSwish", x);
        case SILU -> b.op("Mul", List.of(x, b.op("Sigmoid", x)));
        case MISH -> b.op("Mish", x);
      };
      case LeakyRelu l -> b.op("LeakyRelu", List.of(x), Attrs.f("alpha", l.negativeSlope()));
      case Elu l -> b.op("Elu", List.of(x), Attrs.f("alpha", l.alpha()));
      case Celu l -> b.op("Celu", List.of(x), Attrs.f("alpha", l.alpha()));
      case Hardtanh h -> clip(b, x, h.minVal(), h.maxVal());
      case Gelu g -> gelu(g, b, x);
      case Softplus s -> softplus(s, b, x);
    };
  }

  private static String clip(OnnxGraphBuilder b, String x, double lo, double hi) {
    return b.op("Clip", List.of(x, b.floatScalar(lo), b.floatScalar(hi)));
  }

  /** Gelu is an ONNX op only from opset 20: {@code x/2 * (1 + erf(x/sqrt 2))}, or the tanh form. */
  private static String gelu(Gelu g, OnnxGraphBuilder b, String x) {
    String half = b.op("Mul", List.of(x, b.floatScalar(0.5)));
    String inner = switch (g.approximate()) {
      case NONE -> b.op("Erf", b.op("Mul", List.of(x, b.floatScalar(1 / Math.sqrt(2)))));
      case TANH -> {
        String cube = b.op("Mul", List.of(b.op("Mul", List.of(x, x)), x));
        String poly = b.op("Add", List.of(x, b.op("Mul", List.of(cube, b.floatScalar(0.044715)))));
        yield b.op("Tanh", b.op("Mul", List.of(poly, b.floatScalar(Math.sqrt(2 / Math.PI)))));
      }
    };
    return b.op("Mul", List.of(half, b.op("Add", List.of(inner, b.floatScalar(1)))));
  }

  /** {@code beta*x > threshold ? x : log(1 + exp(beta*x)) / beta}, as F.softplus. */
  private static String softplus(Softplus s, OnnxGraphBuilder b, String x) {
    String bx = s.beta() == 1 ? x : b.op("Mul", List.of(x, b.floatScalar(s.beta())));
    String soft = b.op("Softplus", bx);
    if (s.beta() != 1) soft = b.op("Div", List.of(soft, b.floatScalar(s.beta())));
    return b.op("Where", List.of(b.op("Greater", List.of(bx, b.floatScalar(s.threshold()))), x, soft));
  }

  private static void embedding(Embedding m, Emit e) {
    OnnxGraphBuilder b = e.b();
    String rows = b.op("Gather", List.of(e.params().get(0), e.in()), Attrs.i("axis", 0));
    if (m.maxNorm().isEmpty()) {
      e.result(rows);
      return;
    }
    // max_norm renormalises each looked-up row: scale = max_norm / (norm + 1e-7) where norm > max_norm.
    String norm = m.normType() == 2 ? b.op("ReduceL2", List.of(rows, b.ints(-1)), Attrs.i("keepdims", 1))
        : b.op("Pow", List.of(b.op("ReduceSum", List.of(b.op("Pow", List.of(b.op("Abs", rows), b.floatScalar(m.normType()))),
            b.ints(-1)), Attrs.i("keepdims", 1)), b.floatScalar(1 / m.normType())));
    double max = m.maxNorm().getAsDouble();
    String scale = b.op("Div", List.of(b.floatScalar(max), b.op("Add", List.of(norm, b.floatScalar(1e-7)))));
    String factor = b.op("Where", List.of(b.op("Greater", List.of(norm, b.floatScalar(max))), scale, b.floatScalar(1)));
    e.result(b.op("Mul", List.of(rows, factor)));
  }

  private static void dropout(Dropout d, Emit e) {
    OnnxGraphBuilder b = e.b();
    if (!d.training()) {
      b.opTo(e.out(), "Identity", e.ins());
      return;
    }
    long[] shape = OnnxGraphBuilder.known(e.inType());
    if (shape == null) throw new Refused("dropout with training=True on a symbolic shape " + e.inType() + " (the mask is a constant)");
    long n = java.util.Arrays.stream(shape).reduce(1, Math::multiplyExact);
    if (n > 1 << 22) throw new Refused("dropout with training=True on " + n + " elements (the mask would be a large constant)");
    float scale = (float) (d.p() == 1 ? 0 : 1 / (1 - d.p()));
    float[] mask = new float[(int) n];
    for (int i = 0; i < n; i++) mask[i] = d.keeps(i) ? scale : 0f;
    b.opTo(e.out(), "Mul", List.of(e.in(), b.floats(shape, mask)));
  }
}
