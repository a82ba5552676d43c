package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.runtime.DType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Matrix products of two float tensor inputs {@code a @ b}; no arguments, no params.
 *
 * <ul>
 *   <li>{@code mm(a, b)}: {@code [n, k] @ [k, m] -> [n, m]}, both 2-D.
 *   <li>{@code bmm(a, b)}: {@code [B, n, k] @ [B, k, m] -> [B, n, m]}, both 3-D, equal batch (no
 *       broadcasting).
 *   <li>{@code matmul(a, b)}: {@code torch.matmul}. 1-D @ 1-D is a dot product (0-d result). A
 *       1-D {@code a} is promoted to {@code [1, k]} and a 1-D {@code b} to {@code [k, 1]}; the
 *       added dim is removed from the result. The batch dims (all but the last two) broadcast
 *       NumPy-style, whatever the two ranks.
 * </ul>
 *
 * <p>The inner sizes must be equal expressions (a symbolic size matches only itself).
 *
 * <p>FLOPs: {@code 2 * batch * n * k * m}.
 */
public record MatMul(Variant variant) implements NnOp {
  /** The catalogue names, each with its rank rules. */
  public enum Variant {
    MATMUL,
    BMM,
    MM;

    public String opName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static Signature signature(Variant v) {
    return Signature.of(v.opName());
  }

  public String name() {
    return variant.opName();
  }

  public Args args() {
    return signature(variant).bind(Map.of());
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    Checks.arity(name(), inputs, 2);
    TensorType a = inputs.get(0), b = inputs.get(1);
    Checks.dtype(name(), "first input", a, DType.F32);
    Checks.dtype(name(), "second input", b, DType.F32);
    switch (variant) {
      case MM -> {
        Checks.rank(name(), "first input", a, 2, 2);
        Checks.rank(name(), "second input", b, 2, 2);
      }
      case BMM -> {
        Checks.rank(name(), "first input", a, 3, 3);
        Checks.rank(name(), "second input", b, 3, 3);
        if (!a.dim(0).equals(b.dim(0))) {
          throw new OpException(name(), "batch sizes differ: " + a + " @ " + b
              + " (" + a.dim(0) + " vs " + b.dim(0) + ")");
        }
      }
      case MATMUL -> {
        if (a.rank() == 0 || b.rank() == 0) {
          throw new OpException(name(), "both inputs must be at least 1-D, got " + a + " @ " + b);
        }
      }
    }
    Dim ka = a.dim(-1), kb = b.rank() == 1 ? b.dim(0) : b.dim(-2);
    if (!ka.equals(kb)) {
      throw new OpException(name(), "inner dimensions differ: " + a + " @ " + b + " (" + ka + " vs " + kb + ")");
    }
    List<Dim> out = new ArrayList<>(Checks.broadcast(name(), batchDims(a), batchDims(b),
        "the batch dims of " + a + " and " + b));
    if (a.rank() >= 2) out.add(a.dim(-2));
    if (b.rank() >= 2) out.add(b.dim(-1));
    return List.of(new TensorType(DType.F32, out));
  }

  /** The dims before the matrix dims: all but the last two, or none for a vector. */
  public static List<Dim> batchDims(TensorType t) {
    return t.dims().subList(0, Math.max(0, t.rank() - 2));
  }

  public Dim flops(List<TensorType> inputs) {
    TensorType a = inputs.get(0);
    Dim k = a.dim(-1);
    return infer(inputs).get(0).numel().times(k).times(2);
  }
}
