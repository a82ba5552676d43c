package dev.tnet.onnx.read;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.runtime.DType;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.UserException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an ONNX model into a tnet {@link Graph} and its weights, in one pass over the nodes in
 * their (topological) order:
 *
 * <ol>
 *   <li>check every node's op is supported, listing all that are not in one error;
 *   <li>fix the input shapes (every dim must be known, from the model or {@code --input-shape});
 *   <li>rewrite exporter patterns ({@link Patterns}: hardswish, hardsigmoid);
 *   <li>for each node: fold it if its inputs are known now ({@link ConstantFolder}), else convert
 *       it ({@link Converters}), naming layers after their initializers.
 * </ol>
 */
public final class OnnxReader {
  /** A graph and its weights, named as the graph's parameters. */
  public record Result(Graph graph, Map<String, Tensor> weights) {}

  private OnnxReader() {}

  /**
   * Imports {@code model}; {@code name} (the file) is used in messages, {@code dir} resolves
   * external data, {@code inputShapes} fixes dynamic input dims (keyed by ONNX or tnet input name).
   */
  public static Result read(String name, ModelProto model, Path dir, Map<String, Shape> inputShapes) {
    int opset = opset(name, model);
    GraphProto g = model.getGraph();
    Set<String> outputNames = new HashSet<>();
    for (ValueInfoProto o : g.getOutputList()) outputNames.add(o.getName());

    Map<String, Tensor> initializers = new LinkedHashMap<>();
    for (TensorProto t : g.getInitializerList()) initializers.put(t.getName(), TensorProtos.read(t, dir));
    Map<String, Tensor> constantNodes = new HashMap<>();
    for (NodeProto n : g.getNodeList()) {
      if (n.getOpType().equals("Constant")) constantNodes.put(n.getOutput(0), Converters.constantValue(n, dir));
    }
    List<NodeProto> nodes = Patterns.rewrite(g.getNodeList(),
        v -> initializers.containsKey(v) ? initializers.get(v) : constantNodes.get(v), outputNames, opset);
    checkSupported(name, nodes, opset); // after the rewrites: an exporter's idiom may hold ops tnet has no use for

    ImportContext c = new ImportContext(Names.identifier(stem(name)), opset, nodes, outputNames);
    initializers.forEach((k, t) -> c.define(k, new Val.Const(t, k)));
    defineInputs(name, g, initializers.keySet(), inputShapes, c);

    for (NodeProto n : nodes) {
      if (c.isAbsorbed(n)) continue;
      if (n.getOpType().equals("Constant")) {
        c.define(n.getOutput(0), new Val.Const(constantNodes.get(n.getOutput(0)), n.getOutput(0)));
        continue;
      }
      if (!fold(c, n)) Converters.convert(c, n);
    }
    for (ValueInfoProto o : g.getOutputList()) {
      String out = Names.identifier(o.getName());
      c.builder.output(out, c.tensor(o.getName()));
    }
    return new Result(c.builder.build(), c.weights);
  }

  /** Folds {@code n} if every input is known now (or it asks only for a shape); false if it must be imported. */
  private static boolean fold(ImportContext c, NodeProto n) {
    String op = n.getOpType();
    if ((op.equals("Shape") || op.equals("Size")) && c.val(n.getInput(0)) instanceof Val.Dyn d) {
      TensorType t = c.type(d.value());
      int[] dims = t.shape().dims();
      Tensor shape;
      if (op.equals("Size")) {
        shape = Tensor.ofLongs(Shape.scalar(), new long[] {t.shape().size()});
      } else {
        Attributes a = new Attributes(n);
        int r = dims.length;
        int start = (int) a.getInt("start", 0), end = (int) a.getInt("end", r);
        start = Math.clamp(start < 0 ? start + r : start, 0, r);
        end = Math.clamp(end < 0 ? end + r : end, 0, r);
        long[] v = new long[Math.max(0, end - start)];
        for (int i = 0; i < v.length; i++) v[i] = dims[start + i];
        shape = Tensor.ofLongs(Shape.of(v.length), v);
      }
      c.define(n.getOutput(0), new Val.Const(shape, null));
      return true;
    }
    if (!ConstantFolder.OPS.contains(op)) return false;
    List<Tensor> in = new ArrayList<>();
    for (String i : n.getInputList()) {
      if (i.isEmpty()) {
        in.add(null);
        continue;
      }
      Tensor t = c.constant(i);
      if (t == null) return false;
      in.add(t);
    }
    List<Tensor> out = ConstantFolder.fold(n, in, c.opset);
    if (out == null) return false;
    for (int i = 0; i < out.size(); i++) c.define(n.getOutput(i), new Val.Const(out.get(i), null));
    return true;
  }

