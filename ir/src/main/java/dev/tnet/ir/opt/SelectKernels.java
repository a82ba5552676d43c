package dev.tnet.ir.opt;

import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.Node;
import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.graph.TypedGraph;
import dev.tnet.ir.op.AdaptivePool;
import dev.tnet.ir.op.Conv;
import dev.tnet.ir.op.ConvTranspose;
import dev.tnet.ir.op.GlobalPool;
import dev.tnet.ir.op.Interpolate;
import dev.tnet.ir.op.Linear;
import dev.tnet.ir.op.PoolKind;
import dev.tnet.ir.op.MaxPool;
import dev.tnet.runtime.DType;
import dev.tnet.runtime.kernel.WinogradKernel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Chooses the kernel of every conv, transposed conv, linear, max-pool, global average pool and nearest
 * interpolation layer. Contract: returns a plan with one layer per {@link Conv}, {@link ConvTranspose}, {@link Linear},
 * {@link MaxPool}, average {@link GlobalPool}, average {@link AdaptivePool} to size 1 or nearest {@link Interpolate} node, fusing nothing yet. A batched ({@code [N, C, H, W]}) 2-D
 * f32 convolution with zeros padding runs as {@code depthwise2d} when it has one input channel
 * per group, as {@code conv2d_winograd} when it is 3×3, stride 1, undilated, ungrouped and
 * {@link WinogradKernel#worthIt} (if {@code winograd}), else as {@code conv2d} (implicit GEMM;
 * plain GEMM on NCHW for 1×1 stride-1 unpadded); a batched 2-D f32 transposed convolution whose padding is at most {@code
 * dilation·(kernel - 1)} as {@code conv_transpose2d}; a linear layer as {@code linear}; a batched 2-D f32 max pool without
 * indices as {@code max_pool2d}; an f32 global average pool (or adaptive average pool to size 1) as {@code global_avg_pool}; a 2-D f32 nearest interpolation as
 * {@code interpolate_nearest2d}; everything else keeps its loop nest, with the reason.
 */
public final class SelectKernels {
  private SelectKernels() {}

  public static KernelPlan run(Graph g, TypedGraph typed, boolean winograd) {
    Map<String, KernelPlan.Layer> layers = new LinkedHashMap<>();
    for (Node n : g.nodes()) {
      String[] choice = switch (n.op()) {
        case Conv c -> conv(c, typed.type(n.inputs().getFirst()), typed.type(n.outputs().getFirst()), winograd);
        case ConvTranspose c -> convTranspose(c, typed.type(n.inputs().getFirst()));
        case MaxPool m -> maxPool(m, typed.type(n.inputs().getFirst()));
        case GlobalPool p when p.kind() == PoolKind.AVG -> globalAvgPool(typed.type(n.inputs().getFirst()));
        case AdaptivePool p when p.kind() == PoolKind.AVG && p.outputSize().stream().allMatch(o -> o.isPresent() && o.getAsInt() == 1)
            && typed.type(n.inputs().getFirst()).rank() == p.spatialDims() + 2 -> globalAvgPool(typed.type(n.inputs().getFirst())); // batched
        case Interpolate i when i.mode() == Interpolate.Mode.NEAREST -> typed.type(n.inputs().getFirst()).rank() == 4
            && typed.type(n.inputs().getFirst()).dtype() == DType.F32
            ? new String[] {"interpolate_nearest2d", "nearest 2-D interpolation: repeated rows copied, the others gathered through a column table"}
            : new String[] {null, "nearest interpolation that is not 2-D f32"};
        case Linear l -> typed.type(n.inputs().getFirst()).dtype() == DType.F32
            ? new String[] {"linear", "linear " + l.outFeatures() + " features: GEMM on packed weight panels"}
            : new String[] {null, "linear on a non-f32 input"};
        default -> null;
      };
      if (choice != null) layers.put(n.name(), new KernelPlan.Layer(n.name(), choice[0], null, null, null, null, 0, 0, 0, KernelPlan.Affine.NONE, KernelPlan.Affine.NONE, choice[1]));
    }
    return new KernelPlan(layers);
  }

  /** A global average pool, or an adaptive one to size 1. */
  private static String[] globalAvgPool(TensorType x) {
    return x.dtype() == DType.F32 ? new String[] {"global_avg_pool", "global average pool: each plane summed in vector accumulators"}
        : new String[] {null, "global_avg_pool on a non-f32 input"};
  }

  private static String[] convTranspose(ConvTranspose c, TensorType x) {
    if (c.spatialDims() != 2) return new String[] {null, "conv_transpose" + c.spatialDims() + "d has no library kernel"};
    if (x.rank() != 4) return new String[] {null, "unbatched conv_transpose2d input"};
    if (x.dtype() != DType.F32) return new String[] {null, "non-f32 input"};
    for (int d = 0; d < 2; d++) {
      if (c.padding().get(d) > c.dilation().get(d) * (c.kernelSize().get(d) - 1)) return new String[] {null, "padding larger than the kernel's reach"};
    }
    String geometry = c.kernelSize().get(0) + "x" + c.kernelSize().get(1) + " stride " + c.stride().get(0)
        + (c.stride().get(0).equals(c.stride().get(1)) ? "" : "x" + c.stride().get(1)) + (c.groups() > 1 ? " groups " + c.groups() : "");
    boolean subPixel = c.kernelSize().equals(c.stride()) && c.padding().stream().allMatch(p -> p == 0)
        && c.outputPadding().stream().allMatch(p -> p == 0) && c.dilation().stream().allMatch(d -> d == 1) && c.groups() == 1;
    return new String[] {"conv_transpose2d", "transposed " + geometry + " conv: " + (subPixel
        ? "sub-pixel, a 1x1 GEMM to out_channels·kh·kw rows, then interleaved"
        : "implicit GEMM over the zero-upsampled input with flipped weights")};
  }

