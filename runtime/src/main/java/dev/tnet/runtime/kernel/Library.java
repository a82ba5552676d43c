package dev.tnet.runtime.kernel;

import dev.tnet.runtime.model.WorkerPool;
import java.util.List;

/**
 * The kernels loop IR can call by name ({@code Stmt.Library}), with one calling convention:
 * {@code call(name, pool, reads, out, ints, floats)}. A {@code *.pack} kernel reads only weights
 * and writes a packed buffer of {@link #outSize} floats (backends may run it once, when the model
 * is loaded); the compute kernels read the activation, the packed buffer and an optional
 * residual.
 *
 * <ul>
 *   <li>{@code conv2d.pack}, {@code depthwise2d.pack} (and {@code conv2d_winograd.pack}): ints = {@link ConvShape} ({@value
 *       ConvShape#INTS}), hasBias, bn (0 none, 1 running stats, 2 stats and affine); floats =
 *       eps; reads = weight, [bias], [gamma, beta], [mean, var].
 *   <li>{@code conv2d}, {@code depthwise2d}: ints = ConvShape, activation, hasResidual; floats =
 *       the {@link Epilogue}'s a, b, s1, t1, s2, t2; reads = x, packed, [residual].
 *   <li>{@code conv2d_winograd.pack}, {@code conv2d_winograd}: as conv2d, for the 3×3, stride-1,
 *       undilated, ungrouped convolutions {@link WinogradKernel} computes.
 *   <li>{@code conv_transpose2d.pack}, {@code conv_transpose2d}: as conv2d, with the ConvShape of
 *       the equivalent stride-1 convolution over the zero-upsampled input (see {@link
 *       ConvTransposeKernel}); both kernels' ints end with the transposed stride {@code sh, sw};
 *       the weight is {@code [c, m/groups, kh, kw]}.
 *   <li>{@code linear.pack}: ints = rows, k, n, hasBias, bn; floats = eps; reads as above.
 *   <li>{@code linear}: ints = rows, k, n, activation, hasResidual; floats as conv2d's; reads = x
 *       {@code [rows, k]}, packed, [residual {@code [rows, n]}].
 *   <li>{@code max_pool2d}: ints = ConvShape with {@code m = c = groups}; no floats; reads = x
 *       (see {@link PoolKernel}).
 *   <li>{@code global_avg_pool}: ints = planes, plane size; no floats; reads = x; writes each
 *       plane's mean.
 *   <li>{@code interpolate_nearest2d}: ints = planes, h, w, oh, ow; floats = the float32 scales of
 *       rows and columns; reads = x.
 * </ul>
 */
public final class Library {
  public static final List<String> NAMES = List.of("conv2d.pack", "conv2d", "conv2d_winograd.pack", "conv2d_winograd", "depthwise2d.pack",
      "depthwise2d", "conv_transpose2d.pack", "conv_transpose2d", "linear.pack", "linear", "max_pool2d", "global_avg_pool",
      "interpolate_nearest2d");

  private Library() {}

  /**
   * Calls of fewer multiply-adds than this run serially: handing chunks to the pool and waiting
   * for them costs tens of microseconds, more than a small layer takes. Results do not depend on
   * it (no kernel's sums depend on how its work is split).
   */
  static final long SERIAL_BELOW = Long.getLong("tnet.serialBelow", 1L << 19);

  /** A depthwise channel's fixed cost in {@link #macs}, as multiply-adds at the rate of large planes (0.2 ns each). */
  static final long DEPTHWISE_CHANNEL_MACS = 1024;

