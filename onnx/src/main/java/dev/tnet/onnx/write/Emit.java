package dev.tnet.onnx.write;

import dev.tnet.ir.graph.Node;
import dev.tnet.ir.graph.TensorType;
import java.util.List;

/**
 * One tnet node being exported: the ONNX names of its inputs, parameters and outputs with their
 * tnet types. The family emitters read it and must define every name in {@code outs}.
 */
record Emit(OnnxGraphBuilder b, Node node, List<String> ins, List<TensorType> inTypes, List<String> params,
    List<String> outs, List<TensorType> outTypes) {
  String in() {
    return ins.get(0);
  }

  TensorType inType() {
    return inTypes.get(0);
  }

  String out() {
    return outs.get(0);
  }

  TensorType outType() {
    return outTypes.get(0);
  }

  /** Writes {@code v} to output {@code i} (an Identity, which ORT removes). */
  void result(int i, String v) {
    b.opTo(outs.get(i), "Identity", List.of(v));
  }

  void result(String v) {
    result(0, v);
  }
}
