package io.github.pveiso;

/**
 * The user's configuration, arguments or input files are wrong (exit code 2).
 *
 * <p>The message is one line that names the thing, the bad value, where it came from and what is
 * allowed.
 */
public class InvalidInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a one-line message. */
  public InvalidInputException(String message) {
    super(message);
  }

  /** Creates the exception with a one-line message and the cause. */
  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
