package dev.tnet.ir.lower;

import dev.tnet.ir.graph.Node;
import dev.tnet.ir.loop.Buffer;
import dev.tnet.ir.loop.Kernel;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.op.BatchNorm;
import dev.tnet.ir.op.Conv;
import dev.tnet.ir.op.ConvTranspose;
import dev.tnet.ir.op.AdaptivePool;
import dev.tnet.ir.op.GlobalPool;
import dev.tnet.ir.op.Interpolate;
import dev.tnet.ir.op.Linear;
import dev.tnet.ir.op.MaxPool;
import dev.tnet.ir.opt.KernelPlan;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.kernel.ConvShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lowers a library layer of the {@link KernelPlan} to one kernel (a pool or an interpolation: a
 * call that reads its input) or two: one packs the layer's weights
 * (batch norm folded in) into a new temporary buffer {@code <anchor>.packed}, which a backend may
 * compute once at load time; the other calls the compute kernel, which writes the output of the
 * layer's last node with the fused epilogue. The fused nodes' own buffers are left unwritten.
 */
final class LibraryLowering {
  private LibraryLowering() {}

  static List<Kernel> lower(KernelPlan.Layer layer, Map<String, Node> nodes, Map<String, Buffer> buffers) {
    Node anchor = nodes.get(layer.anchor());
    Buffer x = buffers.get(anchor.inputs().getFirst()), y = buffers.get(nodes.get(layer.tail()).outputs().getFirst());
    Shape xs = x.shape(), ys = buffers.get(anchor.outputs().getFirst()).shape();
    if (layer.weightless()) return List.of(new Kernel(layer.anchor(), anchor.op().name(), weightless(layer, anchor, x, y)));
    List<Integer> shapeInts = new ArrayList<>();
    List<String> packReads = new ArrayList<>(List.of(anchor.params().getFirst()));
    boolean hasBias;
    switch (anchor.op()) {
      case Conv c -> {
        List<Integer> pads = c.padsPerSide();
        shapeInts.addAll(List.of(xs.dim(0), xs.dim(1), xs.dim(2), xs.dim(3), ys.dim(1), ys.dim(2), ys.dim(3),
            c.kernelSize().get(0), c.kernelSize().get(1), c.stride().get(0), c.stride().get(1), pads.get(0), pads.get(2),
            c.dilation().get(0), c.dilation().get(1), c.groups()));
        hasBias = c.bias();
      }
      case ConvTranspose c -> { // the equivalent stride-1 conv over the zero-upsampled input
        List<Integer> k = c.kernelSize(), s = c.stride(), d = c.dilation(), p = c.padding();
        shapeInts.addAll(List.of(xs.dim(0), xs.dim(1), (xs.dim(2) - 1) * s.get(0) + 1, (xs.dim(3) - 1) * s.get(1) + 1, ys.dim(1),
            ys.dim(2), ys.dim(3), k.get(0), k.get(1), 1, 1, d.get(0) * (k.get(0) - 1) - p.get(0), d.get(1) * (k.get(1) - 1) - p.get(1),
            d.get(0), d.get(1), c.groups()));
        hasBias = c.bias();
      }
      case Linear l -> {
        shapeInts.addAll(List.of(rows(xs), xs.dim(xs.rank() - 1), l.outFeatures()));
        hasBias = l.bias();
      }
      default -> throw new dev.tnet.runtime.CompilerBug("no library kernel for " + anchor.op().name());
    }
    if (hasBias) packReads.add(anchor.params().get(1));
    int bnKind = 0;
    float eps = 0;
    if (layer.batchNorm() != null) {
      Node bn = nodes.get(layer.batchNorm());
      BatchNorm op = (BatchNorm) bn.op();
      bnKind = op.affine() ? 2 : 1;
      eps = (float) op.eps();
      int at = 0;
      if (op.affine()) {
        packReads.add(bn.params().get(at++));
        packReads.add(bn.params().get(at++));
      }
      packReads.add(bn.params().get(at++));
      packReads.add(bn.params().get(at));
    }
    String packed = fresh(buffers, layer.anchor() + ".packed");
    List<Integer> packInts = new ArrayList<>(shapeInts), runInts = new ArrayList<>(shapeInts);
    packInts.addAll(List.of(hasBias ? 1 : 0, bnKind));
    runInts.addAll(List.of(layer.act(), layer.residual() != null ? 1 : 0));
    if (anchor.op() instanceof ConvTranspose c) {
      packInts.addAll(c.stride());
      runInts.addAll(c.stride());
    }
    int size = dev.tnet.runtime.kernel.Library.outSize(layer.kernel() + ".pack", ints(packInts));
    buffers.put(packed, new Buffer(packed, ScalarType.F32, Shape.of(size), Buffer.Role.TEMP));
    List<String> reads = new ArrayList<>(List.of(x.name(), packed));
    if (layer.residual() != null) reads.add(buffers.get(layer.residual()).name());
    String origin = String.join("+", layer.nodes().stream().map(n -> nodes.get(n).op().name()).toList());
    return List.of(
        new Kernel(layer.anchor() + ".pack", layer.kernel() + ".pack",
            new Stmt.Library(layer.kernel() + ".pack", packReads, packed, packInts, List.of(eps), "packs weights once, at load")),
        new Kernel(layer.anchor(), origin,
            new Stmt.Library(layer.kernel(), reads, y.name(), runInts, List.of(layer.a(), layer.b(), layer.pre().scale(), layer.pre().shift(), layer.post().scale(), layer.post().shift()), layer.reason())));
  }

