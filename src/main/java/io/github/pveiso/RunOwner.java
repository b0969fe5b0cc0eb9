package io.github.pveiso;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who made a temporary file or folder: a process (its id, told apart from a later process that gets
 * the same id by its start time, in the pid namespace the id belongs to) and one run in it (a test
 * JVM runs many builds). Temporary names carry {@link #token()}, so that a later run can tell
 * whether their maker is still running and remove what a killed one left behind.
 *
 * @param pid the process id
 * @param startMillis when the process started, milliseconds since 1970; 0 when unknown
 * @param run the run's number within the process, from 1
 * @param pidNamespace the inode of the process's pid namespace ({@code /proc/self/ns/pid}), 0 when
 *     unknown: a container sharing a folder with its host, or with another container, has ids of
 *     its own
 */
public record RunOwner(long pid, long startMillis, int run, long pidNamespace) {

  private static final AtomicInteger RUNS = new AtomicInteger();

  private static final long NAMESPACE = ownNamespace();

  /** A {@link #token()} as it appears inside a file name: four groups. */
  public static final String TOKEN_PATTERN = "(\\d{1,10})-(\\d{1,15})-(\\d{1,9})-(\\d{1,20})";

  private static final Pattern TOKEN = Pattern.compile(TOKEN_PATTERN);

  /**
   * How far two processes' readings of one process's start may differ. Java reckons a start from
   * the boot time in {@code /proc/stat}, which Linux derives from the wall clock, and reads it once
   * per JVM: while the clock is being adjusted (NTP), a JVM that read it minutes after another can
   * see every start a second off, and a running build's claim would be taken for a dead one's (the
   * likely cause of a test run in which a second build of the same output went ahead). A process
   * that got the same id starts later than that.
   */
  static final long START_SLACK_MILLIS = 2_000;

  /** A new run of this process. */
  public static RunOwner next() {
    ProcessHandle self = ProcessHandle.current();
    return new RunOwner(self.pid(), startMillis(self), RUNS.incrementAndGet(), NAMESPACE);
  }

  /**
   * {@code <pid>-<startMillis>-<run>-<pidNamespace>}, the part of a temporary name that names its
   * maker.
   */
  public String token() {
    return pid + "-" + startMillis + "-" + run + "-" + pidNamespace;
  }

  /** The owner a {@link #token()} names; empty when {@code token} is not one. */
  public static Optional<RunOwner> parse(String token) {
    Matcher m = TOKEN.matcher(token);
    return m.matches() ? of(m, 1) : Optional.empty();
  }

  /**
   * The owner named by the four groups of {@link #TOKEN_PATTERN} starting at group {@code first} of
   * {@code m}.
   */
  public static Optional<RunOwner> of(Matcher m, int first) {
    try {
      return Optional.of(
          new RunOwner(
              Long.parseLong(m.group(first)),
              Long.parseLong(m.group(first + 1)),
              Integer.parseInt(m.group(first + 2)),
              Long.parseLong(m.group(first + 3))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * True while the process that made it runs: a process with its id is alive and started when it
   * did, give or take {@link #START_SLACK_MILLIS} (a later process that got the same id is not its
   * owner). An owner in another pid namespace (another container) cannot be looked up from here,
   * and counts as running: its files are never taken for leftovers.
   */
  public boolean processRunning() {
    if (!inThisNamespace()) {
      return true;
    }
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .map(
            h -> {
              long started = startMillis(h);
              return startMillis == 0
                  || started == 0
                  || Math.abs(started - startMillis) <= START_SLACK_MILLIS;
            })
        .orElse(false);
  }

  /** True when {@code other} is a run of the same process. */
  public boolean sameProcess(RunOwner other) {
    return pid == other.pid
        && startMillis == other.startMillis
        && pidNamespace == other.pidNamespace;
  }

  /**
   * {@code pveiso process 1234 (started 2026-11-26T10:00:00Z)}, for messages; {@code in another pid
   * namespace} after the id when it is not this process's.
   */
  public String describe() {
    return "pveiso process "
        + pid
        + (inThisNamespace() ? "" : " in another pid namespace")
        + (startMillis == 0 ? "" : " (started " + Instant.ofEpochMilli(startMillis) + ")");
  }

  private boolean inThisNamespace() {
    return pidNamespace == 0 || NAMESPACE == 0 || pidNamespace == NAMESPACE;
  }

  /** The inode of this process's pid namespace, from {@code pid:[4026531836]}; 0 when unknown. */
  private static long ownNamespace() {
    try {
      String link = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
      Matcher m = Pattern.compile("pid:\\[(\\d{1,20})]").matcher(link);
      return m.matches() ? Long.parseLong(m.group(1)) : 0;
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return 0;
    }
  }

  private static long startMillis(ProcessHandle process) {
    return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
  }
}
