package io.github.pveiso.events;

/**
 * Receives the core's events. Implementations must be thread-safe: downloads report in parallel.
 */
@FunctionalInterface
public interface EventListener {

  /** A listener that drops everything. */
  EventListener NONE = event -> {};

  /** Receives one event. */
  void on(Event event);

  /** Emits a log event at INFO. */
  default void info(String message) {
    on(new Event.Log(Event.Level.INFO, message));
  }

  /** Emits a log event at WARN. */
  default void warn(String message) {
    on(new Event.Log(Event.Level.WARN, message));
  }

  /** Emits a log event at DEBUG. */
  default void debug(String message) {
    on(new Event.Log(Event.Level.DEBUG, message));
  }

  /** Emits a progress event. */
  default void progress(String task, long done, long total) {
    on(new Event.Progress(task, done, total));
  }
}
