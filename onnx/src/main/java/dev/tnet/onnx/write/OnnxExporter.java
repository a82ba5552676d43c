package dev.tnet.onnx.write;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.tnet.interp.Interpreter;
import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.GraphTyper;
import dev.tnet.ir.graph.Node;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.graph.TypedGraph;
import dev.tnet.ir.op.NnOp;
import dev.tnet.ir.op.SpatialOp;
import dev.tnet.ir.op.TensorOp;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.UserException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exports a graph with its weights as an ONNX model (opset {@value #OPSET}): every tnet node
 * becomes one or a few ONNX nodes, the weights become initializers under their state_dict names,
 * symbolic input dims ({@code N}) become {@code dim_param}s.
 *
 * <p>Opset 19 is the lowest that expresses every op we map: Pad's {@code wrap} mode (circular
 * padding) is new in 19, Reduce* take their axes as an input (18), Resize takes {@code axes}
 * (18), Mish (18) and LayerNormalization (17) exist. ONNX Runtime runs it from 1.15 on. Gelu (20)
 * and GroupNormalization (21) are written as primitive ops instead.
 *
 * <p>Ops ONNX cannot express (an adaptive pool whose windows differ in size, a batch norm that
 * updates its running statistics) give a {@link UserException} naming the node and op; {@link
 * #refusal} says so without weights.
 */
public final class OnnxExporter {
  public static final int OPSET = 19;
  /** The ONNX IR version that opset 19 pairs with. */
  public static final int IR_VERSION = 9;

  private OnnxExporter() {}

  /** The exported model and how tnet's input and output names map to the model's. */
  public record OnnxModel(ModelProto proto, Map<String, String> inputNames, Map<String, String> outputNames) {
    public byte[] bytes() {
      return proto.toByteArray();
    }

    public void write(java.nio.file.Path file) {
      try {
        java.nio.file.Files.write(file, bytes());
      } catch (java.io.IOException e) {
        throw new UserException("cannot write " + file + ": " + e.getMessage());
      }
    }
  }

  public static OnnxModel export(Graph g, Map<String, Tensor> weights) {
    TypedGraph typed = GraphTyper.infer(g);
    Interpreter.checkWeights(typed, weights, Map.of());
    return build(typed, weights);
  }

  /** Why {@code g} cannot be exported, or null if it can (weights are not needed to decide). */
  public static String refusal(Graph g) {
    try {
      build(GraphTyper.infer(g), null);
      return null;
    } catch (UserException e) {
      return e.getMessage();
    }
  }

  private static OnnxModel build(TypedGraph typed, Map<String, Tensor> weights) {
    Graph g = typed.graph();
    OnnxGraphBuilder b = new OnnxGraphBuilder(new Symbols(g));
    for (String p : typed.params().keySet()) {
      b.reserve(p);
      if (weights != null) b.weight(p, weights.get(p));
    }
    Map<String, String> inputNames = new LinkedHashMap<>();
    for (Graph.Input in : g.inputs()) {
      if (!b.reserve(in.name())) throw new UserException("input '" + in.name() + "' has the name of a weight; ONNX has one namespace");
      b.bind(in.name(), in.name());
      inputNames.put(in.name(), in.name());
    }
    // An output writes its name directly when it is the only use of a value computed by a node.
    Map<String, String> outputNames = new LinkedHashMap<>();
    Map<String, Integer> uses = new HashMap<>();
    for (Graph.Output o : g.outputs()) uses.merge(o.value(), 1, Integer::sum);
    List<String> identities = new java.util.ArrayList<>();
    for (Graph.Output o : g.outputs()) {
      String name = b.fresh(o.name());
      outputNames.put(o.name(), name);
      boolean direct = name.equals(o.name()) && uses.get(o.value()) == 1 && !inputNames.containsKey(o.value());
      if (direct) b.bind(o.value(), name);
      else identities.add(o.value() + "\0" + name);
    }
    for (Node n : g.nodes()) {
      b.enterNode(n.name());
      Emit e = new Emit(b, n, n.inputs().stream().map(b::value).toList(), n.inputs().stream().map(typed::type).toList(),
          n.params(), n.outputs().stream().map(b::value).toList(), n.outputs().stream().map(typed::type).toList());
      try {
        switch (n.op()) {
          case SpatialOp s -> SpatialExport.emit(s, e);
          case NnOp s -> NnExport.emit(s, e);
          case TensorOp s -> TensorExport.emit(s, e);
        }
      } catch (Refused r) {
        throw new UserException("cannot export node '" + n.name() + "' (" + n.op().name() + ") to ONNX: " + r.getMessage());
      }
    }
    b.enterNode("outputs");
    for (String pair : identities) {
      String[] p = pair.split("\0");
      b.opTo(p[1], "Identity", List.of(b.value(p[0])));
    }
    // Initializers no node reads (a batch norm's num_batches_tracked) are left out; ONNX Runtime warns about them.
    java.util.Set<String> read = new java.util.HashSet<>();
    b.nodes.forEach(n -> read.addAll(n.getInputList()));
    GraphProto.Builder gp = GraphProto.newBuilder().setName(g.name()).addAllNode(b.nodes)
        .addAllInitializer(b.initializers.stream().filter(t -> read.contains(t.getName())).toList());
    for (Graph.Input in : g.inputs()) gp.addInput(valueInfo(in.name(), in.type()));
    for (Graph.Output o : g.outputs()) gp.addOutput(valueInfo(outputNames.get(o.name()), typed.type(o.value())));
    ModelProto model = ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("tnet")
        .setProducerVersion(OnnxExporter.class.getPackage().getImplementationVersion() == null ? "dev"
            : OnnxExporter.class.getPackage().getImplementationVersion())
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET)).setGraph(gp).build();
    return new OnnxModel(model, inputNames, outputNames);
  }

  /** A value's declared type: known dims as dim_value, symbolic ones as dim_param ({@code N}, {@code 2*N}). */
  private static ValueInfoProto valueInfo(String name, TensorType t) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (Dim d : t.dims()) {
      TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
      if (d.isKnown()) dim.setDimValue(d.value());
      else dim.setDimParam(d.toString());
      shape.addDim(dim);
    }
    TypeProto type = TypeProto.newBuilder().setTensorType(
        TypeProto.Tensor.newBuilder().setElemType(OnnxTensors.elemType(t.dtype())).setShape(shape)).build();
    return ValueInfoProto.newBuilder().setName(name).setType(type).build();
  }
}
