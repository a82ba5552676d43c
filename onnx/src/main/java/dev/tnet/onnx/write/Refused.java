package dev.tnet.onnx.write;

/**
 * An op, or an op with these attributes, that ONNX cannot express; {@link OnnxExporter} turns it
 * into a user error naming the node.
 */
final class Refused extends RuntimeException {
  Refused(String reason) {
    super(reason, null, false, false);
  }
}
