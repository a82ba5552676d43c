package dev.tnet.ir.graph;

import dev.tnet.runtime.DType;
import dev.tnet.runtime.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The static type of a value in the graph: an element type and one {@link Dim} per dimension.
 * Printed as {@code f32[N, 3, 224, 224]}.
 */
public record TensorType(DType dtype, List<Dim> dims) {
  public TensorType {
    dims = List.copyOf(dims);
  }

  public static TensorType f32(Dim... dims) {
    return new TensorType(DType.F32, List.of(dims));
  }

  public static TensorType f32(long... dims) {
    return of(DType.F32, dims);
  }

  public static TensorType of(DType dtype, long... dims) {
    List<Dim> d = new ArrayList<>();
    for (long v : dims) d.add(Dim.of(v));
    return new TensorType(dtype, d);
  }

  public static TensorType of(DType dtype, Shape shape) {
    List<Dim> d = new ArrayList<>();
    for (int v : shape.dims()) d.add(Dim.of(v));
    return new TensorType(dtype, d);
  }

  public int rank() {
    return dims.size();
  }

  /** Dimension {@code i}; a negative {@code i} counts from the end. */
  public Dim dim(int i) {
    return dims.get(i < 0 ? dims.size() + i : i);
  }

  public boolean isKnown() {
    return dims.stream().allMatch(Dim::isKnown);
  }

  /** The element count. */
  public Dim numel() {
    return Dim.product(dims);
  }

  /** The concrete shape of a fully known type (validated by {@link Shape}). */
  public Shape shape() {
    long[] d = new long[dims.size()];
    for (int i = 0; i < d.length; i++) d[i] = dims.get(i).value();
    return Shape.ofLongs(d);
  }

  /** The concrete shape with every symbol bound. */
  public Shape bind(Map<String, Long> bindings) {
    long[] d = new long[dims.size()];
    for (int i = 0; i < d.length; i++) d[i] = dims.get(i).eval(bindings);
    return Shape.ofLongs(d);
  }

  public TensorType withDims(List<Dim> newDims) {
    return new TensorType(dtype, newDims);
  }

  public TensorType withDtype(DType t) {
    return new TensorType(t, dims);
  }

  /** The dims as a mutable list, for shape inference that edits a copy. */
  public List<Dim> dimsCopy() {
    return new ArrayList<>(dims);
  }

  public String toString() {
    return dtype + dims.toString();
  }
}
