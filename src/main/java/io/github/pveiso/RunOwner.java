package io.github.pveiso;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who made a temporary file or folder: a process (its id, told apart from a later process that gets
 * the same id by its start time) and one run in it (a test JVM runs many builds). Temporary names
 * carry {@link #token()}, so that a later run can tell whether their maker is still running and
 * remove what a killed one left behind.
 *
 * @param pid the process id
 * @param startMillis when the process started, milliseconds since 1970; 0 when unknown
 * @param run the run's number within the process, from 1
 */
public record RunOwner(long pid, long startMillis, int run) {

  private static final AtomicInteger RUNS = new AtomicInteger();

  /** A {@link #token()} as it appears inside a file name. */
  public static final String TOKEN_PATTERN = "(\\d{1,10})-(\\d{1,15})-(\\d{1,9})";

  private static final Pattern TOKEN = Pattern.compile(TOKEN_PATTERN);

  /** A new run of this process. */
  public static RunOwner next() {
    ProcessHandle self = ProcessHandle.current();
    return new RunOwner(self.pid(), startMillis(self), RUNS.incrementAndGet());
  }

  /** {@code <pid>-<startMillis>-<run>}, the part of a temporary name that names its maker. */
  public String token() {
    return pid + "-" + startMillis + "-" + run;
  }

  /** The owner a {@link #token()} names; empty when {@code token} is not one. */
  public static Optional<RunOwner> parse(String token) {
    Matcher m = TOKEN.matcher(token);
    return m.matches() ? of(m, 1) : Optional.empty();
  }

  /**
   * The owner named by the three groups of {@link #TOKEN_PATTERN} starting at group {@code first}
   * of {@code m}.
   */
  public static Optional<RunOwner> of(Matcher m, int first) {
    try {
      return Optional.of(
          new RunOwner(
              Long.parseLong(m.group(first)),
              Long.parseLong(m.group(first + 1)),
              Integer.parseInt(m.group(first + 2))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * True while the process that made it runs: a process with its id is alive and started when it
   * did (a later process that got the same id is not its owner).
   */
  public boolean processRunning() {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .map(
            h -> {
              long started = startMillis(h);
              return startMillis == 0 || started == 0 || started == startMillis;
            })
        .orElse(false);
  }

  /** True when {@code other} is a run of the same process. */
  public boolean sameProcess(RunOwner other) {
    return pid == other.pid && startMillis == other.startMillis;
  }

  /** {@code pveiso process 1234 (started 2026-11-26T10:00:00Z)}, for messages. */
  public String describe() {
    return "pveiso process "
        + pid
        + (startMillis == 0 ? "" : " (started " + Instant.ofEpochMilli(startMillis) + ")");
  }

  private static long startMillis(ProcessHandle process) {
    return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
  }
}
