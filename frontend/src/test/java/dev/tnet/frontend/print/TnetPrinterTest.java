package dev.tnet.frontend.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnet.frontend.Frontend;
import dev.tnet.ir.graph.Dim;
import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.GraphBuilder;
import dev.tnet.ir.graph.Node;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.op.AttrValue;
import dev.tnet.runtime.CompilerBug;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the printed source looks like, the literals and names it must get exactly right, and what it refuses. */
class TnetPrinterTest {
  private static final TensorType IMAGE = TensorType.f32(Dim.sym("N"), Dim.of(3), Dim.of(8), Dim.of(8));

  @Test
  void printsOneStatementPerNodeWithVariablesFromLayersAndOps() {
    Graph g = RoundTrip.compile("""
        model tiny(x: f32[N, 3, 8, 8], scale: f32[1]) {
            c = conv2d(x, 4, 3, padding=1) @conv1
            a, b = chunk(relu(c), 2, 1)
            y = cat([a, b * 2.5], dim=1) |> batch_norm(eps=1e-3) @features.0.1
            return y, first = a, again = a, copy = x
        }
        """);

    assertEquals("""
        model tiny(x: f32[N, 3, 8, 8], scale: f32[1]) {
            conv1 = conv2d(x, 4, 3, padding=1) @conv1
            relu = relu(conv1)
            chunk, chunk_2 = chunk(relu, 2, dim=1)
            mul = mul(chunk_2, other=2.5)
            cat = cat([chunk, mul], dim=1)
            features_0_1 = batch_norm(cat, eps=0.001) @features.0.1
            return y = features_0_1, first = chunk, again = chunk, copy = x
        }
        """, RoundTrip.check(g));
  }

