package dev.tnet.ir.op;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.TensorType;
import java.util.List;

/**
 * One operator of the catalogue with its attributes fixed: the single place that defines the op's
 * arguments (PyTorch's names and defaults), argument checks, shape inference, parameter shapes and
 * FLOP count. Its numeric meaning is defined by the reference interpreter ({@code dev.tnet.interp}).
 *
 * <p>Ops are immutable records, grouped into families by sealed sub-interfaces so that every pass
 * and backend can switch over them exhaustively.
 *
 * <p>Contract: {@code OpCatalogue.create(name(), args())} rebuilds an equal op, and {@link #infer}
 * either returns the output types or throws an {@link OpException} that names the op, the
 * argument and the shapes involved. It never throws anything else on bad input.
 */
public sealed interface Op permits SpatialOp, NnOp, TensorOp {
  /** The catalogue name, as written in {@code .tnet} source and golden files: {@code conv2d}. */
  String name();

  /** Arguments that rebuild this op through {@link OpCatalogue#create}; every declared one. */
  Args args();

  /**
   * Checks the activation inputs (not the parameters) and returns the types of the outputs.
   * Symbolic dims propagate; a check that needs a value is made only where the value is known.
   */
  List<TensorType> infer(List<TensorType> inputs);

  /**
   * The parameters (weights and buffers) this op owns, in the order of PyTorch's {@code
   * state_dict}, with their shapes for these inputs. Names are the local ones ({@code weight},
   * {@code running_mean}); the graph prefixes them with the layer's name.
   */
  default List<ParamSpec> params(List<TensorType> inputs) {
    return List.of();
  }

  /** Floating-point operations of one evaluation; a multiply-add counts 2. */
  Dim flops(List<TensorType> inputs);
}
