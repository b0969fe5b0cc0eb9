package io.github.pveiso;

/**
 * A step was interrupted while it waited (for a thread, a check, a download) and gave up: a runtime
 * failure (exit 1), not a bug. The interrupt flag is set again where it was caught.
 */
public final class InterruptedFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A failure saying what was interrupted, e.g. {@code interrupted while checking x.iso}. */
  public InterruptedFailure(String message, InterruptedException cause) {
    super(message, cause);
  }
}
