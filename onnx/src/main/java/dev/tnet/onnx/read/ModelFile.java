package dev.tnet.onnx.read;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.tnet.runtime.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads an {@code .onnx} file into a {@link ModelProto}. A missing, unreadable, truncated or
 * non-ONNX file is a {@link UserException} naming the path and the problem.
 */
public final class ModelFile {
  private ModelFile() {}

  public static ModelProto read(Path path) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new UserException(path + ": no such file");
    } catch (IOException e) {
      throw new UserException(path + ": cannot read: " + e.getMessage());
    }
    return parse(path.toString(), bytes);
  }

  /** Parses the bytes of a model; {@code name} is used in messages. */
  public static ModelProto parse(String name, byte[] bytes) {
    if (bytes.length == 0) throw new UserException(name + ": not a valid ONNX model (the file is empty)");
    ModelProto m;
    try {
      CodedInputStream in = CodedInputStream.newInstance(bytes);
      in.setRecursionLimit(1000);
      in.setSizeLimit(Integer.MAX_VALUE);
      m = ModelProto.parseFrom(in);
    } catch (InvalidProtocolBufferException e) {
      throw new UserException(name + ": not a valid ONNX model (" + describe(e) + ")");
    } catch (IOException e) {
      throw new UserException(name + ": cannot read the ONNX model: " + e.getMessage());
    }
    if (!m.hasGraph() || m.getOpsetImportCount() == 0 && m.getGraph().getNodeCount() == 0) {
      throw new UserException(name + ": not an ONNX model (no graph" + (m.hasGraph() ? " nodes" : "") + " found; is it an ONNX file?)");
    }
    if (!m.getGraph().getUnknownFields().asMap().isEmpty() && m.getGraph().getNodeCount() == 0) {
      throw new UserException(name + ": not an ONNX model (unrecognised content)");
    }
    return m;
  }

  private static String describe(InvalidProtocolBufferException e) {
    String msg = e.getMessage() == null ? "" : e.getMessage();
    if (msg.contains("truncated") || msg.contains("ended unexpectedly")) return "the file is truncated";
    return "it does not parse as an ONNX protobuf: " + msg;
  }
}
