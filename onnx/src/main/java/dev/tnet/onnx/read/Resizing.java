package dev.tnet.onnx.read;

import static dev.tnet.onnx.read.Converters.out;
import static dev.tnet.onnx.read.Converters.unsupported;

import ai.onnx.proto.OnnxMl.NodeProto;
import dev.tnet.runtime.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ONNX {@code Resize} (opsets 10 to 21) and {@code Upsample}. When the ONNX semantics are exactly
 * one of PyTorch's {@code interpolate} modes it becomes {@code interpolate} (what a person would
 * write); otherwise tnet's {@code resize}, which implements ONNX's coordinate transformations.
 *
 * <ul>
 *   <li>nearest + asymmetric + floor, integer factors: {@code interpolate(mode='nearest')};
 *   <li>nearest + half_pixel or pytorch_half_pixel + round_prefer_ceil: {@code 'nearest-exact'};
 *   <li>linear + pytorch_half_pixel (or half_pixel with every output size above 1):
 *       {@code 'linear'/'bilinear'/'trilinear'}; linear + align_corners: the same with
 *       {@code align_corners=True};
 *   <li>cubic with a = -0.75, exclude_outside = 0, on 2 spatial dims, with those coordinate modes:
 *       {@code 'bicubic'}.
 * </ul>
 *
 * Non-integer nearest factors go to {@code resize}, because PyTorch multiplies by {@code 1/scale}
 * where ONNX divides by {@code scale}, and a floor can differ at exact multiples.
 */
final class Resizing {
  private Resizing() {}

  static void register(Map<String, Converters.Converter> r) {
    r.put("Resize", Resizing::resize);
    r.put("Upsample", Resizing::resize);
  }

