package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import java.util.List;
import java.util.Map;

/**
 * {@code stack(tensors, dim=0)}: joins one or more inputs of equal shape along a new dim, which
 * becomes dim {@code dim} of the result ({@code [-rank-1, rank]}). Mixed dtypes promote to f32.
 *
 * <p>FLOPs: 0 (data movement only).
 */
public record Stack(int dim) implements TensorOp {
  public static final Signature SIGNATURE = Signature.of("stack").opt("dim", 0);

  static Stack create(Args a) {
    return new Stack(a.getInt("dim"));
  }

  public String name() {
    return "stack";
  }

  public Args args() {
    return SIGNATURE.bind(Map.of("dim", AttrValue.of(dim)));
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    TensorChecks.someInputs(name(), inputs);
    TensorType ref = inputs.get(0);
    for (int i = 1; i < inputs.size(); i++) {
      if (!inputs.get(i).dims().equals(ref.dims())) {
        throw new OpException(name(), "input " + i + " " + inputs.get(i) + " has another shape than input 0 "
            + ref + "; stacked tensors must have equal shapes");
      }
    }
    int at = TensorChecks.insertAxis(name(), dim, ref.rank());
    List<Dim> out = ref.dimsCopy();
    out.add(at, Dim.of(inputs.size()));
    return List.of(new TensorType(TensorChecks.promote(inputs), out));
  }

  public Dim flops(List<TensorType> inputs) {
    return Dim.of(0);
  }
}
