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

  double tnetGflops() {
    return flops / tnet.median() / 1e6;
  }

  double ortGflops() {
    return flops / ort.median() / 1e6;
  }
}