  /** The one call of a kernel without weights: it reads the layer's input and writes its output. */
  private static Stmt.Library weightless(KernelPlan.Layer layer, Node anchor, Buffer x, Buffer y) {
    Shape xs = x.shape(), ys = y.shape();
    List<Integer> ints;
    List<Float> floats = List.of();
    switch (anchor.op()) {
      case Interpolate i -> { // the float32 scales as the loop nest computes them
        ints = List.of(xs.dim(0) * xs.dim(1), xs.dim(2), xs.dim(3), ys.dim(2), ys.dim(3));
        floats = List.of(SpatialSampling.nearestScale(xs.dim(2), ys.dim(2), i.samplingScale(0)),
            SpatialSampling.nearestScale(xs.dim(3), ys.dim(3), i.samplingScale(1)));
      }
      case GlobalPool _, AdaptivePool _ -> { // [planes, plane size] (an adaptive pool to size 1)
        int planes = xs.dim(0) * xs.dim(1);
        ints = List.of(planes, xs.size() / Math.max(1, planes));
      }
      case MaxPool m -> ints = List.of(xs.dim(0), xs.dim(1), xs.dim(2), xs.dim(3), xs.dim(1), ys.dim(2), ys.dim(3), m.kernelSize().get(0),
          m.kernelSize().get(1), m.stride().get(0), m.stride().get(1), m.padding().get(0), m.padding().get(1), m.dilation().get(0),
          m.dilation().get(1), xs.dim(1));
      default -> throw new dev.tnet.runtime.CompilerBug("no weightless library kernel for " + anchor.op().name());
    }
    return new Stmt.Library(layer.kernel(), List.of(x.name()), y.name(), ints, floats, layer.reason());
  }

  /**
   * Whether the layer's tensors, bound to these shapes, have no zero-size dim (the kernels need at
   * least one element everywhere; an empty layer keeps its loop nest).
   */
  static boolean supports(Node anchor, Map<String, Buffer> buffers) {
    Shape xs = buffers.get(anchor.inputs().getFirst()).shape(), ys = buffers.get(anchor.outputs().getFirst()).shape();
    return xs.size() > 0 && ys.size() > 0;
  }

  private static int rows(Shape s) {
    int r = 1;
    for (int i = 0; i < s.rank() - 1; i++) r *= s.dim(i);
    return r;
  }

  private static int[] ints(List<Integer> l) {
    return l.stream().mapToInt(Integer::intValue).toArray();
  }

  private static String fresh(Map<String, Buffer> buffers, String base) {
    String name = base;
    for (int i = 1; buffers.containsKey(name); i++) name = base + "_" + i;
    return name;
  }
}
