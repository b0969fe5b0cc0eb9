package io.github.pveiso.proc;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Runs external programs (xorriso, qemu, dpkg) from argument arrays, never a shell string. The one
 * real implementation is {@link SystemProcessRunner}.
 */
public interface ProcessRunner {

  /**
   * What to run.
   *
   * @param argv program and arguments, passed as they are
   * @param workDir working directory, or empty for the current one
   * @param env variables added to the inherited environment
   * @param timeout the longest the program may run; it is killed after that
   * @param stopWhen read each line of standard output as it comes (and a pending line without its
   *     newline yet, such as a shell prompt, possibly more than once); when this returns true the
   *     program is killed and the result says so ({@link Result#stoppedEarly()}), e.g. a boot test
   *     that saw its marker or a GRUB shell prompt
   */
  record Command(
      List<String> argv,
      Optional<Path> workDir,
      Map<String, String> env,
      Duration timeout,
      Predicate<String> stopWhen) {
    public Command {
      argv = List.copyOf(argv);
      env = Map.copyOf(env);
      Objects.requireNonNull(workDir);
      Objects.requireNonNull(timeout);
      Objects.requireNonNull(stopWhen);
      if (argv.isEmpty()) {
        throw new IllegalArgumentException("empty command");
      }
    }

    /** A command with no extra environment, a 10-minute timeout and no early stop. */
    public static Command of(List<String> argv) {
      return new Command(argv, Optional.empty(), Map.of(), Duration.ofMinutes(10), line -> false);
    }

    /** The same command with another timeout. */
    public Command withTimeout(Duration newTimeout) {
      return new Command(argv, workDir, env, newTimeout, stopWhen);
    }

    /** The same command with another early-stop test. */
    public Command withStopWhen(Predicate<String> newStopWhen) {
      return new Command(argv, workDir, env, timeout, newStopWhen);
    }

    /** The same command with extra environment variables. */
    public Command withEnv(Map<String, String> newEnv) {
      return new Command(argv, workDir, newEnv, timeout, stopWhen);
    }

    /** The program's name, for messages. */
    public String program() {
      return Path.of(argv.get(0)).getFileName().toString();
    }
  }

  /**
   * How a program ended.
   *
   * @param exitCode the exit code, or -1 when it was killed
   * @param stdout everything it wrote to standard output
   * @param stderr everything it wrote to standard error
   * @param timedOut killed because the timeout passed
   * @param stoppedEarly killed because {@link Command#stopWhen()} matched
   * @param elapsed wall time
   */
  record Result(
      int exitCode,
      String stdout,
      String stderr,
      boolean timedOut,
      boolean stoppedEarly,
      Duration elapsed) {

    /** True when the program exited by itself with code 0. */
    public boolean ok() {
      return exitCode == 0 && !timedOut && !stoppedEarly;
    }

    /**
     * The last non-blank line of stderr (or stdout), for one-line error messages; or, when the
     * program reported a signal it received (libburn's {@code UNIX-SIGNAL:} line), that line.
     */
    public String lastErrorLine() {
      String text = stderr.isBlank() ? stdout : stderr;
      String[] lines = text.strip().split("\n");
      for (String line : lines) {
        // xorriso (libburn) names a signal that stopped it on a line of its own, then prints
        // several "ABORT" lines that do not say why; the signal is the useful part
        if (line.strip().startsWith(SIGNAL_LINE)) {
          return line.strip().replaceAll("\\s+", " ");
        }
      }
      return lines.length == 0 ? "" : lines[lines.length - 1].strip();
    }

    /** How libburn (xorriso) starts the line that names a signal it received. */
    static final String SIGNAL_LINE = "UNIX-SIGNAL:";
  }

  /**
   * Runs the command and waits for it.
   *
   * @throws UncheckedIOException when the program cannot be started (not installed)
   */
  Result run(Command command);

  /**
   * Runs the command and fails unless it exits with 0.
   *
   * @throws ProcessFailedException with the program's last error line when it fails
   */
  default Result runChecked(Command command) {
    Result result = run(command);
    if (!result.ok()) {
      throw new ProcessFailedException(command, result);
    }
    return result;
  }

  /** Convenience for {@link #runChecked(Command)} with default settings. */
  default Result runChecked(List<String> argv) {
    return runChecked(Command.of(argv));
  }
}
