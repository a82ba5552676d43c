package dev.tnet.frontend.print;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.GraphTyper;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.runtime.DType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code constant}, the op without tensor inputs, through the language: its weight names under each
 * naming rule, its types, and the print → compile round trip (with a {@code resize} beside it).
 */
class ConstantSourceTest {
  @Test
  void constantsAreNamedTypedAndPrintBack() {
    Graph g = RoundTrip.compile("""
        model m(x: f32[N, 4, 8, 8]) {
            s = constant((1, 4, 1, 1)) @(value=se.scale)
            table = constant((3,), dtype='i64')
            pe = constant(()) @pos
            y = resize(x * s + pe, scales=(1.0, 1.0, 2.0, 0.5), mode='cubic', coordinate_transformation_mode='align_corners')
            return y, table
        }
        """);
    Map<String, TensorType> params = new java.util.LinkedHashMap<>();
    GraphTyper.infer(g).params().forEach((k, v) -> params.put(k, v.type()));
    assertEquals(Map.of("se.scale", TensorType.f32(1, 4, 1, 1), "table.value", TensorType.of(DType.I64, 3),
        "pos.value", TensorType.of(DType.F32)), params);
    assertEquals(List.of("y", "table"), g.outputs().stream().map(Graph.Output::name).toList());
    RoundTrip.check(g);
  }
}
