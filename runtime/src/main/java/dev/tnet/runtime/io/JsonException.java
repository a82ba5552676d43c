package dev.tnet.runtime.io;

import dev.tnet.runtime.UserException;

/**
 * Text that is not the strict JSON {@link Json#parse} accepts. The message is
 * {@code where + ": " + detail()}, and the detail names the line, column and offset.
 */
public final class JsonException extends UserException {
  private final String detail;
  private final int offset;

  JsonException(String where, String detail, int offset) {
    super(where + ": " + detail);
    this.detail = detail;
    this.offset = offset;
  }

  /** What is wrong and where, without the leading {@code where}. */
  public String detail() {
    return detail;
  }

  /** The offset (in UTF-16 chars) into the text where the problem was found. */
  public int offset() {
    return offset;
  }
}
