package dev.tnet.bench;

import java.util.Arrays;

/**
 * The times of consecutive runs, first run included. The median is taken over the last
 * {@code timed} runs (after warm-up); the run that reached steady state is the first whose time is
 * within 10% of that median.
 */
record Series(double[] ms, int timed) {
  static Series of(java.util.List<Double> ms, int timed) {
    return new Series(ms.stream().mapToDouble(Double::doubleValue).toArray(), timed);
  }

  int runs() {
    return ms.length;
  }

  double median() {
    return median(Arrays.copyOfRange(ms, ms.length - timed, ms.length));
  }

  /** The median of {@code values} (the mean of the middle two for an even count; NaN if none), sorting them in place. */
  static double median(double[] values) {
    Arrays.sort(values);
    int n = values.length;
    return n == 0 ? Double.NaN : n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }

  /** 1-based index of the first run within 10% of the median. */
  int steadyRun() {
    double limit = 1.10 * median();
    for (int i = 0; i < ms.length; i++) if (ms[i] <= limit) return i + 1;
    return ms.length;
  }

  double first() {
    return ms[0];
  }
}
