package dev.tnet.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnet.frontend.diag.DiagnosticException;
import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.GraphTyper;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.graph.TypedGraph;
import dev.tnet.ir.graph.Node;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the language computes at compile time, and how it names layers (docs/language.md). */
class LanguageTest {
  static final Path MAIN = Path.of("src/test/resources/lang/main.tnet");

  static TypedGraph compile(Map<String, String> settings) {
    return GraphTyper.infer(Frontend.compile(MAIN, null, settings).graph());
  }

  static TypedGraph source(String text) {
    return GraphTyper.infer(Frontend.compileSource("t.tnet", text, null, Map.of()).graph());
  }

  @Test
  void importedBlocksLoopsAndConditionsFollowTheNamingRules() {
    TypedGraph t = compile(Map.of());
    assertEquals(List.of(
        "stem.0.0.weight", "stem.0.1.weight", "stem.0.1.bias", "stem.0.1.running_mean", "stem.0.1.running_var", "stem.0.1.num_batches_tracked",
        "stem.1.0.weight", "stem.1.1.weight", "stem.1.1.bias", "stem.1.1.running_mean", "stem.1.1.running_var", "stem.1.1.num_batches_tracked",
        "stage1.0.weight", "stage1.1.weight", "stage1.1.bias", "stage1.1.running_mean", "stage1.1.running_var", "stage1.1.num_batches_tracked",
        "stage2.0.weight", "stage2.1.weight", "stage2.1.bias", "stage2.1.running_mean", "stage2.1.running_var", "stage2.1.num_batches_tracked",
        "head_w", "head_b"), List.copyOf(t.params().keySet()));
    assertEquals(TensorType.f32(Dim.of(3), Dim.of(4)), t.params().get("head_w").type(), "width // 2 + 1 = 3 outputs over 8/2 channels");
    assertTrue(t.graph().nodes().stream().anyMatch(n -> n.op().name().equals("mul")), "the else branch (h * 0.5) ran");
    assertEquals(List.of("head", "sizes"), t.graph().outputs().stream().map(Graph.Output::name).toList());
    assertEquals(TensorType.f32(Dim.sym("N"), Dim.of(3)), t.type(t.graph().outputs().get(0).value()));
  }

  @Test
  void modelParametersCanBeSet() {
    TypedGraph deep = compile(Map.of("deep", "true", "width", "8"));
    assertTrue(deep.params().containsKey("extra.0.weight"));
    assertEquals(TensorType.f32(16, 16, 3, 3), deep.params().get("extra.0.weight").type());
    assertTrue(deep.graph().nodes().stream().noneMatch(n -> n.op().name().equals("mul")));
  }

  @Test
  void repetitionNumbersEveryStageLikeASequential() {
    TypedGraph t = source("""
        model m(x: f32[1, 4]) {
            seq = x |> linear(4) |> relu |> linear(4) * 2 |> linear(2) @out
            return seq
        }
        """);
    assertEquals(List.of("seq.0.weight", "seq.0.bias", "seq.2.weight", "seq.2.bias", "seq.3.weight", "seq.3.bias",
        "out.weight", "out.bias"), List.copyOf(t.params().keySet()));
  }

  @Test
  void integerArithmeticIsPython() {
    TypedGraph t = source("""
        model m(x: f32[1, 2]) {
            a = 7 // 2 + 7 % 3 * 10 + 2 ** 3 - -1
            b = 12 / 4
            y = linear(x, a + b) @fc
            return y
        }
        """);
    assertEquals(TensorType.f32(3 + 10 + 8 + 1 + 3, 2), t.params().get("fc.weight").type());
  }

  @Test
  void tensorArithmeticBecomesPointwiseOps() {
    Graph g = Frontend.compileSource("t.tnet", """
        model m(x: f32[N, 3], y: f32[3]) {
            z = 1 - x * y / 2 + -x ** 2
            return z
        }
        """, null, Map.of()).graph();
    assertEquals(List.of("mul", "div", "rsub", "pow", "neg", "add"), g.nodes().stream().map(Node::op).map(o -> o.name()).toList());
  }

  @Test
  void symbolicDimsFlowThroughTheGraph() {
    TypedGraph t = source("""
        model m(x: f32[N, 3, H, W]) {
            y = x |> conv2d(8, 3, stride=2, padding=1) @c |> flatten(2)
            return y
        }
        """);
    TensorType y = t.type(t.graph().outputs().get(0).value());
    assertEquals(Dim.sym("N"), y.dim(0));
    assertEquals(Dim.of(8), y.dim(1));
    assertEquals(15, y.dim(2).eval(Map.of("H", 9L, "W", 5L)), "5 rows times 3 columns");
  }

  @Test
  void errorsAreCollectedAcrossStatements() {
    DiagnosticException e = assertThrows(DiagnosticException.class, () -> source("""
        model m(x: f32[1, 3, 8, 8]) {
            a = conv(x, 4, 3) @a
            b = max_pool2d(x, 9)
            c = x + zz
            return x
        }
        """));
    assertEquals(3, e.diagnostics().size(), e.getMessage());
    assertTrue(e.getMessage().contains("t.tnet:2:9: error: unknown op or block 'conv'"), e.getMessage());
    assertTrue(e.getMessage().contains("t.tnet:3:9: error: max_pool2d"), e.getMessage());
    assertTrue(e.getMessage().contains("t.tnet:4:13: error: unknown name 'zz'"), e.getMessage());
  }
}