  private static int opset(String name, ModelProto m) {
    for (OperatorSetIdProto o : m.getOpsetImportList()) {
      if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) return (int) o.getVersion();
    }
    if (m.getIrVersion() < 3) return 1;
    throw new UserException(name + ": the model imports no version of the default ONNX operator set");
  }

  /** Every node whose op tnet cannot import, all in one error. */
  private static void checkSupported(String name, List<NodeProto> nodes, int opset) {
    List<String> bad = new ArrayList<>();
    Set<String> types = new java.util.TreeSet<>();
    for (NodeProto n : nodes) {
      boolean ok = (n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx"))
          && (Converters.supports(n.getOpType()) || ConstantFolder.OPS.contains(n.getOpType()));
      if (!ok) {
        String domain = n.getDomain().isEmpty() ? "" : n.getDomain() + ".";
        bad.add("node '" + (n.getName().isEmpty() ? n.getOutput(0) : n.getName()) + "': " + domain + n.getOpType() + " (opset " + opset + ")");
        types.add(domain + n.getOpType());
      }
    }
    if (!bad.isEmpty()) {
      throw new UserException(name + ": " + bad.size() + " node" + (bad.size() == 1 ? " uses an op" : "s use ops")
          + " that tnet cannot import (" + String.join(", ", types) + "):\n  " + String.join("\n  ", bad));
    }
  }

  private static void defineInputs(String name, GraphProto g, Set<String> initializers, Map<String, Shape> given, ImportContext c) {
    Map<String, Shape> shapes = new HashMap<>(given);
    List<String[]> missing = new ArrayList<>();
    List<String> real = new ArrayList<>();
    for (ValueInfoProto in : g.getInputList()) if (!initializers.contains(in.getName())) real.add(in.getName());
    for (String k : given.keySet()) {
      if (real.stream().noneMatch(r -> r.equals(k) || Names.identifier(r).equals(k))) {
        throw new UserException("--input-shape names '" + k + "', which is not an input of " + name + "; its inputs are "
            + real.stream().map(Names::identifier).toList());
      }
    }
    for (ValueInfoProto in : g.getInputList()) {
      if (initializers.contains(in.getName())) continue;
      String id = Names.identifier(in.getName());
      if (!c.names().claim(id)) throw new UserException(name + ": two inputs are both called '" + id + "' in .tnet");
      var tt = in.getType().getTensorType();
      DType dtype = switch (tt.getElemType()) {
        case TensorProtos.FLOAT, TensorProtos.DOUBLE, TensorProtos.FLOAT16 -> DType.F32;
        case TensorProtos.INT64, TensorProtos.INT32 -> DType.I64;
        default -> throw new UserException(name + ": input '" + in.getName() + "' has the element type "
            + TensorProtos.typeName(tt.getElemType()) + "; tnet inputs are float32 or int64");
      };
      Shape s = shapes.containsKey(in.getName()) ? shapes.get(in.getName()) : shapes.get(id);
      List<TensorShapeProto.Dimension> dims = tt.hasShape() ? tt.getShape().getDimList() : null;
      if (s != null) {
        checkGiven(name, in.getName(), dims, s);
      } else if (dims == null || dims.stream().anyMatch(d -> !d.hasDimValue() || d.getDimValue() <= 0)) {
        missing.add(describeDynamic(in.getName(), id, dims));
        continue;
      } else {
        s = Shape.ofLongs(dims.stream().mapToLong(TensorShapeProto.Dimension::getDimValue).toArray());
      }
      List<Dim> d = new ArrayList<>();
      for (int v : s.dims()) d.add(Dim.of(v));
      String value = c.builder.input(id, new TensorType(dtype, d));
      c.define(in.getName(), new Val.Dyn(value));
    }
    if (!missing.isEmpty()) {
      throw new UserException(name + ": " + String.join("; ", missing.stream().map(m -> m[0]).toList())
          + "; tnet compiles for fixed shapes: pass " + String.join(" ", missing.stream().map(m -> "--input-shape " + m[1]).toList())
          + " (every dim a number)");
    }
  }

  private static void checkGiven(String name, String input, List<TensorShapeProto.Dimension> dims, Shape s) {
    if (dims == null) return;
    if (dims.size() != s.rank()) {
      throw new UserException(name + ": input '" + input + "' has rank " + dims.size() + ", but --input-shape gives " + s);
    }
    for (int i = 0; i < dims.size(); i++) {
      var d = dims.get(i);
      if (d.hasDimValue() && d.getDimValue() > 0 && d.getDimValue() != s.dims()[i]) {
        throw new UserException(name + ": input '" + input + "' has size " + d.getDimValue() + " in dim " + i
            + ", but --input-shape gives " + s);
      }
    }
  }

  /** What is dynamic about an input, and an example --input-shape value for it. */
  private static String[] describeDynamic(String onnxName, String id, List<TensorShapeProto.Dimension> dims) {
    if (dims == null) return new String[] {"input '" + onnxName + "' has no shape in the model", id + "=1x3x224x224"};
    List<String> shown = new ArrayList<>(), example = new ArrayList<>();
    for (int i = 0; i < dims.size(); i++) {
      var d = dims.get(i);
      boolean known = d.hasDimValue() && d.getDimValue() > 0;
      shown.add(known ? Long.toString(d.getDimValue()) : d.hasDimParam() && !d.getDimParam().isEmpty() ? d.getDimParam() : "?");
      example.add(known ? Long.toString(d.getDimValue()) : i == 0 ? "1" : dims.size() == 4 ? "640" : "16");
    }
    return new String[] {"input '" + onnxName + "' has dynamic dims [" + String.join(", ", shown) + "]",
        id + "=" + String.join("x", example)};
  }

  private static String stem(String file) {
    String f = Path.of(file).getFileName().toString();
    return f.endsWith(".onnx") ? f.substring(0, f.length() - 5) : f;
  }
}
