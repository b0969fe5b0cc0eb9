package io.github.pveiso.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs pipeline stages one after another, emits start and end events, and records each stage's time
 * once (stages do not nest, so nothing is counted twice).
 */
public final class StageTimer {

  /** The time one stage took. */
  public record StageTime(String stage, Duration elapsed) {}

  private final Clock clock;
  private final EventListener listener;
  private final List<StageTime> times = new ArrayList<>();

  /** Creates a timer reading time from {@code clock} and reporting to {@code listener}. */
  public StageTimer(Clock clock, EventListener listener) {
    this.clock = clock;
    this.listener = listener;
  }

  /** Runs {@code body} as stage {@code stage} and returns its result. */
  public <T> T run(String stage, Supplier<T> body) {
    listener.on(new Event.StageStarted(stage));
    Instant start = clock.instant();
    try {
      return body.get();
    } finally {
      Duration elapsed = Duration.between(start, clock.instant());
      times.add(new StageTime(stage, elapsed));
      listener.on(new Event.StageFinished(stage, elapsed));
    }
  }

  /** The stages run so far, in order. */
  public List<StageTime> times() {
    return Collections.unmodifiableList(times);
  }
}
