package dev.tnet.bench;

/**
 * One network at one thread count: both engines' run times (first run included), tnet's compile
 * time, ONNX Runtime's session creation time, the FLOPs of the network, the FMA peak of that many
 * threads, and how far tnet's output is from ONNX Runtime's (max |difference| / max |ORT value|).
 */
record NetResult(String network, String label, int threads, double flops, double peakGflops, Series tnet, Series ort,
    double compileSeconds, double sessionSeconds, double relativeDiff) {
  double ratio() {
    return tnet.median() / ort.median();
  }

  /**
   * The median over the timed runs of each tnet run's time over the ONNX Runtime run that
   * followed it: the engines alternate run by run, so the two runs of a pair share the host's
   * state of the moment (a complement to {@link #ratio}, the ratio of the medians).
   */
  double pairedRatio() {
    int n = tnet.runs(), timed = Math.min(tnet.timed(), Math.min(n, ort.runs()));
    double[] r = new double[timed];
    for (int i = 0; i < timed; i++) r[i] = tnet.ms()[n - timed + i] / ort.ms()[ort.runs() - timed + i];
    return Series.median(r);
  }

  double tnetGflops() {
    return flops / tnet.median() / 1e6;
  }

  double ortGflops() {
    return flops / ort.median() / 1e6;
  }
}
