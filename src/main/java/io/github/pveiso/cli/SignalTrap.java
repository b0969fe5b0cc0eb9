package io.github.pveiso.cli;

import io.github.pveiso.TempFiles;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;

/**
 * Stops the command on SIGINT and SIGTERM. The thread running it is interrupted: the steps notice,
 * unwind and remove their temporary files, and {@link ErrorHandler} prints one line saying so; the
 * process exits with 130 (SIGINT) or 143 (SIGTERM). When the command has not ended within {@link
 * #GRACE} (a step in a read that does not notice interrupts), the trap stops it itself: it kills
 * the programs pveiso started, removes the temporary files still listed in {@link TempFiles},
 * prints the line and exits. A signal that comes after a build has published its output does not
 * undo it: the command ends as it would have.
 *
 * <p>{@code sun.misc.Signal} is the JDK's one way to handle a signal and know which one it was (a
 * shutdown hook knows neither, and runs on {@code System.exit} too); a signal ignored when pveiso
 * started (a background job of a non-interactive shell, {@code nohup}) stays ignored.
 */
@SuppressWarnings("sunapi")
final class SignalTrap implements Interruption {

  /** How long the command may take to unwind once interrupted. */
  static final Duration GRACE = Duration.ofMillis(750);

  private final Thread command;
  private final PrintStream err;
  private final AtomicReference<ExitCode> received = new AtomicReference<>();
  private final CountDownLatch ended = new CountDownLatch(1);

  private SignalTrap(Thread command, PrintStream err) {
    this.command = command;
    this.err = err;
  }

  /** Handles SIGINT and SIGTERM from now on by stopping {@code command}. */
  static SignalTrap install(Thread command, PrintStream err) {
    SignalTrap trap = new SignalTrap(command, err);
    for (String name : List.of("INT", "TERM")) {
      try {
        Signal.handle(new Signal(name), trap::on);
      } catch (IllegalArgumentException e) {
        // the JVM keeps this signal for itself (-Xrs): its default stays
      }
    }
    return trap;
  }

  @Override
  public Optional<ExitCode> signal() {
    return Optional.ofNullable(received.get());
  }

  /**
   * The command has ended, with whatever code: removes what a stopped command left listed, and lets
   * a waiting signal handler return.
   */
  void ended() {
    if (received.get() != null) {
      TempFiles.removeAll();
    }
    ended.countDown();
  }

  private void on(Signal signal) {
    ExitCode code = signal.getName().equals("TERM") ? ExitCode.TERMINATED : ExitCode.INTERRUPTED;
    if (!received.compareAndSet(null, code)) {
      return; // the first signal is being handled
    }
    command.interrupt();
    try {
      if (ended.await(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      // stop now
    }
    ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
    TempFiles.removeAll();
    err.println("pveiso: " + Interruption.message(code));
    err.flush();
    Runtime.getRuntime().halt(code.code());
  }
}
