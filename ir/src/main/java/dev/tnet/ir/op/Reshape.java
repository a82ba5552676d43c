package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code reshape(x, shape)} and {@code view(x, size)} (PyTorch's argument names): the same elements in row-major order under
 * a new shape of the same element count. One entry may be -1, inferred from the others, as in
 * PyTorch. The two names mean the same in tnet, whose tensors are always contiguous ({@code view}
 * never fails for layout reasons).
 *
 * <p>With a symbolic input size the -1 entry is the exact quotient ({@link Dim#divExact}); without
 * a -1 the input size must be known, since a fixed target could only match one binding.
 *
 * <p>FLOPs: 0 (data movement only).
 */
public record Reshape(boolean view, List<Integer> shape) implements TensorOp {
  public static final Signature RESHAPE = Signature.of("reshape").req("shape");
  public static final Signature VIEW = Signature.of("view").req("size");

  public Reshape {
    shape = List.copyOf(shape);
  }

  static Reshape create(boolean view, Args a) {
    return new Reshape(view, TensorChecks.intList(a, view ? "size" : "shape"));
  }

  public String name() {
    return view ? "view" : "reshape";
  }

  public Args args() {
    return (view ? VIEW : RESHAPE).bind(Map.of(view ? "size" : "shape", TensorChecks.ints(shape)));
  }

  public List<TensorType> infer(List<TensorType> inputs) {
    TensorType x = TensorChecks.single(name(), inputs);
    int inferred = -1;
    long known = 1;
    for (int i = 0; i < shape.size(); i++) {
      int s = shape.get(i);
      if (s == -1) {
        if (inferred >= 0) throw new OpException(name(), "only one dimension can be -1, got shape=" + shape);
        inferred = i;
      } else if (s < 0) {
        throw new OpException(name(), "invalid size " + s + " in shape=" + shape);
      } else {
        known *= s;
        if (known > dev.tnet.runtime.Shape.MAX_ELEMENTS) {
          throw new OpException(name(), "shape=" + shape + " has more elements than a tensor can hold");
        }
      }
    }
    Dim numel = x.numel();
    List<Dim> out = new ArrayList<>();
    for (int s : shape) out.add(Dim.of(s));
    if (inferred >= 0) {
      if (known == 0) {
        throw new OpException(name(), "cannot infer the -1 in shape=" + shape + " for input " + x
            + ": with a 0 among the other sizes it could be anything");
      }
      Dim rest = numel.divExact(Dim.of(known));
      if (rest == null) {
        throw new OpException(name(), "shape=" + shape + " is invalid for input " + x + " of " + numel
            + " elements: " + numel + " is not divisible by " + known);
      }
      out.set(inferred, rest);
    } else if (!numel.isKnown()) {
      throw new OpException(name(), "shape=" + shape + " has no -1, so input " + x
          + " would need a known size; write -1 for the symbolic part");
    } else if (numel.value() != known) {
      throw new OpException(name(), "shape=" + shape + " has " + known + " elements but input " + x
          + " has " + numel.value());
    }
    return List.of(x.withDims(out));
  }

  public Dim flops(List<TensorType> inputs) {
    return Dim.of(0);
  }
}
