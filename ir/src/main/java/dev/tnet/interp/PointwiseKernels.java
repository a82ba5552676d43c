package dev.tnet.interp;

import dev.tnet.runtime.ErrorFunction;

import dev.tnet.ir.op.Binary;
import dev.tnet.ir.op.Clamp;
import dev.tnet.ir.op.Round;
import dev.tnet.ir.op.Scalar;
import dev.tnet.ir.op.Unary;
import dev.tnet.runtime.DType;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.UserException;

/**
 * Reference kernels of the pointwise tensor ops. Float results are computed in double from
 * operands rounded to f32 and rounded once to f32 (floor division and round with decimals follow
 * PyTorch's float32 arithmetic step by step); i64 results are computed in int64 (wrapping as PyTorch's int64 does).
 */
final class PointwiseKernels {
  private PointwiseKernels() {}

  static Tensor unary(Unary op, Tensor x) {
    if (x.dtype() == DType.I64 && op.kind().keepsInt()) {
      long[] in = x.longs(), out = new long[in.length];
      for (int k = 0; k < in.length; k++) out[k] = unaryInt(op.kind(), in[k]);
      return Tensor.ofLongs(x.shape(), out);
    }
    float[] out = new float[x.size()];
    for (int k = 0; k < out.length; k++) out[k] = (float) unaryFloat(op.kind(), TensorIndexing.doubleAt(x, k));
    return Tensor.of(x.shape(), out);
  }

  private static double unaryFloat(Unary.Kind kind, double v) {
    return switch (kind) {
      case SQRT -> Math.sqrt(v);
      case RSQRT -> 1 / Math.sqrt(v);
      case EXP -> Math.exp(v);
      case LOG -> Math.log(v);
      case ERF -> ErrorFunction.erf(v);
      case SIN -> Math.sin(v);
      case COS -> Math.cos(v);
      case RECIPROCAL -> 1 / v;
      case ABS -> Math.abs(v);
      case NEG -> -v;
      case SIGN -> PointwiseMath.sign(v);
      case SQUARE -> v * v;
      case FLOOR -> Math.floor(v);
      case CEIL -> Math.ceil(v);
    };
  }

  private static long unaryInt(Unary.Kind kind, long v) {
    return switch (kind) {
      case ABS -> Math.abs(v);
      case NEG -> -v;
      case SIGN -> Long.signum(v);
      case SQUARE -> v * v;
      case FLOOR, CEIL -> v;
      default -> throw new dev.tnet.runtime.CompilerBug(kind + " has no integer form");
    };
  }

  static Tensor round(Round op, Tensor x) {
    float[] in = x.floats(), out = new float[in.length];
    for (int k = 0; k < in.length; k++) out[k] = PointwiseMath.round(in[k], op.decimals());
    return Tensor.of(x.shape(), out);
  }

  /** {@code min(max(x, lo), hi)} in the comparison order that keeps NaN elements and -0.0. */
  static Tensor clamp(Clamp op, Tensor x, DType result) {
    Scalar lo = op.min(), hi = op.max();
    if (result == DType.I64) {
      long[] in = x.longs(), out = new long[in.length];
      for (int k = 0; k < in.length; k++) {
        long v = in[k];
        if (lo != null && v < ((Scalar.OfInt) lo).value()) v = ((Scalar.OfInt) lo).value();
        if (hi != null && ((Scalar.OfInt) hi).value() < v) v = ((Scalar.OfInt) hi).value();
        out[k] = v;
      }
      return Tensor.ofLongs(x.shape(), out);
    }
    float[] out = new float[x.size()];
    for (int k = 0; k < out.length; k++) {
      double v = TensorIndexing.doubleAt(x, k);
      if (lo != null && v < lo.asDouble()) v = lo.asDouble();
      if (hi != null && hi.asDouble() < v) v = hi.asDouble();
      out[k] = (float) v;
    }
    return Tensor.of(x.shape(), out);
  }

  /**
   * A binary op with broadcasting. {@code y} is null when the op has a number operand; reversed
   * ops swap the operands before computing.
   */
  static Tensor binary(Binary op, Tensor x, Tensor y, DType result, Shape out) {
    Tensor a = x, b = y;
    double sb = y == null ? op.other().asDouble() : 0;
    long lb = y == null && op.other() instanceof Scalar.OfInt i ? i.value() : 0;
    int[] sa = TensorIndexing.broadcastStrides(a.shape(), out);
    int[] stb = b == null ? null : TensorIndexing.broadcastStrides(b.shape(), out);
    int[] index = new int[out.rank()];
    boolean swap = op.reversed();
    if (result == DType.I64) {
      long[] r = new long[out.size()];
      long alpha = op.alpha() instanceof Scalar.OfInt i ? i.value() : 1;
      for (int k = 0; k < r.length; k++) {
        long u = a.longs()[TensorIndexing.offset(index, sa)];
        long v = b == null ? lb : b.longs()[TensorIndexing.offset(index, stb)];
        r[k] = swap ? intOp(op, v, u, alpha) : intOp(op, u, v, alpha);
        TensorIndexing.next(index, out);
      }
      return Tensor.ofLongs(out, r);
    }
    // PyTorch converts both operands (a Python scalar too) and alpha to float32 before computing.
    float[] r = new float[out.size()];
    double alpha = (float) op.alpha().asDouble();
    for (int k = 0; k < r.length; k++) {
      double u = (float) TensorIndexing.doubleAt(a, TensorIndexing.offset(index, sa));
      double v = (float) (b == null ? sb : TensorIndexing.doubleAt(b, TensorIndexing.offset(index, stb)));
      r[k] = (float) (swap ? floatOp(op, v, u, alpha) : floatOp(op, u, v, alpha));
      TensorIndexing.next(index, out);
    }
    return Tensor.of(out, r);
  }

  private static double floatOp(Binary op, double u, double v, double alpha) {
    return switch (op.kind()) {
      case ADD -> u + alpha * v;
      case SUB -> u - alpha * v;
      case MUL -> u * v;
      case DIV -> switch (op.rounding()) {
        case NONE -> u / v;
        case TRUNC -> trunc((float) (u / v)); // PyTorch's float32 kernel truncates the float32 quotient
        case FLOOR -> PointwiseMath.divFloor((float) u, (float) v);
      };
      case POW -> PointwiseMath.pow(u, v);
      case MAXIMUM -> Double.isNaN(u) || Double.isNaN(v) ? Double.NaN : u < v ? v : u;
      case MINIMUM -> Double.isNaN(u) || Double.isNaN(v) ? Double.NaN : v < u ? v : u;
    };
  }

  private static long intOp(Binary op, long u, long v, long alpha) {
    return switch (op.kind()) {
      case ADD -> u + alpha * v;
      case SUB -> u - alpha * v;
      case MUL -> u * v;
      case DIV -> {
        if (v == 0) throw new UserException(op.name() + ": integer division by zero");
        yield op.rounding() == Binary.Rounding.FLOOR ? Math.floorDiv(u, v) : u / v;
      }
      case POW -> PointwiseMath.powi(u, v);
      case MAXIMUM -> Math.max(u, v);
      case MINIMUM -> Math.min(u, v);
    };
  }

  private static double trunc(double v) {
    return v < 0 ? Math.ceil(v) : Math.floor(v);
  }
}
