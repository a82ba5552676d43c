package dev.tnet.codegen.jvm;

import dev.tnet.codegen.golden.GoldenCase;
import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.Node;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.loop.LoopProgram;
import dev.tnet.ir.lower.Lowering;
import dev.tnet.ir.op.Op;
import dev.tnet.ir.op.OpCatalogue;
import dev.tnet.ir.op.ParamSpec;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.model.CompiledModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One golden case as a one-node program, written to a jar, loaded, and compared with the JIT. */
final class AotCase {
  private AotCase() {}

  static void check(GoldenCase c, Path jar) {
    Op op = OpCatalogue.create(c.op(), List.of(), c.args());
    List<Graph.Input> inputs = new ArrayList<>();
    Map<String, Tensor> in = new LinkedHashMap<>(), weights = new LinkedHashMap<>();
    Map<String, Shape> shapes = new LinkedHashMap<>();
    List<String> ins = new ArrayList<>(), params = new ArrayList<>(), outs = new ArrayList<>();
    for (int i = 0; i < c.inputs().size(); i++) {
      Tensor t = c.inputs().get(i);
      inputs.add(new Graph.Input("x" + i, TensorType.of(t.dtype(), t.shape())));
      ins.add("x" + i);
      in.put("x" + i, t);
      shapes.put("x" + i, t.shape());
    }
    List<ParamSpec> specs = op.params(c.inputTypes());
    for (int i = 0; i < specs.size(); i++) {
      params.add("p." + specs.get(i).name());
      weights.put("p." + specs.get(i).name(), c.params().get(i));
    }
    List<Graph.Output> outputs = new ArrayList<>();
    for (int i = 0; i < c.outputs().size(); i++) {
      outs.add("y" + i);
      outputs.add(new Graph.Output("y" + i, "y" + i));
    }
    LoopProgram p = Lowering.lower(new Graph("case", inputs, List.of(new Node("n", op, ins, params, outs)), outputs), shapes);
    JvmBackend.writeJar(p, weights, jar);
    Engines.assertBitIdentical(JvmBackend.compile(p, weights).run(in), CompiledModel.load(jar).run(in), c.name());
  }
}