  /** Runs kernel {@code name}; {@code pool} may be null (serial). */
  public static void call(String name, WorkerPool pool, float[][] reads, float[] out, int[] ints, float[] floats) {
    if (pool != null && !name.endsWith(".pack") && macs(name, ints) < SERIAL_BELOW) pool = null;
    switch (name) {
      case "conv2d.pack", "conv2d_winograd.pack", "depthwise2d.pack", "conv_transpose2d.pack" -> {
        ConvShape s = ConvShape.of(ints);
        Fold fold = Fold.of(s.m(), reads, 1, ints[ConvShape.INTS] != 0, ints[ConvShape.INTS + 1], floats[0]);
        if (name.startsWith("conv_transpose")) ConvTransposeKernel.pack(s, ints[ConvShape.INTS + 2], ints[ConvShape.INTS + 3], reads[0], fold, out);
        else if (name.startsWith("conv2d_winograd")) WinogradKernel.pack(s, reads[0], fold, out);
        else if (name.startsWith("conv")) Conv2dKernel.pack(s, reads[0], fold, out);
        else DepthwiseKernel.pack(s, reads[0], fold, out);
      }
      case "conv_transpose2d" -> ConvTransposeKernel.run(pool, ConvShape.of(ints), ints[ConvShape.INTS + 2], ints[ConvShape.INTS + 3],
          reads[0], reads[1], ints[ConvShape.INTS + 1] != 0 ? reads[2] : null, epilogue(ints[ConvShape.INTS], floats), out);
      case "conv2d", "conv2d_winograd", "depthwise2d" -> {
        ConvShape s = ConvShape.of(ints);
        Epilogue e = epilogue(ints[ConvShape.INTS], floats);
        float[] residual = ints[ConvShape.INTS + 1] != 0 ? reads[2] : null;
        if (name.equals("conv2d")) Conv2dKernel.run(pool, s, reads[0], reads[1], residual, e, out);
        else if (name.equals("conv2d_winograd")) WinogradKernel.run(pool, s, reads[0], reads[1], residual, e, out);
        else DepthwiseKernel.run(pool, s, reads[0], reads[1], residual, e, out);
      }
      case "linear.pack" -> LinearKernel.pack(ints[1], ints[2], reads[0], Fold.of(ints[2], reads, 1, ints[3] != 0, ints[4], floats[0]), out);
      case "linear" -> LinearKernel.run(pool, ints[0], ints[1], ints[2], reads[0], reads[1], ints[4] != 0 ? reads[2] : null,
          epilogue(ints[3], floats), out);
      case "max_pool2d" -> PoolKernel.max2d(pool, ConvShape.of(ints), reads[0], out);
      case "global_avg_pool" -> PoolKernel.globalAvg(pool, ints[0], ints[1], reads[0], out);
      case "interpolate_nearest2d" -> PoolKernel.nearest2d(pool, ints[0], ints[1], ints[2], ints[3], ints[4], floats[0], floats[1], reads[0], out);
      default -> throw new IllegalArgumentException("no library kernel " + name);
    }
  }

  /** About how many multiply-adds compute kernel {@code name} does. */
  private static long macs(String name, int[] ints) {
    return switch (name) {
      case "conv2d", "conv2d_winograd", "conv_transpose2d" -> (long) ConvShape.of(ints).outputSize() * ConvShape.of(ints).k();
      // A depthwise channel also costs a fixed amount (its padded copy, its rows' ends), which on
      // small planes outweighs its multiply-adds: MobileNetV2's 7×7 layers, 441 multiply-adds a
      // channel, take 0.25 ms for 960 channels, 0.23 µs a channel more than the rate of its large
      // planes gives; counted, they run in parallel (0.25 -> 0.15 ms at 2 threads).
      case "depthwise2d" -> (long) ConvShape.of(ints).outputSize() * ints[7] * ints[8]
          + (long) ConvShape.of(ints).n() * ConvShape.of(ints).m() * DEPTHWISE_CHANNEL_MACS;
      case "max_pool2d" -> (long) ConvShape.of(ints).outputSize() * ints[7] * ints[8];
      // A linear layer over few rows reads each weight from memory for a multiply-add or two (ResNet-18's
      // fc: 2 MB for 512K, 0.2 ms alone): count its weights' bytes, not its multiply-adds.
      case "linear" -> (long) Math.max(ints[0], 4) * ints[1] * ints[2];
      case "global_avg_pool" -> (long) ints[0] * ints[1];
      case "interpolate_nearest2d" -> (long) ints[0] * ints[3] * ints[4];
      default -> Long.MAX_VALUE;
    };
  }

  /** The number of floats kernel {@code name} writes, for these ints. */
  public static int outSize(String name, int[] ints) {
    return switch (name) {
      case "conv2d.pack" -> Conv2dKernel.packedSize(ConvShape.of(ints));
      case "conv2d_winograd.pack" -> WinogradKernel.packedSize(ConvShape.of(ints));
      case "conv_transpose2d.pack" -> ConvTransposeKernel.packedSize(ConvShape.of(ints), ints[ConvShape.INTS + 2], ints[ConvShape.INTS + 3]);
      case "depthwise2d.pack" -> DepthwiseKernel.packedSize(ConvShape.of(ints));
      case "conv2d", "conv2d_winograd", "depthwise2d", "conv_transpose2d", "max_pool2d" -> ConvShape.of(ints).outputSize();
      case "linear.pack" -> LinearKernel.packedSize(ints[1], ints[2]);
      case "linear" -> ints[0] * ints[2];
      case "global_avg_pool" -> ints[0];
      case "interpolate_nearest2d" -> ints[0] * ints[3] * ints[4];
      default -> throw new IllegalArgumentException("no library kernel " + name);
    };
  }

