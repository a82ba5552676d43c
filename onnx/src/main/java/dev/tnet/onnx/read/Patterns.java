package dev.tnet.onnx.read;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import dev.tnet.runtime.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Rewrites the subgraphs exporters emit for one PyTorch op back into that op, before import, so
 * the {@code .tnet} reads as a person would write it:
 *
 * <ul>
 *   <li>{@code clip(x + 3, 0, 6) / 6} (or {@code * (1/6)}) is {@code HardSigmoid(x)} with
 *       PyTorch's alpha = 1/6, beta = 0.5;
 *   <li>{@code x * clip(x + 3, 0, 6) / 6} and {@code x * HardSigmoid(x)} (PyTorch's alpha and
 *       beta) are {@code HardSwish(x)};
 *   <li>{@code Where(pool(Cast(IsNaN(x))) > 0, NaN, pool(x))}, {@code pool} a MaxPool or
 *       GlobalMaxPool with the same attributes twice, is {@code pool(x)}: tnet's exporter writes
 *       its max pools so (ONNX Runtime's max skips NaN, PyTorch's and tnet's propagate it).
 * </ul>
 *
 * Intermediate values must have one reader and not be model outputs, so nothing else changes.
 * The rewritten node keeps the name of the last node it replaces.
 */
final class Patterns {
  private final List<NodeProto> nodes;
  private final Function<String, Tensor> constants;
  private final Set<String> outputs;
  private final Map<String, NodeProto> producer = new HashMap<>();
  private final Map<String, Integer> readers = new HashMap<>();
  private final int opset;

  private Patterns(List<NodeProto> nodes, Function<String, Tensor> constants, Set<String> outputs, int opset) {
    this.nodes = new ArrayList<>(nodes);
    this.constants = constants;
    this.outputs = outputs;
    this.opset = opset;
  }

  /** The nodes with every pattern rewritten. {@code constants} gives an initializer or Constant's value, or null. */
  static List<NodeProto> rewrite(List<NodeProto> nodes, Function<String, Tensor> constants, Set<String> outputs, int opset) {
    Patterns p = new Patterns(nodes, constants, outputs, opset);
    p.index();
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int i = 0; i < p.nodes.size() && !changed; i++) changed = p.tryAt(i);
    }
    return p.nodes;
  }

  private void index() {
    producer.clear();
    readers.clear();
    for (NodeProto n : nodes) {
      for (String o : n.getOutputList()) producer.put(o, n);
      for (String in : n.getInputList()) readers.merge(in, 1, Integer::sum);
    }
  }

  private boolean tryAt(int i) {
    NodeProto n = nodes.get(i);
    // clip(x + 3, 0, 6) / 6  ->  HardSigmoid(x)
    NodeProto clip = divBySix(n);
    if (clip != null) {
      String x = plusThree(clip);
      if (x != null) return replace(i, List.of(clip, producer.get(clip.getInput(0))), "HardSigmoid", x, true);
    }
    if (n.getOpType().equals("Mul") && n.getInputCount() == 2) {
      // x * HardSigmoid(x)  ->  HardSwish(x)
      for (int k = 0; k < 2; k++) {
        NodeProto h = single(n.getInput(k), "HardSigmoid");
        if (h != null && h.getInput(0).equals(n.getInput(1 - k)) && isPyTorchHardSigmoid(h)) {
          return replace(i, List.of(h), "HardSwish", n.getInput(1 - k), false);
        }
      }
    }
    if (nanPropagatingPool(i)) return true;
    // x * clip(x + 3, 0, 6) / 6  ->  HardSwish(x)
    NodeProto mul = divBySixNode(n);
    if (mul != null && mul.getOpType().equals("Mul") && mul.getInputCount() == 2) {
      for (int k = 0; k < 2; k++) {
        NodeProto c = single(mul.getInput(k), "Clip");
        if (c != null && isClip06(c)) {
          String x = plusThree(c);
          if (x != null && x.equals(mul.getInput(1 - k))) {
            return replace(i, List.of(mul, c, producer.get(c.getInput(0))), "HardSwish", x, false);
          }
        }
      }
    }
    return false;
  }

  /** {@code Where(pool(Cast(IsNaN(x))) > 0, NaN, pool(x))} at node {@code i}  ->  {@code pool(x)}. */
  private boolean nanPropagatingPool(int i) {
    NodeProto where = nodes.get(i);
    if (!where.getOpType().equals("Where") || where.getInputCount() != 3 || !isNaNScalar(where.getInput(1))) return false;
    NodeProto pool = single(where.getInput(2), null), greater = single(where.getInput(0), "Greater");
    if (pool == null || !Set.of("MaxPool", "GlobalMaxPool").contains(pool.getOpType()) || greater == null
        || !isScalar(greater.getInput(1), 0)) {
      return false;
    }
    NodeProto maskPool = single(greater.getInput(0), pool.getOpType());
    NodeProto cast = maskPool == null ? null : single(maskPool.getInput(0), "Cast");
    NodeProto isNaN = cast == null ? null : single(cast.getInput(0), "IsNaN");
    if (isNaN == null || !isNaN.getInput(0).equals(pool.getInput(0)) || !maskPool.getAttributeList().equals(pool.getAttributeList())) {
      return false;
    }
    nodes.set(i, pool.toBuilder().setName(where.getName()).setOutput(0, where.getOutput(0)).build());
    nodes.removeAll(List.of(pool, greater, maskPool, cast, isNaN));
    index();
    return true;
  }

  private boolean isNaNScalar(String name) {
    Tensor t = constants.apply(name);
    return t != null && t.size() == 1 && t.rank() <= 1 && t.dtype() == dev.tnet.runtime.DType.F32 && Float.isNaN(t.floats()[0]);
  }

  /** For {@code v / 6} or {@code v * (1/6)} where v comes from a Clip(0, 6) read only here: that Clip. */
  private NodeProto divBySix(NodeProto n) {
    NodeProto v = divBySixNode(n);
    return v != null && v.getOpType().equals("Clip") && isClip06(v) ? v : null;
  }

  /** For {@code v / 6} or {@code v * (1/6)}: the single-reader node producing v, else null. */
  private NodeProto divBySixNode(NodeProto n) {
    if (n.getInputCount() != 2) return null;
    if (n.getOpType().equals("Div") && isScalar(n.getInput(1), 6)) return single(n.getInput(0), null);
    if (n.getOpType().equals("Mul")) {
      for (int k = 0; k < 2; k++) if (isScalar(n.getInput(k), 1.0 / 6)) return single(n.getInput(1 - k), null);
    }
    return null;
  }

  /** For a Clip reading {@code x + 3} (an Add read only by it): x. */
  private String plusThree(NodeProto clip) {
    NodeProto add = single(clip.getInput(0), "Add");
    if (add == null || add.getInputCount() != 2) return null;
    for (int k = 0; k < 2; k++) {
      if (isScalar(add.getInput(k), 3) && !isConst(add.getInput(1 - k))) return add.getInput(1 - k);
    }
    return null;
  }

  private boolean isClip06(NodeProto c) {
    if (opset < 11) {
      Float lo = null, hi = null;
      for (AttributeProto a : c.getAttributeList()) {
        if (a.getName().equals("min")) lo = a.getF();
        if (a.getName().equals("max")) hi = a.getF();
      }
      return lo != null && hi != null && lo == 0 && hi == 6;
    }
    return c.getInputCount() == 3 && isScalar(c.getInput(1), 0) && isScalar(c.getInput(2), 6);
  }

  static boolean isPyTorchHardSigmoid(NodeProto h) {
    float alpha = 0.2f, beta = 0.5f;
    for (AttributeProto a : h.getAttributeList()) {
      if (a.getName().equals("alpha")) alpha = a.getF();
      if (a.getName().equals("beta")) beta = a.getF();
    }
    return Math.abs(alpha - 1.0 / 6) < 1e-6 && beta == 0.5f;
  }

  /** The producer of {@code value} if it has one reader, is no model output, and (if given) has that op type. */
  private NodeProto single(String value, String opType) {
    NodeProto p = producer.get(value);
    if (p == null || readers.getOrDefault(value, 0) != 1 || outputs.contains(value) || p.getOutputCount() != 1) return null;
    return opType == null || p.getOpType().equals(opType) ? p : null;
  }

  private boolean isConst(String name) {
    return constants.apply(name) != null;
  }

  private boolean isScalar(String name, double v) {
    Tensor t = constants.apply(name);
    if (t == null || t.size() != 1 || t.rank() > 1) return false;
    double x = t.dtype() == dev.tnet.runtime.DType.F32 ? t.floats()[0] : t.longs()[0];
    return Math.abs(x - v) <= 1e-6 * Math.abs(v) || x == v;
  }

  /** Replaces node {@code i} by {@code op(x)} and removes the nodes it made redundant. */
  private boolean replace(int i, List<NodeProto> removed, String op, String x, boolean pytorchHardSigmoid) {
    NodeProto last = nodes.get(i);
    NodeProto.Builder nb = NodeProto.newBuilder().setName(last.getName()).setOpType(op).addInput(x).addOutput(last.getOutput(0));
    if (pytorchHardSigmoid) {
      nb.addAttribute(AttributeProto.newBuilder().setName("alpha").setType(AttributeProto.AttributeType.FLOAT).setF(1f / 6));
      nb.addAttribute(AttributeProto.newBuilder().setName("beta").setType(AttributeProto.AttributeType.FLOAT).setF(0.5f));
    }
    nodes.set(i, nb.build());
    nodes.removeAll(removed);
    index();
    return true;
  }
}
