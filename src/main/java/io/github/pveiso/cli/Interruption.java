package io.github.pveiso.cli;

import java.util.Optional;

/** Whether a signal told this run to stop, and which: the exit code it ends with. */
interface Interruption {

  /** No signal ever stops the run (in-process runs, tests). */
  Interruption NONE = Optional::empty;

  /** {@link ExitCode#INTERRUPTED} or {@link ExitCode#TERMINATED} once a signal came; else empty. */
  Optional<ExitCode> signal();

  /** The one line printed when a signal stopped the run. */
  static String message(ExitCode code) {
    return "interrupted by "
        + (code == ExitCode.TERMINATED ? "SIGTERM" : "SIGINT")
        + "; stopped and removed its temporary files";
  }
}
