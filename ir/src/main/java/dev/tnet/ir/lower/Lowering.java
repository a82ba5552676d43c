package dev.tnet.ir.lower;

import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.GraphException;
import dev.tnet.ir.graph.GraphTyper;
import dev.tnet.ir.graph.Node;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.graph.TypedGraph;
import dev.tnet.ir.loop.Buffer;
import dev.tnet.ir.loop.Kernel;
import dev.tnet.ir.loop.LoopProgram;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.op.NnOp;
import dev.tnet.ir.op.Op;
import dev.tnet.ir.op.ParamSpec;
import dev.tnet.ir.op.SpatialOp;
import dev.tnet.ir.op.TensorOp;
import dev.tnet.ir.opt.KernelPlan;
import dev.tnet.ir.opt.KernelPlanner;
import dev.tnet.runtime.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lowers a graph to loop nests for concrete input shapes: one buffer per input, weight and node
 * output, one kernel per node. Each op family lowers its ops in its own class; the loop nests
 * compute what the reference interpreter computes (in float instead of double).
 */
public final class Lowering {
  private Lowering() {}

  /** Lowers with the {@link KernelPlanner}'s plan: conv and linear layers call library kernels. */
  public static LoopProgram lower(Graph g, Map<String, Shape> inputShapes) {
    return lower(g, inputShapes, KernelPlanner.plan(g));
  }

  /**
   * Lowers following {@code plan}: a library layer becomes a weight-packing kernel and one compute
   * kernel at the position of its last node (see {@link LibraryLowering}); every other node gets
   * its loop nest. {@link KernelPlan#NONE} gives loop nests only.
   */
  public static LoopProgram lower(Graph g, Map<String, Shape> inputShapes, KernelPlan plan) {
    Map<String, KernelPlan.Layer> byNode = new HashMap<>(plan.byNode());
    Map<String, Node> nodes = new HashMap<>();
    for (Node n : g.nodes()) nodes.put(n.name(), n);
    TypedGraph typed = GraphTyper.infer(g);
    Map<String, Long> symbols = bind(g, inputShapes);
    Map<String, Buffer> buffers = new LinkedHashMap<>();
    Map<String, String> inputs = new LinkedHashMap<>(), weights = new LinkedHashMap<>(), outputs = new LinkedHashMap<>();
    Map<String, Shape> shapes = new HashMap<>();
    java.util.Set<String> outputValues = new java.util.HashSet<>();
    for (Graph.Output o : g.outputs()) outputValues.add(o.value());
    for (Graph.Input in : g.inputs()) {
      Shape s = in.type().bind(symbols);
      shapes.put(in.name(), s);
      buffers.put(in.name(), new Buffer(in.name(), ScalarType.of(in.type().dtype()), s, Buffer.Role.INPUT));
      inputs.put(in.name(), in.name());
    }
    for (ParamSpec p : typed.params().values()) {
      buffers.put(p.name(), new Buffer(p.name(), ScalarType.of(p.type().dtype()), p.type().bind(symbols), Buffer.Role.WEIGHT));
      weights.put(p.name(), p.name());
    }
    List<Kernel> kernels = new ArrayList<>();
    for (Node n : g.nodes()) {
      List<Operand> ins = n.inputs().stream().map(v -> new Operand(buffers.get(v), shapes.get(v))).toList();
      List<Operand> ps = n.params().stream().map(p -> new Operand(buffers.get(p), buffers.get(p).shape())).toList();
      List<TensorType> outTypes = n.op().infer(ins.stream().map(o -> TensorType.of(o.buffer().type() == ScalarType.I64
          ? dev.tnet.runtime.DType.I64 : dev.tnet.runtime.DType.F32, o.shape())).toList());
      List<Operand> outs = new ArrayList<>();
      for (int i = 0; i < outTypes.size(); i++) {
        String v = n.outputs().get(i);
        Shape s = outTypes.get(i).shape();
        Shape declared = typed.type(v).bind(symbols);
        if (!s.equals(declared)) {
          // The graph was typed for every binding of its symbols; this binding must agree with it.
          throw new GraphException("node '" + n.name() + "' gives " + s + " for these input shapes, but the model's types say "
              + typed.type(v) + " = " + declared);
        }
        shapes.put(v, s);
        Buffer b = new Buffer(v, ScalarType.of(outTypes.get(i).dtype()), s, outputValues.contains(v) ? Buffer.Role.OUTPUT : Buffer.Role.TEMP);
        buffers.put(v, b);
        outs.add(new Operand(b, s));
      }
      KernelPlan.Layer layer = byNode.get(n.name());
      if (layer != null && n.name().equals(layer.anchor()) && !LibraryLowering.supports(n, buffers)) {
        layer.nodes().forEach(byNode::remove); // empty tensors: the loop nests handle them
        layer = null;
      }
      if (layer != null) {
        if (n.name().equals(layer.tail())) kernels.addAll(LibraryLowering.lower(layer, nodes, buffers));
        continue;
      }
      LowerContext ctx = new LowerContext(n, ins, ps, outs);
      kernels.add(new Kernel(n.name(), n.op().name(), lower(n.op(), ctx)));
    }
    for (Graph.Output o : g.outputs()) outputs.put(o.name(), o.value());
    return new LoopProgram(g.name(), buffers, kernels, inputs, weights, outputs);
  }

  /** The loop nest of one op, by family. */
  static Stmt lower(Op op, LowerContext ctx) {
    return switch (op) {
      case SpatialOp s -> SpatialLowering.lower(s, ctx);
      case NnOp n -> NnLowering.lower(n, ctx);
      case TensorOp t -> TensorLowering.lower(t, ctx);
    };
  }

  /** Binds the graph's symbolic dims from the concrete input shapes. */
  static Map<String, Long> bind(Graph g, Map<String, Shape> shapes) {
    Map<String, Long> b = new HashMap<>();
    for (Graph.Input in : g.inputs()) {
      Shape s = shapes.get(in.name());
      if (s == null) throw new GraphException("no shape given for input '" + in.name() + "' " + in.type());
      if (s.rank() != in.type().rank()) throw new GraphException("input '" + in.name() + "' must be " + in.type() + ", got shape " + s);
      for (int k = 0; k < s.rank(); k++) {
        Dim d = in.type().dim(k);
        if (d.symbolName() != null) b.putIfAbsent(d.symbolName(), (long) s.dim(k));
      }
    }
    for (Graph.Input in : g.inputs()) {
      if (!in.type().bind(b).equals(shapes.get(in.name()))) {
        throw new GraphException("input '" + in.name() + "' must be " + in.type() + ", got shape " + shapes.get(in.name()));
      }
    }
    return b;
  }
}
