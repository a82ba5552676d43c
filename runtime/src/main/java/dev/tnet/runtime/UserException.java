package dev.tnet.runtime;

/**
 * A problem with what the user gave tnet: a file, a shape, an argument. The message is complete
 * on its own (it says what is wrong and where) and is shown without a stack trace.
 *
 * <p>Anything else thrown inside tnet is a compiler bug; see {@link CompilerBug}.
 */
public class UserException extends RuntimeException {
  public UserException(String message) {
    super(message);
  }

  public UserException(String message, Throwable cause) {
    super(message, cause);
  }
}