  private static String[] maxPool(MaxPool m, TensorType x) {
    if (m.spatialDims() != 2) return new String[] {null, "max_pool" + m.spatialDims() + "d has no library kernel"};
    if (x.rank() != 4) return new String[] {null, "unbatched max_pool2d input"};
    if (x.dtype() != DType.F32) return new String[] {null, "non-f32 input"};
    if (m.returnIndices()) return new String[] {null, "max_pool2d returning indices"};
    boolean rows = x.dim(3).isKnown() && dev.tnet.runtime.kernel.PoolKernel.rowsFirst(m.kernelSize().get(0), m.kernelSize().get(1),
        m.stride().get(0), m.stride().get(1), m.dilation().get(0), m.dilation().get(1), m.padding().get(0), m.padding().get(1), x.dim(3).value());
    return new String[] {"max_pool2d", "max pool " + m.kernelSize().get(0) + "x" + m.kernelSize().get(1) + " stride " + m.stride().get(0)
        + (rows ? ": each input row's maxima at stride 2 (deinterleaved in registers), then each output row's of those rows, no copy"
            : ": vectorized along output width over a -inf-padded stride-phase copy")};
  }

  private static String[] conv(Conv c, TensorType x, TensorType y, boolean winograd) {
    if (c.spatialDims() != 2) return new String[] {null, "conv" + c.spatialDims() + "d has no library kernel"};
    if (x.rank() != 4) return new String[] {null, "unbatched conv2d input"};
    if (x.dtype() != DType.F32) return new String[] {null, "non-f32 input"};
    if (c.paddingMode() != Conv.PaddingMode.ZEROS) return new String[] {null, "padding_mode=" + c.paddingMode().pytorchName() + " has no library kernel"};
    String k = c.kernelSize().get(0) + "x" + c.kernelSize().get(1);
    String geometry = k + " stride " + c.stride().get(0) + (c.stride().get(0).equals(c.stride().get(1)) ? "" : "x" + c.stride().get(1))
        + (c.dilation().stream().anyMatch(d -> d != 1) ? " dilation " + c.dilation() : "") + (c.groups() > 1 ? " groups " + c.groups() : "");
    if (c.groups() > 1 && x.dim(1).is(c.groups())) {
      boolean inPlace = dev.tnet.runtime.kernel.DepthwiseKernel.readsInputInPlace(c.kernelSize().get(0), c.kernelSize().get(1),
          c.stride().get(0), c.stride().get(1), c.dilation().get(0), c.dilation().get(1), c.padsPerSide().stream().allMatch(p -> p == 1));
      return new String[] {"depthwise2d", "depthwise " + geometry + ": direct, vectorized along output width"
          + (inPlace ? ", reading the input in place (rows narrower than a vector: a padded copy)" : " over each channel's padded stride-phase copy")};
    }
    boolean plain = c.kernelSize().equals(java.util.List.of(1, 1)) && c.stride().equals(java.util.List.of(1, 1))
        && c.padsPerSide().stream().allMatch(p -> p == 0);
    if (plain) return new String[] {"conv2d", "1x1 conv: GEMM on NCHW (weights · pixels)"};
    boolean known = y.rank() == 4 && y.dim(2).isKnown() && y.dim(3).isKnown() && x.dim(1).isKnown();
    if (winograd && known && c.kernelSize().equals(java.util.List.of(3, 3)) && c.stride().equals(java.util.List.of(1, 1))
        && c.dilation().equals(java.util.List.of(1, 1)) && c.groups() == 1
        && WinogradKernel.worthIt(x.dim(1).intValue(), c.outChannels(), y.dim(2).intValue(), y.dim(3).intValue())) {
      return new String[] {"conv2d_winograd", "3x3 stride 1 conv: Winograd F(2x2,3x3), 16 GEMMs over input channels per block of 16"
          + " 2x2 output tiles, 16 multiply-adds per tile and input channel where direct takes 36"};
    }
    boolean inPlace = dev.tnet.runtime.kernel.Conv2dKernel.tapsInPlace(c.outChannels() / c.groups(), false);
    int kh = c.kernelSize().get(0), kw = c.kernelSize().get(1);
    boolean pixels = known && dev.tnet.runtime.kernel.Conv2dKernel.pixelTiles(x.dim(0).isKnown() ? x.dim(0).value() : 1, c.groups(),
            x.dim(1).intValue() / c.groups() * kh * kw, c.outChannels() / c.groups(), y.dim(2).intValue(), y.dim(3).intValue(), kw,
            c.stride().get(1), c.dilation().get(1));
    int tail = pixels ? dev.tnet.runtime.kernel.Conv2dKernel.lastTilePixelByPixel(y.dim(2).intValue() * y.dim(3).intValue()) : 0;
    return new String[] {"conv2d", geometry + " conv: implicit GEMM reading a padded stride-phase copy of the input"
        + (inPlace ? " (few output channels: the micro-kernel reads the taps in place, no packed B panel)" : "")
        + (pixels ? " (small output plane: tiles of output pixels, their B panels gathered once, not the copy's padded rows"
            + (tail == 1 ? "; the last pixel on its own" : tail > 1 ? "; the last " + tail + " pixels one at a time" : "") + ")" : "")};
  }
}
