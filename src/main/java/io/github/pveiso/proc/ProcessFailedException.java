package io.github.pveiso.proc;

/** An external program failed, timed out or was stopped (exit code 1). */
public final class ProcessFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ProcessRunner.Result result;

  /** Creates the exception; the message names the program and its last error line. */
  public ProcessFailedException(ProcessRunner.Command command, ProcessRunner.Result result) {
    super(describe(command, result));
    this.result = result;
  }

  /** How the program ended. */
  public ProcessRunner.Result result() {
    return result;
  }

  private static String describe(ProcessRunner.Command command, ProcessRunner.Result result) {
    String how;
    if (result.timedOut()) {
      how = "timed out after " + command.timeout().toSeconds() + " s";
    } else if (result.stoppedEarly()) {
      how = "was stopped";
    } else {
      how = "exited with " + result.exitCode();
    }
    String last = result.lastErrorLine();
    return command.program() + " " + how + (last.isEmpty() ? "" : ": " + last);
  }
}
