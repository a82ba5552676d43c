package dev.tnet.runtime.io;

import dev.tnet.runtime.UserException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * A tensor file (.npy, .safetensors) that cannot be read or written: it is missing, unreadable or
 * malformed. The message always starts with the file's name, followed by exactly what is wrong.
 */
public final class TensorFileException extends UserException {
  private final String file;

  /** A problem with {@code file}; the message is {@code file + ": " + problem}. */
  public TensorFileException(String file, String problem) {
    super(file + ": " + problem);
    this.file = file;
  }

  public TensorFileException(String file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = file;
  }

  /** The file's name as given to the reader or writer (a path, or a caller-chosen name). */
  public String file() {
    return file;
  }

  /**
   * Describes an I/O failure without Java exception jargon: {@code doing} is what failed, e.g.
   * {@code "cannot read"}.
   */
  static TensorFileException io(String file, String doing, IOException e) {
    String why = switch (e) {
      case NoSuchFileException n -> "no such file or directory";
      case AccessDeniedException a -> "permission denied";
      case FileSystemException f when f.getReason() != null -> f.getReason();
      default -> e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    };
    return new TensorFileException(file, doing + ": " + why, e);
  }
}
