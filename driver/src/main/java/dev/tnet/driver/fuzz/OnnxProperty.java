package dev.tnet.driver.fuzz;

import ai.onnxruntime.OrtException;
import dev.tnet.onnx.OrtTensors;
import dev.tnet.onnx.write.OnnxExporter;
import dev.tnet.runtime.Tensor;
import java.util.Map;

/**
 * A graph exported to ONNX and run in ONNX Runtime computes what the reference interpreter
 * computes, within {@link Tolerance} (the JIT's error spec). Cases draw only graphs the exporter
 * accepts ({@link OnnxExporter#refusal}): a refused draw is redrawn from the next seed. A case the
 * interpreter rejects with a run-time data error (an index out of range, an integer division by
 * zero) is not run: ONNX Runtime has no such errors to compare, and divides integers by zero
 * natively.
 */
final class OnnxProperty extends GraphProperty {
  /** Redraws before a seed gives up and yields its last, refused, draw (which then passes vacuously). */
  static final int REDRAWS = 20;

  public String name() {
    return "onnx";
  }

  public String description() {
    return "an exported ONNX model in ONNX Runtime equals the interpreter within the error spec";
  }

  /** Ops with a generator; every op of the catalogue has an ONNX form for some attributes. */
  private static final java.util.List<String> OPS = dev.tnet.ir.op.OpCatalogue.names().stream()
      .filter(op -> !OpCases.opsWithoutGenerator().contains(op)).toList();

  protected java.util.List<String> ops() {
    return OPS;
  }

  public FuzzCase generate(long seed) {
    FuzzCase c = super.generate(seed);
    for (int i = 1; i < REDRAWS && OnnxExporter.refusal(c.graph()) != null; i++) c = super.generate(seed + i * 0x9E3779B97F4A7C15L);
    return c;
  }

  protected Symptom check(FuzzCase c) {
    if (OnnxExporter.refusal(c.graph()) != null) return null;
    if (!(Engines.interp(c) instanceof Outcome.Ok(Map<String, Tensor> want))) return null;
    Map<String, Tensor> got;
    try {
      got = OrtTensors.run(OnnxExporter.export(c.graph(), c.weights()), c.inputs());
    } catch (OrtException e) {
      return new Symptom("ONNX Runtime rejects the exported model", e.getMessage());
    }
    String diff = Tolerance.compare(want, got, Tolerance.specs(c, GraphShrinker.materialize(c)));
    return diff == null ? null : new Symptom("ONNX Runtime differs from the interpreter", diff);
  }
}
