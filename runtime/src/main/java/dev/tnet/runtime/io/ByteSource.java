package dev.tnet.runtime.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Random-access bytes of a named file or in-memory image. Readers check positions against
 * {@link #size()} before reading, so running out of bytes means the file changed under us.
 * {@link #readFully} never throws anything but {@link TensorFileException}.
 */
sealed interface ByteSource extends AutoCloseable {
  /** The name used in error messages. */
  String name();

  long size();

  /** Fills {@code dst}'s remaining bytes from {@code position} onwards. */
  void readFully(long position, ByteBuffer dst);

  @Override
  void close();

  /** A byte array (not copied). */
  record OfArray(String name, byte[] bytes) implements ByteSource {
    public long size() {
      return bytes.length;
    }

    public void readFully(long position, ByteBuffer dst) {
      if (position < 0 || position > bytes.length - dst.remaining()) {
        throw new TensorFileException(name, "unexpected end of data at byte " + position);
      }
      dst.put(bytes, (int) position, dst.remaining());
    }

    public void close() {}
  }

  /** An open file; {@code size} is taken when it is opened. */
  record OfFile(String name, FileChannel channel, long size) implements ByteSource {
    public void readFully(long position, ByteBuffer dst) {
      try {
        long at = position;
        while (dst.hasRemaining()) {
          int n = channel.read(dst, at);
          if (n < 0) throw new TensorFileException(name, "unexpected end of file at byte " + at + " (was the file modified while being read?)");
          at += n;
        }
      } catch (IOException e) {
        throw TensorFileException.io(name, "cannot read", e);
      }
    }

    public void close() {
      try {
        channel.close();
      } catch (IOException ignored) {
        // closing a file opened for reading loses nothing
      }
    }
  }
}
