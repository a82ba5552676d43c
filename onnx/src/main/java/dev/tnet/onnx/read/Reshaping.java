package dev.tnet.onnx.read;

import dev.tnet.runtime.UserException;
import java.util.Arrays;

/** ONNX {@code Reshape}'s target shape with its {@code 0} (copy the input dim) and {@code -1} (infer) resolved. */
final class Reshaping {
  private Reshaping() {}

  static int[] target(int[] in, long[] shape, boolean allowZero) {
    int[] out = new int[shape.length];
    long known = 1, total = 1;
    int infer = -1;
    for (int d : in) total *= d;
    for (int i = 0; i < shape.length; i++) {
      long d = shape[i];
      if (d == 0 && !allowZero) {
        if (i >= in.length) throw new UserException("Reshape copies dim " + i + " of an input of rank " + in.length);
        d = in[i];
      }
      if (d == -1) {
        if (infer >= 0) throw new UserException("Reshape to " + Arrays.toString(shape) + " has two -1 dims");
        infer = i;
        continue;
      }
      out[i] = Math.toIntExact(d);
      known *= d;
    }
    if (infer >= 0) {
      if (known == 0 || total % known != 0) {
        throw new UserException("cannot reshape " + Arrays.toString(in) + " to " + Arrays.toString(shape));
      }
      out[infer] = Math.toIntExact(total / known);
    } else if (known != total) {
      throw new UserException("cannot reshape " + Arrays.toString(in) + " (" + total + " values) to " + Arrays.toString(shape));
    }
    return out;
  }
}
