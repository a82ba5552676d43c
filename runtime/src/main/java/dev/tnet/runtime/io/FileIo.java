package dev.tnet.runtime.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/** Opening and atomically writing tensor files, with I/O errors as {@link TensorFileException}. */
final class FileIo {
  /** The most bytes read from a stream: the largest Java array. */
  static final int MAX_STREAM_BYTES = Integer.MAX_VALUE - 8;

  private FileIo() {}

  static ByteSource open(Path path) {
    String name = path.toString();
    if (Files.isDirectory(path)) throw new TensorFileException(name, "is a directory, not a file");
    try {
      FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
      try {
        return new ByteSource.OfFile(name, channel, channel.size());
      } catch (IOException e) {
        channel.close();
        throw e;
      }
    } catch (IOException e) {
      throw TensorFileException.io(name, "cannot open", e);
    }
  }

  /** Reads a whole stream (at most {@link #MAX_STREAM_BYTES}) into memory. */
  static ByteSource read(String name, InputStream in) {
    try {
      byte[] bytes = in.readNBytes(MAX_STREAM_BYTES);
      if (bytes.length == MAX_STREAM_BYTES && in.read() >= 0) {
        throw new TensorFileException(name, "stream is larger than " + MAX_STREAM_BYTES + " bytes; read it from a file instead");
      }
      return new ByteSource.OfArray(name, bytes);
    } catch (IOException e) {
      throw TensorFileException.io(name, "cannot read", e);
    }
  }

  /** The body of a file writer; may throw {@link IOException}. */
  interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code path} via a temporary file in the same directory that is renamed into place, so
   * readers never see a partly written file and a failed write leaves no file behind.
   */
  static void write(Path path, Body body) {
    Path target = path.toAbsolutePath();
    if (Files.isDirectory(target)) throw new TensorFileException(path.toString(), "cannot write: it is a directory");
    if (!Files.isDirectory(target.getParent())) {
      throw new TensorFileException(path.toString(), "cannot write: directory " + target.getParent() + " does not exist");
    }
    Path temp = null;
    try {
      // Not Files.createTempFile: its files are private (0600), and weight files should get the
      // same permissions as any other file the user creates.
      String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong());
      temp = target.resolveSibling("." + target.getFileName() + "." + suffix + ".tmp");
      try (OutputStream out = new BufferedOutputStream(
          Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16)) {
        body.writeTo(out);
      }
      try {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw TensorFileException.io(path.toString(), "cannot write", e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // best effort: the write itself already succeeded or failed with a clear message
        }
      }
    }
  }
}
