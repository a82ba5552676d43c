package dev.tnet.interp;

import dev.tnet.ir.op.BatchNorm;
import dev.tnet.ir.op.InstanceNorm;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Reference kernels of the channel norms that may keep running statistics: {@link BatchNorm} and
 * {@link InstanceNorm}. An {@code (N, C, *spatial)} input is viewed as {@code [N][C][inner]}.
 * Statistics are two-pass (mean, then mean squared deviation) in double.
 */
final class NormKernels {
  private NormKernels() {}

  /** The params of a channel norm, split by role; absent ones are null. */
  private record ChannelParams(float[] weight, float[] bias, float[] runningMean, float[] runningVar,
      long numBatchesTracked) {
    static ChannelParams of(boolean affine, boolean track, List<Tensor> p) {
      int i = 0;
      float[] w = null, b = null, rm = null, rv = null;
      long nbt = 0;
      if (affine) {
        w = p.get(i++).floats();
        b = p.get(i++).floats();
      }
      if (track) {
        rm = p.get(i++).floats();
        rv = p.get(i++).floats();
        nbt = p.get(i).longs()[0];
      }
      return new ChannelParams(w, b, rm, rv, nbt);
    }

    double scale(int c) {
      return weight == null ? 1 : weight[c];
    }

    double shift(int c) {
      return bias == null ? 0 : bias[c];
    }
  }

  static List<Tensor> batchNorm(BatchNorm op, Tensor x, List<Tensor> params) {
    ChannelParams p = ChannelParams.of(op.affine(), op.trackRunningStats(), params);
    int n = x.shape().dim(0), c = x.shape().dim(1), inner = x.strides()[1];
    float[] xs = x.floats(), y = new float[xs.length];
    double[] mean = new double[c], var = new double[c];
    for (int ch = 0; ch < c; ch++) {
      if (op.usesBatchStats()) {
        double sum = 0;
        for (int b = 0; b < n; b++) {
          for (int i = 0; i < inner; i++) sum += xs[(b * c + ch) * inner + i];
        }
        mean[ch] = sum / ((double) n * inner);
        double sq = 0;
        for (int b = 0; b < n; b++) {
          for (int i = 0; i < inner; i++) {
            double d = xs[(b * c + ch) * inner + i] - mean[ch];
            sq += d * d;
          }
        }
        var[ch] = sq / ((double) n * inner);
      } else {
        mean[ch] = p.runningMean()[ch];
        var[ch] = p.runningVar()[ch];
      }
      double invStd = 1 / Math.sqrt(var[ch] + op.eps());
      for (int b = 0; b < n; b++) {
        for (int i = 0; i < inner; i++) {
          int k = (b * c + ch) * inner + i;
          y[k] = (float) ((xs[k] - mean[ch]) * invStd * p.scale(ch) + p.shift(ch));
        }
      }
    }
    List<Tensor> out = new ArrayList<>(List.of(Tensor.of(x.shape(), y)));
    if (op.updatesRunningStats()) {
      double count = (double) n * inner;
      double f = op.momentum().orElse(1.0 / (p.numBatchesTracked() + 1));
      double[] unbiased = new double[c];
      for (int ch = 0; ch < c; ch++) unbiased[ch] = var[ch] * count / (count - 1);
      out.add(blend(p.runningMean(), mean, f));
      out.add(blend(p.runningVar(), unbiased, f));
    }
    return out;
  }

  static List<Tensor> instanceNorm(InstanceNorm op, Tensor x, List<Tensor> params) {
    ChannelParams p = ChannelParams.of(op.affine(), op.trackRunningStats(), params);
    int n = x.shape().dim(0), c = x.shape().dim(1), inner = x.strides()[1];
    float[] xs = x.floats(), y = new float[xs.length];
    double[] meanOfMeans = new double[c], meanOfVars = new double[c];
    for (int b = 0; b < n; b++) {
      for (int ch = 0; ch < c; ch++) {
        int base = (b * c + ch) * inner;
        double mean, var;
        if (op.usesInstanceStats()) {
          double sum = 0;
          for (int i = 0; i < inner; i++) sum += xs[base + i];
          mean = sum / inner;
          double sq = 0;
          for (int i = 0; i < inner; i++) sq += (xs[base + i] - mean) * (xs[base + i] - mean);
          var = sq / inner;
          meanOfMeans[ch] += mean / n;
          meanOfVars[ch] += sq / (inner - 1) / n;
        } else {
          mean = p.runningMean()[ch];
          var = p.runningVar()[ch];
        }
        double invStd = 1 / Math.sqrt(var + op.eps());
        for (int i = 0; i < inner; i++) {
          y[base + i] = (float) ((xs[base + i] - mean) * invStd * p.scale(ch) + p.shift(ch));
        }
      }
    }
    List<Tensor> out = new ArrayList<>(List.of(Tensor.of(x.shape(), y)));
    if (op.updatesRunningStats()) {
      out.add(blend(p.runningMean(), meanOfMeans, op.momentum()));
      out.add(blend(p.runningVar(), meanOfVars, op.momentum()));
    }
    return out;
  }

  /** {@code (1 - f) * running + f * stat}, the running-statistics update. */
  private static Tensor blend(float[] running, double[] stat, double f) {
    float[] r = new float[running.length];
    for (int i = 0; i < r.length; i++) r[i] = (float) ((1 - f) * running[i] + f * stat[i]);
    return Tensor.of(Shape.of(r.length), r);
  }
}