  /**
   * The sizes of the arrays kernel {@code name} reads, in order, for these ints: what a verifier
   * checks the buffers against (the kernel reads nothing else, and nothing past them).
   */
  public static int[] readSizes(String name, int[] ints) {
    return switch (name) {
      case "conv2d.pack", "conv2d_winograd.pack", "depthwise2d.pack", "conv_transpose2d.pack" -> {
        ConvShape s = convShape(name, ints);
        yield weightSizes(s.weightSize(), s.m(), ints[ConvShape.INTS] != 0, ints[ConvShape.INTS + 1]);
      }
      case "conv2d", "conv2d_winograd", "depthwise2d" -> {
        ConvShape s = convShape(name, ints);
        int packed = switch (name) {
          case "conv2d" -> Conv2dKernel.packedSize(s);
          case "conv2d_winograd" -> WinogradKernel.packedSize(s);
          default -> DepthwiseKernel.packedSize(s);
        };
        yield ints[ConvShape.INTS + 1] != 0 ? new int[] {s.inputSize(), packed, s.outputSize()} : new int[] {s.inputSize(), packed};
      }
      case "conv_transpose2d" -> {
        ConvShape s = ConvShape.of(ints);
        int sh = ints[ConvShape.INTS + 2], sw = ints[ConvShape.INTS + 3];
        if (sh < 1 || sw < 1) throw new IllegalArgumentException("bad transposed stride " + sh + "x" + sw);
        int in = s.n() * s.c() * ConvTransposeKernel.inputSize(s.h(), sh) * ConvTransposeKernel.inputSize(s.w(), sw);
        int packed = ConvTransposeKernel.packedSize(s, sh, sw);
        yield ints[ConvShape.INTS + 1] != 0 ? new int[] {in, packed, s.outputSize()} : new int[] {in, packed};
      }
      case "linear.pack" -> weightSizes(ints[1] * ints[2], ints[2], ints[3] != 0, ints[4]);
      case "max_pool2d" -> new int[] {ConvShape.of(ints).inputSize()};
      case "global_avg_pool" -> {
        if (ints[0] < 0 || ints[1] < 1 || (long) ints[0] * ints[1] > Integer.MAX_VALUE) throw new IllegalArgumentException("bad planes " + ints[0] + "x" + ints[1]);
        yield new int[] {ints[0] * ints[1]};
      }
      case "interpolate_nearest2d" -> {
        for (int i : ints) if (i < 1) throw new IllegalArgumentException("bad interpolation " + java.util.Arrays.toString(ints));
        if ((long) ints[0] * ints[1] * ints[2] > Integer.MAX_VALUE) throw new IllegalArgumentException("input too large " + java.util.Arrays.toString(ints));
        yield new int[] {ints[0] * ints[1] * ints[2]};
      }
      case "linear" -> {
        int packed = LinearKernel.packedSize(ints[1], ints[2]);
        yield ints[4] != 0 ? new int[] {ints[0] * ints[1], packed, ints[0] * ints[2]} : new int[] {ints[0] * ints[1], packed};
      }
      default -> throw new IllegalArgumentException("no library kernel " + name);
    };
  }

  /** How many ints and floats kernel {@code name} takes. */
  public static int[] arity(String name) {
    return switch (name) {
      case "conv2d.pack", "conv2d_winograd.pack", "depthwise2d.pack", "conv2d", "conv2d_winograd", "depthwise2d" ->
          new int[] {ConvShape.INTS + 2, name.endsWith("pack") ? 1 : 6};
      case "conv_transpose2d.pack" -> new int[] {ConvShape.INTS + 4, 1};
      case "conv_transpose2d" -> new int[] {ConvShape.INTS + 4, 6};
      case "linear.pack" -> new int[] {5, 1};
      case "linear" -> new int[] {5, 6};
      case "max_pool2d" -> new int[] {ConvShape.INTS, 0};
      case "global_avg_pool" -> new int[] {2, 0};
      case "interpolate_nearest2d" -> new int[] {5, 2};
      default -> throw new IllegalArgumentException("no library kernel " + name);
    };
  }

  /** The epilogue of {@code floats} {@code a, b, s1, t1, s2, t2} (direct callers may pass only {@code a, b}). */
  private static Epilogue epilogue(int activation, float[] f) {
    return f.length < 6 ? new Epilogue(activation, f[0], f[1]) : new Epilogue(activation, f[0], f[1], f[2], f[3], f[4], f[5]);
  }

  /** The shape of a convolution call, checked to be one {@code conv2d_winograd} computes when {@code name} is one of its kernels. */
  private static ConvShape convShape(String name, int[] ints) {
    ConvShape s = ConvShape.of(ints);
    if (name.startsWith("conv2d_winograd") && !WinogradKernel.applies(s)) throw new IllegalArgumentException("not a Winograd convolution " + s);
    return s;
  }

  private static int[] weightSizes(int weight, int channels, boolean hasBias, int bn) {
    int[] sizes = new int[1 + Fold.reads(hasBias, bn)];
    sizes[0] = weight;
    java.util.Arrays.fill(sizes, 1, sizes.length, channels);
    return sizes;
  }
}
