package io.github.pveiso;

/**
 * Something did not verify: a signature, a checksum, an ISO's structure or boot layout (exit code
 * 3).
 *
 * <p>The message is one line that names the file and the reason.
 */
public class VerificationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a one-line message. */
  public VerificationException(String message) {
    super(message);
  }

  /** Creates the exception with a one-line message and the cause. */
  public VerificationException(String message, Throwable cause) {
    super(message, cause);
  }
}
