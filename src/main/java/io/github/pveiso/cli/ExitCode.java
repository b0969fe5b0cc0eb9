package io.github.pveiso.cli;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.VerificationException;
import java.io.IOException;
import java.io.UncheckedIOException;

/** pveiso's exit codes; the README's table lists the same. */
public enum ExitCode {
  OK(0, "success"),
  FAILURE(1, "runtime, I/O or network failure"),
  INVALID_INPUT(2, "usage or configuration error"),
  VERIFICATION_FAILED(3, "verification failed (checksum, signature, boot layout, invalid ISO)"),
  INTERNAL_ERROR(4, "internal error (a bug in pveiso: please report it)"),
  INTERRUPTED(130, "interrupted by SIGINT (Ctrl-C): stopped, its temporary files removed"),
  TERMINATED(143, "stopped by SIGTERM: likewise");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  /** The numeric process exit code. */
  public int code() {
    return code;
  }

  /** What the code means, for help texts and the README. */
  public String meaning() {
    return meaning;
  }

  /** Maps an exception that reached the command line to its exit code. */
  public static ExitCode of(Throwable error) {
    if (error instanceof InvalidInputException) {
      return INVALID_INPUT;
    }
    if (error instanceof VerificationException) {
      return VERIFICATION_FAILED;
    }
    if (error instanceof IOException
        || error instanceof UncheckedIOException
        || error instanceof io.github.pveiso.proc.ProcessFailedException
        || error instanceof io.github.pveiso.InterruptedFailure) {
      return FAILURE;
    }
    if (OutOfMemory.causedBy(error)) {
      return FAILURE; // the heap's bound, which the user can raise
    }
    if (error instanceof IllegalStateException wrapper && ErrorText.ioCause(wrapper) != null) {
      return FAILURE; // an interrupt or an I/O error in a wrapper: not a bug
    }
    return INTERNAL_ERROR;
  }
}
