package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.op.ParamSpec.Init;
import dev.tnet.runtime.DType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code constant(shape, dtype='f32')}: a tensor read from the weights file. It takes no tensor
 * inputs and owns one parameter, {@code value}, of the given shape (a tuple of non-negative ints;
 * {@code ()} is a scalar, one int a vector) and dtype ({@code 'f32'} or {@code 'i64'}); the output
 * is that tensor. It carries the initializers of an imported model that are not the weights of a
 * standard layer: a per-channel scale, a table of indices, a positional table.
 *
 * <p>Naming: {@code s = constant((1, 64, 1, 1)) @(value=se.scale)} reads the weight {@code se.scale}
 * exactly; {@code @foo} (or {@code foo = constant(...)}) reads {@code foo.value}.
 *
 * <p>Param: {@code value}; random weights draw it standard normal (f32) or zero (i64).
 *
 * <p>FLOPs: 0 (a copy).
 */
public record Constant(List<Integer> shape, DType dtype) implements NnOp {
  public static final Signature SIGNATURE = Signature.of("constant").req("shape").opt("dtype", "f32");

  public Constant {
    shape = List.copyOf(shape);
  }

  static Constant create(Args a) {
    List<Integer> shape = new ArrayList<>();
    for (int d : a.getIntList("shape")) {
      if (d < 0) throw new OpException(a.op(), "shape=" + a.get("shape") + " has a negative size");
      shape.add(d);
    }
    DType dtype = a.getChoice("dtype", "f32", "i64").equals("f32") ? DType.F32 : DType.I64;
    return new Constant(shape, dtype);
  }

  public String name() {
    return "constant";
  }

  public Args args() {
    return SIGNATURE.bind(Map.of("shape", AttrValue.ints(shape.stream().mapToLong(Integer::longValue).toArray()),
        "dtype", AttrValue.of(dtype == DType.F32 ? "f32" : "i64")));
  }

  /** The type of the value, and of the output. */
  public TensorType type() {
    return new TensorType(dtype, shape.stream().map(d -> Dim.of(d)).toList());
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    Checks.arity(name(), inputs, 0);
    return List.of(type());
  }

  public List<ParamSpec> params(List<TensorType> inputs) {
    return List.of(new ParamSpec("value", type(), dtype == DType.F32 ? Init.NORMAL : Init.ZEROS));
  }

  public Dim flops(List<TensorType> inputs) {
    return Dim.of(0);
  }
}
