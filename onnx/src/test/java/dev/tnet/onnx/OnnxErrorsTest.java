package dev.tnet.onnx;

import static dev.tnet.onnx.Onnx.in;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnet.runtime.Shape;
import dev.tnet.runtime.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user sees for a model tnet cannot import: every unsupported op at once, dynamic dims, a bad file. */
class OnnxErrorsTest {
  @TempDir Path dir;

  @Test
  void listsEveryUnsupportedOpWithNodeOpAndOpset() {
    Onnx m = Onnx.graph(13).input("x", 1, 4).longs("k", 2).node("Relu", in("x"), "a").node("TopK", in("a", "k"), java.util.List.of("v", "i"))
        .node("Relu", in("v"), "b").node("NonZero", in("b"), "nz").output("nz");
    UserException e = assertThrows(UserException.class, () -> OnnxImport.read("m.onnx", m.bytes(), Map.of()));
    assertEquals("""
        m.onnx: 2 nodes use ops that tnet cannot import (NonZero, TopK):
          node 'TopK_1': TopK (opset 13)
          node 'NonZero_3': NonZero (opset 13)""", e.getMessage());
  }

  @Test
  void customDomainsAreUnsupported() {
    var model = Onnx.graph(13).input("x", 1, 4).node("Relu", in("x"), "y").output("y").model();
    var g = model.getGraph().toBuilder();
    g.setNode(0, g.getNode(0).toBuilder().setDomain("com.microsoft").setOpType("FusedGemm"));
    byte[] bytes = model.toBuilder().setGraph(g).build().toByteArray();
    UserException e = assertThrows(UserException.class, () -> OnnxImport.read("m.onnx", bytes, Map.of()));
    assertTrue(e.getMessage().contains("node 'Relu_0': com.microsoft.FusedGemm (opset 13)"), e.getMessage());
  }

  @Test
  void dynamicDimsAskForInputShape() {
    Onnx m = Onnx.graph(13).dynamicInput("x", null, 3L, null, null).node("Relu", in("x"), "y").output("y");
    UserException e = assertThrows(UserException.class, () -> OnnxImport.read("m.onnx", m.bytes(), Map.of()));
    assertEquals("m.onnx: input 'x' has dynamic dims [d0, 3, d2, d3]; tnet compiles for fixed shapes: pass"
        + " --input-shape x=1x3x640x640 (every dim a number)", e.getMessage());
    OnnxImport.Model ok = OnnxImport.read("m.onnx", m.bytes(), Map.of("x", Shape.of(2, 3, 5, 7)));
    assertEquals("f32[2, 3, 5, 7]", ok.graph().inputs().get(0).type().toString());
  }

  @Test
  void inputShapeMustFitTheModel() {
    Onnx m = Onnx.graph(13).dynamicInput("x", null, 3L).node("Relu", in("x"), "y").output("y");
    UserException wrongDim = assertThrows(UserException.class, () -> OnnxImport.read("m.onnx", m.bytes(), Map.of("x", Shape.of(1, 4))));
    assertEquals("m.onnx: input 'x' has size 3 in dim 1, but --input-shape gives [1, 4]", wrongDim.getMessage());
    UserException wrongName = assertThrows(UserException.class, () -> OnnxImport.read("m.onnx", m.bytes(), Map.of("y", Shape.of(1, 3))));
    assertTrue(wrongName.getMessage().startsWith("--input-shape names 'y', which is not an input of m.onnx"), wrongName.getMessage());
  }

  @Test
  void badFilesNameThePath() throws Exception {
    Path missing = dir.resolve("missing.onnx");
    assertEquals(missing + ": no such file", assertThrows(UserException.class, () -> OnnxImport.read(missing, Map.of())).getMessage());

    Path text = dir.resolve("text.onnx");
    Files.writeString(text, "this is not a model\n");
    String m1 = assertThrows(UserException.class, () -> OnnxImport.read(text, Map.of())).getMessage();
    assertTrue(m1.startsWith(text + ": not "), m1);

    Path empty = dir.resolve("empty.onnx");
    Files.write(empty, new byte[0]);
    assertEquals(empty + ": not a valid ONNX model (the file is empty)",
        assertThrows(UserException.class, () -> OnnxImport.read(empty, Map.of())).getMessage());

    byte[] good = Onnx.graph(13).input("x", 1, 4).init("w", 4, 4).node("MatMul", in("x", "w"), "y").output("y").bytes();
    Path truncated = dir.resolve("truncated.onnx");
    Files.write(truncated, Arrays.copyOf(good, good.length - 20));
    assertEquals(truncated + ": not a valid ONNX model (the file is truncated)",
        assertThrows(UserException.class, () -> OnnxImport.read(truncated, Map.of())).getMessage());
  }

  @Test
  void computedShapesThatCannotBeFoldedAreNamed() {
    Onnx m = Onnx.graph(13).input("x", 2, 3).node("Shape", in("x"), "s").node("Cast", in("s"), "f", Onnx.attr("to", 1L))
        .node("Range", in("x", "x", "x"), "r").output("r");
    UserException e = assertThrows(UserException.class, () -> OnnxImport.read("m.onnx", m.bytes(), Map.of()));
    assertEquals("cannot import node 'Range_2' (Range): its inputs must be constants known at import time (tnet computes Range"
        + " only while importing)", e.getMessage());
  }
}