  private static void resize(ImportContext c, NodeProto n, Attributes a) {
    String x = c.tensor(n.getInput(0));
    int[] in = Converters.shape(c, x);
    int spatial = in.length - 2;
    if (spatial < 1 || spatial > 3) throw unsupported(n, "resizing a rank-" + in.length + " tensor (tnet resizes [N, C, *spatial] with 1 to 3 spatial dims)");
    boolean upsample = n.getOpType().equals("Upsample");
    boolean legacy = upsample || c.opset < 11;
    if (a.getInt("antialias", 0) != 0) throw unsupported(n, "antialias=1");
    if (!a.getString("keep_aspect_ratio_policy", "stretch").equals("stretch")) throw unsupported(n, "keep_aspect_ratio_policy");

    double[] scales = null;
    int[] sizes = null;
    if (upsample && c.opset < 9) {
      float[] f = a.getFloats("scales");
      scales = new double[f.length];
      for (int i = 0; i < f.length; i++) scales[i] = f[i];
    } else {
      int scalesInput = legacy ? 1 : 2;
      Tensor s = Converters.hasInput(n, scalesInput) ? c.constant(n.getInput(scalesInput)) : null;
      Tensor z = !legacy && Converters.hasInput(n, 3) ? c.constant(n.getInput(3)) : null;
      if (s != null && s.size() > 0) {
        scales = new double[s.size()];
        for (int i = 0; i < scales.length; i++) scales[i] = s.floats()[i];
      } else if (z != null && z.size() > 0) {
        sizes = new int[z.size()];
        for (int i = 0; i < sizes.length; i++) sizes[i] = Math.toIntExact(z.longs()[i]);
      } else {
        throw unsupported(n, "the scales or sizes must be constants known at import time");
      }
    }
    if (a.has("axes")) { // scales or sizes of the listed axes only: the others keep their size
      long[] axes = a.getInts("axes");
      int given = scales != null ? scales.length : sizes.length;
      if (axes.length != given) throw unsupported(n, given + " scales or sizes for " + axes.length + " axes");
      double[] allScales = scales == null ? null : new double[in.length];
      int[] allSizes = sizes == null ? null : in.clone();
      if (allScales != null) Arrays.fill(allScales, 1);
      for (int i = 0; i < axes.length; i++) {
        int axis = (int) (axes[i] < 0 ? axes[i] + in.length : axes[i]);
        if (axis < 0 || axis >= in.length) throw unsupported(n, "axis " + axes[i] + " of a rank-" + in.length + " input");
        if (allScales != null) allScales[axis] = scales[i];
        else allSizes[axis] = sizes[i];
      }
      scales = allScales;
      sizes = allSizes;
    }
    int count = scales != null ? scales.length : sizes.length;
    if (count != in.length) throw unsupported(n, "scales or sizes of length " + count + " for a rank-" + in.length + " input");
    for (int d = 0; d < 2; d++) {
      boolean keeps = scales != null ? scales[d] == 1 : sizes[d] == in[d];
      if (!keeps) throw unsupported(n, "resizing the batch or channel dim");
    }

    String mode = a.getString("mode", "nearest");
    if (mode.equals("bilinear") || mode.equals("trilinear")) mode = "linear";
    String coord = legacy ? "asymmetric" : a.getString("coordinate_transformation_mode", "half_pixel");
    String nearest = a.getString("nearest_mode", "round_prefer_floor");
    if (legacy) nearest = legacyNearestMode(n, scales);
    double cubicA = a.getFloat("cubic_coeff_a", -0.75f);
    boolean exclude = a.getInt("exclude_outside", 0) != 0;

    List<Double> spatialScales = new ArrayList<>();
    List<Integer> spatialSizes = new ArrayList<>();
    List<Integer> outSizes = new ArrayList<>();
    boolean integerScales = true;
    for (int d = 2; d < in.length; d++) {
      if (scales != null) {
        float s = (float) scales[d];
        spatialScales.add(Converters.num(s));
        integerScales &= s >= 1 && s == Math.rint(s);
        outSizes.add((int) Math.floor(in[d] * s));
      } else {
        spatialSizes.add(sizes[d]);
        integerScales &= sizes[d] % in[d] == 0;
        outSizes.add(sizes[d]);
      }
    }
    boolean allAboveOne = outSizes.stream().allMatch(o -> o > 1);
    boolean halfPixel = coord.equals("pytorch_half_pixel") || coord.equals("half_pixel") && allAboveOne;
    String torchMode = null;
    Boolean alignCorners = null;
    switch (mode) {
      case "nearest" -> {
        if (coord.equals("asymmetric") && nearest.equals("floor") && integerScales) torchMode = "nearest";
        else if (halfPixel && nearest.equals("round_prefer_ceil") && integerScales) torchMode = "nearest-exact";
      }
      case "linear" -> {
        if (halfPixel || coord.equals("align_corners")) {
          torchMode = spatial == 1 ? "linear" : spatial == 2 ? "bilinear" : "trilinear";
          alignCorners = coord.equals("align_corners");
        }
      }
      case "cubic" -> {
        if (spatial == 2 && cubicA == -0.75 && !exclude && (halfPixel || coord.equals("align_corners"))) {
          torchMode = "bicubic";
          alignCorners = coord.equals("align_corners");
        }
      }
      default -> throw unsupported(n, "mode='" + mode + "'");
    }
    Map<String, Object> args = new LinkedHashMap<>();
    if (torchMode != null) {
      if (scales != null) args.put("scale_factor", same(spatialScales) ? spatialScales.get(0) : spatialScales);
      else args.put("size", same(spatialSizes) ? spatialSizes.get(0) : spatialSizes);
      args.put("mode", torchMode);
      if (alignCorners != null) args.put("align_corners", alignCorners);
      out(c, n, c.op(n, "interpolate", args, x));
      return;
    }
    if (coord.equals("tf_crop_and_resize")) throw unsupported(n, "coordinate_transformation_mode='tf_crop_and_resize'");
    if (scales != null) args.put("scales", spatialScales);
    else args.put("size", spatialSizes);
    args.put("mode", mode);
    args.put("coordinate_transformation_mode", coord);
    args.put("nearest_mode", nearest);
    args.put("cubic_coeff_a", Converters.num((float) cubicA));
    args.put("exclude_outside", exclude);
    out(c, n, c.op(n, "resize", args, x));
  }

  /**
   * Upsample and opset-10 Resize round nearest coordinates as ONNX Runtime's "simple" mode: down
   * (a cast) when upsampling, up when downsampling.
   */
  private static String legacyNearestMode(NodeProto n, double[] scales) {
    if (scales == null) return "floor";
    boolean up = true, down = true;
    for (int i = 2; i < scales.length; i++) {
      up &= scales[i] >= 1;
      down &= scales[i] < 1;
    }
    if (up) return "floor";
    if (down) return "ceil";
    throw unsupported(n, "an opset-10 nearest resize that enlarges some dims and shrinks others");
  }

  private static <T> boolean same(List<T> v) {
    return v.stream().distinct().count() == 1;
  }
}
