package dev.tnet.runtime.kernel;

import static dev.tnet.runtime.kernel.Gemm.MR;
import static dev.tnet.runtime.kernel.Gemm.NR;

import dev.tnet.runtime.model.WorkerPool;

/**
 * {@code y[r, o] = act(sum over k of x[r, k] · W[o, k] + bias[o] + residual[r, o])}: rows of
 * {@code x} are packed {@link Gemm#MR} at a time (A panels), the weights once into B panels of
 * {@link Gemm#NR} output features {@code [K][NR]} (features past the end are zero) with batch norm
 * folded in, then the folded bias. Each tile's K sum runs whole in registers.
 */
public final class LinearKernel {
  private LinearKernel() {}

  public static int packedSize(int k, int n) {
    return (n + NR - 1) / NR * NR * k + n;
  }

  static void pack(int k, int n, float[] w, Fold fold, float[] out) {
    java.util.Arrays.fill(out, 0f);
    for (int o = 0; o < n; o++) {
      int base = (o / NR) * NR * k + o % NR;
      for (int kk = 0; kk < k; kk++) out[base + kk * NR] = fold.weight(o, w[o * k + kk]);
    }
    int biasAt = (n + NR - 1) / NR * NR * k;
    for (int o = 0; o < n; o++) out[biasAt + o] = fold.bias(o);
  }

  public static void run(WorkerPool pool, int rows, int k, int n, float[] x, float[] packed, float[] residual, Epilogue e, float[] y) {
    int tiles = (n + NR - 1) / NR, panels = Gemm.panels(rows), items = tiles * panels;
    WorkerPool.Range body = (lo, hi) -> {
      Scratch scratch = Scratch.get();
      float[] a = scratch.other(k * MR), strip = scratch.strip(MR * NR);
      int packedPanel = -1;
      for (int item = lo; item < hi; item++) {
        int p = item / tiles, t = item % tiles;
        if (p != packedPanel) {
          packRows(x, rows, k, p * MR, a);
          packedPanel = p;
        }
        Gemm.microWide(a, 0, packed, t * NR * k, k, strip, 0, NR, false);
        int biasAt = tiles * NR * k, j0 = t * NR, count = Math.min(NR, n - j0);
        for (int r = 0; r < MR && p * MR + r < rows; r++) {
          int row = p * MR + r;
          storeRow(strip, r * NR, packed, biasAt + j0, residual, y, row * n + j0, count, e);
        }
      }
    };
    if (items == 0) return;
    if (pool == null) body.run(0, items);
    else pool.forRange(items, body);
  }

  /** Rows {@code r0 .. r0+MR} of {@code x [rows, k]} as {@code [k][MR]}, zero past the last row. */
  private static void packRows(float[] x, int rows, int k, int r0, float[] a) {
    for (int r = 0; r < MR; r++) {
      int row = r0 + r;
      if (row < rows) for (int kk = 0; kk < k; kk++) a[kk * MR + r] = x[row * k + kk];
      else for (int kk = 0; kk < k; kk++) a[kk * MR + r] = 0f;
    }
  }

  private static void storeRow(float[] strip, int from, float[] bias, int biasFrom, float[] residual, float[] y, int at, int count,
      Epilogue e) {
    if (residual == null) for (int j = 0; j < count; j++) y[at + j] = strip[from + j] + bias[biasFrom + j];
    else for (int j = 0; j < count; j++) y[at + j] = strip[from + j] + bias[biasFrom + j] + residual[at + j];
    e.apply(y, at, count);
  }
}
