package dev.tnet.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tnet.runtime.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** I/O failures are TensorFileExceptions naming the path, never raw java.io exceptions. */
class FileErrorsTest {
  @TempDir Path dir;

  private static TensorFileException fail(Executable read) {
    return assertThrows(TensorFileException.class, read);
  }

  @Test
  void missingFiles() {
    Path missing = dir.resolve("missing.npy");
    TensorFileException e = fail(() -> Npy.read(missing));
    assertEquals(missing + ": cannot open: no such file or directory", e.getMessage());
    assertEquals(missing.toString(), e.file());
    assertInstanceOf(NoSuchFileException.class, e.getCause());
    Path st = dir.resolve("missing.safetensors");
    assertEquals(st + ": cannot open: no such file or directory", fail(() -> Safetensors.read(st)).getMessage());
  }

  @Test
  void directories() {
    assertEquals(dir + ": is a directory, not a file", fail(() -> Npy.read(dir)).getMessage());
    assertEquals(dir + ": is a directory, not a file", fail(() -> Safetensors.readContents(dir)).getMessage());
    assertEquals(dir + ": cannot write: it is a directory", fail(() -> Npy.write(dir, Tensor.scalar(1f))).getMessage());
    assertEquals(dir + ": cannot write: it is a directory", fail(() -> Safetensors.write(dir, Map.of())).getMessage());
  }

  @Test
  void streamFailures() {
    InputStream broken = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("connection reset");
      }
    };
    assertEquals("s.npy: cannot read: connection reset", fail(() -> Npy.read("s.npy", broken)).getMessage());
    assertEquals("s.st: cannot read: connection reset", fail(() -> Safetensors.read("s.st", broken)).getMessage());
  }

  @Test
  void malformedFilesOnDiskAreNamedByTheirPath() throws IOException {
    byte[] npy = Fixtures.resource("f4_2x3.npy");
    Path file = Files.write(dir.resolve("cut.npy"), Arrays.copyOf(npy, npy.length - 8));
    assertEquals(file + ": truncated: a <f4 array of shape (2, 3) needs 24 data bytes, but the file has only 16 after"
        + " the header", fail(() -> Npy.read(file)).getMessage());
    byte[] st = Fixtures.resource("written.safetensors");
    Path cut = Files.write(dir.resolve("cut.safetensors"), Arrays.copyOf(st, 12));
    assertEquals(cut + ": header length 368 runs past the end of the file (12 bytes); the file is truncated or not a"
        + " safetensors file", fail(() -> Safetensors.read(cut)).getMessage());
  }

  @Test
  void filesReadFromDiskEqualTheirImages() throws IOException {
    Path file = Files.write(dir.resolve("mixed.safetensors"), Fixtures.resource("mixed.safetensors"));
    assertEquals(Safetensors.readContents("mixed", Fixtures.resource("mixed.safetensors")), Safetensors.readContents(file));
    Path npy = Files.write(dir.resolve("i4.npy"), Fixtures.resource("i4_4.npy"));
    assertEquals(Npy.read("i4", Fixtures.resource("i4_4.npy")), Npy.read(npy));
  }
}
