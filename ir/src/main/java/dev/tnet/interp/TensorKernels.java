package dev.tnet.interp;

import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.op.ArgReduce;
import dev.tnet.ir.op.Binary;
import dev.tnet.ir.op.Cat;
import dev.tnet.ir.op.Checks;
import dev.tnet.ir.op.Chunk;
import dev.tnet.ir.op.Clamp;
import dev.tnet.ir.op.Expand;
import dev.tnet.ir.op.Flatten;
import dev.tnet.ir.op.Unflatten;
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
import dev.tnet.ir.op.Unsqueeze;
import dev.tnet.ir.op.Variance;
import dev.tnet.runtime.DType;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Reference kernels of the {@link TensorOp} family: dispatch. Output shapes and dtypes come from
 * the op's {@code infer}; the numbers from {@link TensorLayoutKernels}, {@link PointwiseKernels}
 * and {@link ReduceKernels}.
 */
final class TensorKernels {
  private TensorKernels() {}

  static List<Tensor> eval(TensorOp op, List<Tensor> in, List<Tensor> params) {
    List<TensorType> inTypes = TensorIndexing.types(in), outTypes = op.infer(inTypes);
    List<Shape> outs = outTypes.stream().map(TensorType::shape).toList();
    Shape out = outs.get(0);
    DType dtype = outTypes.get(0).dtype();
    Tensor x = in.get(0);
    return switch (op) {
      case Reshape r -> List.of(TensorLayoutKernels.reshape(x, out));
      case Flatten f -> List.of(TensorLayoutKernels.reshape(x, out));
      case Unflatten u -> List.of(TensorLayoutKernels.reshape(x, out));
      case Squeeze s -> List.of(TensorLayoutKernels.reshape(x, out));
      case Unsqueeze u -> List.of(TensorLayoutKernels.reshape(x, out));
      case Permute p -> List.of(TensorLayoutKernels.permute(x, p.sourceDims(x.rank()), out));
      case Transpose t -> List.of(TensorLayoutKernels.permute(x, t.sourceDims(x.rank()), out));
      case Expand e -> List.of(TensorLayoutKernels.expand(x, out));
      case Cat c -> List.of(cat(c, in, inTypes, dtype, out));
      case Stack s -> List.of(stack(s, in, dtype, out));
      case Split s -> TensorLayoutKernels.split(x, Checks.axis(s.name(), "dim", s.dim(), x.rank()), outs);
      case Chunk c -> TensorLayoutKernels.split(x, Checks.axis(c.name(), "dim", c.dim(), x.rank()), outs);
      case Slice s -> List.of(TensorLayoutKernels.slice(s, x, out));
      case Pad p -> List.of(TensorLayoutKernels.pad(p, x, out));
      case Unary u -> List.of(PointwiseKernels.unary(u, x));
      case Round r -> List.of(PointwiseKernels.round(r, x));
      case Clamp c -> List.of(PointwiseKernels.clamp(c, x, dtype));
      case Binary b -> List.of(PointwiseKernels.binary(b, x, b.other() == null ? in.get(1) : null, dtype, out));
      case Reduce r -> List.of(ReduceKernels.reduce(r, x, out));
      case Variance v -> List.of(ReduceKernels.variance(x, v.reduced(x.rank()), v.correction(), v.std(), out));
      case MaxMin m -> {
        List<Tensor> both = ReduceKernels.extremes(m.max(), x, m.reduced(x.rank()), out);
        yield m.dim() == null ? List.of(both.get(0)) : both;
      }
      case ArgReduce a -> List.of(ReduceKernels.extremes(a.max(), x, a.reduced(x.rank()), out).get(1));
    };
  }

  /** Joins the inputs that PyTorch does not skip, converted to the result's dtype. */
  private static Tensor cat(Cat op, List<Tensor> in, List<TensorType> types, DType dtype, Shape out) {
    int axis = op.axis(types);
    List<Tensor> parts = new ArrayList<>();
    for (int i = 0; i < in.size(); i++) {
      if (!Cat.isSkipped(types.get(i))) parts.add(TensorIndexing.as(in.get(i), dtype));
    }
    return axis < 0 ? Tensor.zeros(dtype, out) : TensorLayoutKernels.cat(parts, axis, dtype, out);
  }

  /** Stacking is joining the inputs, each with a size-1 dim inserted at {@code dim}. */
  private static Tensor stack(Stack op, List<Tensor> in, DType dtype, Shape out) {
    int axis = Checks.axis(op.name(), "dim", op.dim(), in.get(0).rank() + 1);
    Shape one = out.withDim(axis, 1);
    List<Tensor> parts = in.stream().map(t -> TensorIndexing.as(t, dtype).reshape(one)).toList();
    return TensorLayoutKernels.cat(parts, axis, dtype, out);
  }
}
