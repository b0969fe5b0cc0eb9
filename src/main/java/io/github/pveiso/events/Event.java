package io.github.pveiso.events;

import java.time.Duration;

/** Something the core reports while it works; the CLI decides how to show it. */
public sealed interface Event {

  /** Severity of a {@link Log} event. */
  enum Level {
    DEBUG,
    INFO,
    WARN,
    ERROR
  }

  /** A log line. */
  record Log(Level level, String message) implements Event {}

  /**
   * Progress of one task (a download, a write): {@code done} of {@code total} units; {@code total}
   * is -1 when unknown.
   */
  record Progress(String task, long done, long total) implements Event {}

  /** A pipeline stage starts (config, acquire, inspect, plan, stage, write, verify, report). */
  record StageStarted(String stage) implements Event {}

  /** A pipeline stage ended after {@code elapsed}. */
  record StageFinished(String stage, Duration elapsed) implements Event {}
}
