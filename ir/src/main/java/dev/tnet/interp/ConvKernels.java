package dev.tnet.interp;

import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.op.Conv;
import dev.tnet.ir.op.ConvTranspose;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import java.util.List;

/**
 * Reference kernels of {@link Conv} and {@link ConvTranspose}, on the three-dim {@link SpatialGrid}
 * view. Weights are {@code [out, in/groups, kd, kh, kw]} (conv) and {@code [in, out/groups, kd, kh,
 * kw]} (transposed); a 1d or 2d kernel lifts to size-1 leading dims without changing the layout.
 */
final class ConvKernels {
  private ConvKernels() {}

  /** Output sizes from the op's own shape inference. */
  private static Shape outputShape(dev.tnet.ir.op.Op op, Tensor x) {
    return op.infer(List.of(TensorType.of(x.dtype(), x.shape()))).get(0).shape();
  }

  static Tensor conv(Conv op, Tensor x, Tensor weight, Tensor bias) {
    int dims = op.spatialDims();
    SpatialGrid in = SpatialGrid.of(x.shape(), dims);
    Shape outShape = outputShape(op, x);
    SpatialGrid out = SpatialGrid.of(outShape, dims);
    int[] k = SpatialGrid.lift(op.kernelSize(), 1), s = SpatialGrid.lift(op.stride(), 1);
    int[] dil = SpatialGrid.lift(op.dilation(), 1), pad = SpatialGrid.liftSide(op.padsPerSide(), 0);
    Padding mode = Padding.of(op.paddingMode().pytorchName());
    int inPerGroup = in.channels / op.groups(), outPerGroup = out.channels / op.groups();
    float[] xs = x.floats(), ws = weight.floats(), y = new float[outShape.size()];
    int taps = k[0] * k[1] * k[2];
    for (int n = 0; n < out.batch; n++) {
      for (int oc = 0; oc < out.channels; oc++) {
        int group = oc / outPerGroup;
        int yPlane = (n * out.channels + oc) * out.planeSize();
        for (int od = 0; od < out.size[0]; od++) {
          for (int oh = 0; oh < out.size[1]; oh++) {
            for (int ow = 0; ow < out.size[2]; ow++) {
              double acc = bias == null ? 0 : bias.floats()[oc];
              for (int ci = 0; ci < inPerGroup; ci++) {
                int xPlane = (n * in.channels + group * inPerGroup + ci) * in.planeSize();
                int wBase = (oc * inPerGroup + ci) * taps;
                for (int kd = 0; kd < k[0]; kd++) {
                  int sd = mode.source(od * s[0] - pad[0] + kd * dil[0], in.size[0]);
                  if (sd < 0) continue;
                  for (int kh = 0; kh < k[1]; kh++) {
                    int sh = mode.source(oh * s[1] - pad[1] + kh * dil[1], in.size[1]);
                    if (sh < 0) continue;
                    for (int kw = 0; kw < k[2]; kw++) {
                      int sw = mode.source(ow * s[2] - pad[2] + kw * dil[2], in.size[2]);
                      if (sw < 0) continue;
                      acc += (double) xs[xPlane + in.at(sd, sh, sw)] * ws[wBase + (kd * k[1] + kh) * k[2] + kw];
                    }
                  }
                }
              }
              y[yPlane + out.at(od, oh, ow)] = (float) acc;
            }
          }
        }
      }
    }
    return Tensor.of(outShape, y);
  }

  /** Scatters every input element through the kernel into a double accumulator, then adds the bias. */
  static Tensor convTranspose(ConvTranspose op, Tensor x, Tensor weight, Tensor bias) {
    int dims = op.spatialDims();
    SpatialGrid in = SpatialGrid.of(x.shape(), dims);
    Shape outShape = outputShape(op, x);
    SpatialGrid out = SpatialGrid.of(outShape, dims);
    int[] k = SpatialGrid.lift(op.kernelSize(), 1), s = SpatialGrid.lift(op.stride(), 1);
    int[] dil = SpatialGrid.lift(op.dilation(), 1), pad = SpatialGrid.lift(op.padding(), 0);
    int inPerGroup = in.channels / op.groups(), outPerGroup = out.channels / op.groups();
    float[] xs = x.floats(), ws = weight.floats();
    double[] acc = new double[outShape.size()];
    int taps = k[0] * k[1] * k[2];
    for (int n = 0; n < in.batch; n++) {
      for (int ic = 0; ic < in.channels; ic++) {
        int group = ic / inPerGroup;
        int xPlane = (n * in.channels + ic) * in.planeSize();
        for (int id = 0; id < in.size[0]; id++) {
          for (int ih = 0; ih < in.size[1]; ih++) {
            for (int iw = 0; iw < in.size[2]; iw++) {
              double v = xs[xPlane + in.at(id, ih, iw)];
              for (int co = 0; co < outPerGroup; co++) {
                int yPlane = (n * out.channels + group * outPerGroup + co) * out.planeSize();
                int wBase = (ic * outPerGroup + co) * taps;
                for (int kd = 0; kd < k[0]; kd++) {
                  int od = id * s[0] - pad[0] + kd * dil[0];
                  if (od < 0 || od >= out.size[0]) continue;
                  for (int kh = 0; kh < k[1]; kh++) {
                    int oh = ih * s[1] - pad[1] + kh * dil[1];
                    if (oh < 0 || oh >= out.size[1]) continue;
                    for (int kw = 0; kw < k[2]; kw++) {
                      int ow = iw * s[2] - pad[2] + kw * dil[2];
                      if (ow < 0 || ow >= out.size[2]) continue;
                      acc[yPlane + out.at(od, oh, ow)] += v * ws[wBase + (kd * k[1] + kh) * k[2] + kw];
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    float[] y = new float[acc.length];
    for (int i = 0; i < y.length; i++) {
      int oc = (i / out.planeSize()) % out.channels;
      y[i] = (float) (acc[i] + (bias == null ? 0 : bias.floats()[oc]));
    }
    return Tensor.of(outShape, y);
  }
}
