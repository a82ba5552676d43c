package dev.tnet.driver.cli;

import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.UserException;

/** Top-1 accuracy of a classifier's scores against integer labels. */
final class Accuracy {
  private Accuracy() {}

  /** {@code "accuracy of logits: 985 / 1000 = 98.50%"}; scores are [K, classes], labels [K]. */
  static String report(String output, Tensor scores, Tensor labels) {
    if (scores == null) throw new UserException("--labels names '" + output + "', which is not an output of the model");
    if (scores.rank() != 2 || labels.rank() != 1 || labels.shape().dim(0) != scores.shape().dim(0)) {
      throw new UserException("--labels " + output + ": expected scores [K, classes] and labels [K], got "
          + scores.shape() + " and " + labels.shape());
    }
    int k = scores.shape().dim(0), classes = scores.shape().dim(1), correct = 0;
    float[] s = scores.floats();
    for (int i = 0; i < k; i++) {
      int best = 0;
      for (int c = 1; c < classes; c++) if (s[i * classes + c] > s[i * classes + best]) best = c;
      long label = labels.dtype() == dev.tnet.runtime.DType.I64 ? labels.longs()[i] : (long) labels.floats()[i];
      if (best == label) correct++;
    }
    return String.format("accuracy of %s: %d / %d = %.2f%%", output, correct, k, k == 0 ? 0.0 : 100.0 * correct / k);
  }
}