  @Test
  void floatsAndIntegersReadBackExactly() {
    GraphBuilder b = new GraphBuilder("literals");
    String v = b.input("x", IMAGE);
    double[] floats = {1e-5, -0.0, 0.1 + 0.2, 1.0 / 3, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1e21,
        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    for (double f : floats) v = b.call("leaky_relu", Map.of("negative_slope", f), v);
    for (long n : new long[] {Long.MIN_VALUE, Long.MAX_VALUE, -1}) v = b.call("add", Map.of("other", n), v);
    b.output("y", v);

    String source = RoundTrip.check(b.build());

    for (String literal : List.of("negative_slope=1.0E-5", "negative_slope=-0.0", "negative_slope=0.30000000000000004",
        "negative_slope=4.9E-324", "negative_slope=1.0E21", "negative_slope=(1e400 - 1e400)", "negative_slope=-1e400",
        "other=(-9223372036854775807 - 1)", "other=-1")) {
      assertTrue(source.contains(literal + ")"), literal + " in\n" + source);
    }
  }

  /** A {@code str} model parameter set from outside holds the exact string; the printed literal must equal it. */
  @ParameterizedTest
  @ValueSource(strings = {"", "same", "it's", "a\\b", "\\", "two\nlines", "tab\there", "cr\rhere", "\"double\"", "# no comment", "é ✓ 𝛑"})
  void stringLiteralsReadBackExactly(String s) {
    String literal = TnetSyntax.literal(AttrValue.of(s));
    String source = "model m(x: f32[1], s: str = '') {\n    y = relu(x) if s == " + literal + " else neg(x)\n    return y\n}\n";

    assertEquals("relu", opOfFirstNode(source, s), source);
    assertEquals("neg", opOfFirstNode(source, s + "."), "a different string does not compare equal");
  }

  private static String opOfFirstNode(String source, String setting) {
    return Frontend.compileSource("t.tnet", source, null, Map.of("s", setting)).graph().nodes().get(0).op().name();
  }

  @Test
  void integerSegmentsKeepTheirTextAndPairsLexedAsFloatsSplit() {
    GraphBuilder b = new GraphBuilder("paths");
    String v = b.layer("features.0.1", "conv2d", Map.of("out_channels", 4, "kernel_size", 1), b.input("x", IMAGE));
    v = b.layer("blk.007.2.10", "conv2d", Map.of("out_channels", 4, "kernel_size", 1), v);
    b.output("y", v);

    String source = RoundTrip.check(b.build());

    assertTrue(source.contains("@features.0.1\n") && source.contains("@blk.007.2.10\n"), source);
  }

  @Test
  void keywordsAreWordsInLayerNames() {
    GraphBuilder b = new GraphBuilder("keywords");
    String v = b.layer("model.0.conv", "conv2d", Map.of("out_channels", 4, "kernel_size", 1), b.input("x", IMAGE));
    v = b.layer("block.if.None", "conv2d", Map.of("out_channels", 4, "kernel_size", 1), v);
    b.output("y", v);

    String source = RoundTrip.check(b.build());

    assertTrue(source.contains("@model.0.conv\n") && source.contains("@block.if.None\n"), source);
  }

  @Test
  void parametersThatAreNotLayerSlotsAreRenamedOneByOne() {
    GraphBuilder b = new GraphBuilder("renames");
    String h = b.layer("fc", "linear", Map.of("out_features", 4), b.input("x", TensorType.f32(2, 3)));
    b.output("y", b.layer("linear", "linear", Map.of("out_features", 2), h));
    Graph g = withParams(b.build(), 0, List.of("self_attn.in_proj_weight", "head_b"));

    String source = RoundTrip.check(g);

    assertTrue(source.contains("linear_2 = linear(x, 4) @(weight=self_attn.in_proj_weight, bias=head_b)\n"),
        "the renamed call's variable becomes a layer name, so it avoids the later @linear:\n" + source);
    assertTrue(source.contains("linear = linear(linear_2, 2) @linear\n"), source);
  }

  @Test
  void aSecondNodeUnderTheSameLayerIsRenamed() {
    GraphBuilder b = new GraphBuilder("twice");
    String c = b.layer("a", "conv2d", Map.of("out_channels", 4, "kernel_size", 1, "bias", false), b.input("x", IMAGE));
    b.output("y", b.layer("a_bn", "batch_norm", Map.of("affine", false), c));
    Graph g = withParams(b.build(), 1, List.of("a.running_mean", "a.running_var", "a.num_batches_tracked"));

    String source = RoundTrip.check(g);

    assertTrue(source.contains("@(running_mean=a.running_mean, running_var=a.running_var, num_batches_tracked=a.num_batches_tracked)"), source);
  }

  @Test
  void aGraphNameThatIsNoIdentifierIsMadeOne() {
    GraphBuilder b = new GraphBuilder("my-net");
    b.output("y", b.call("relu", Map.of(), b.input("x", IMAGE)));

    assertTrue(RoundTrip.check(b.build()).startsWith("model my_net(x: f32[N, 3, 8, 8]) {\n"));
  }

  @Test
  void refusesWhatTheLanguageCannotWrite() {
    assertBug("'a-b.weight'", conv("a-b", "x", IMAGE, "y"));
    assertBug("'in'", conv("c", "in", IMAGE, "y"));
    assertBug("'out.0'", conv("c", "x", IMAGE, "out.0"));
    assertBug("dim N+1", conv("c", "x", TensorType.f32(Dim.sym("N").plus(1), Dim.of(3), Dim.of(8), Dim.of(8)), "y"));

    GraphBuilder b = new GraphBuilder("symbol");
    b.input("N", TensorType.f32(1));
    b.output("y", b.call("relu", Map.of(), b.input("x", IMAGE)));
    assertBug("an earlier input has that name", b.build());

    GraphBuilder shared = new GraphBuilder("shared");
    String h = shared.layer("c", "conv2d", Map.of("out_channels", 3, "kernel_size", 1), shared.input("x", IMAGE));
    shared.output("y", shared.layer("d", "conv2d", Map.of("out_channels", 3, "kernel_size", 1), h));
    assertBug("'c.weight' is shared", withParams(shared.build(), 1, List.of("c.weight", "c.bias")));
  }

  private static Graph conv(String layer, String input, TensorType type, String output) {
    GraphBuilder b = new GraphBuilder("g");
    b.output(output, b.layer(layer, "conv2d", Map.of("out_channels", 4, "kernel_size", 1), b.input(input, type)));
    return b.build();
  }

  private static void assertBug(String expected, Graph g) {
    CompilerBug e = assertThrows(CompilerBug.class, () -> TnetPrinter.print(g));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  /** {@code g} with the parameters of node {@code index} renamed. */
  private static Graph withParams(Graph g, int index, List<String> params) {
    List<Node> nodes = new ArrayList<>(g.nodes());
    Node n = nodes.get(index);
    nodes.set(index, new Node(n.name(), n.op(), n.inputs(), params, n.outputs()));
    return new Graph(g.name(), g.inputs(), nodes, g.outputs());
  }
}
