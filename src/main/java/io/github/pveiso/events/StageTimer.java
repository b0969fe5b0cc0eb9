package io.github.pveiso.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs pipeline stages, emits start and end events, and records each stage's time once (stages do
 * not nest, so nothing is counted twice). Stages run one after another, except those run with
 * {@link #runAlongside}, which run on another thread at the same time as the next ones, and those
 * the caller times itself ({@link #finished}).
 */
public final class StageTimer {

  /**
   * The time one stage took.
   *
   * @param stage its name
   * @param elapsed how long it ran
   * @param alongside true when it ran at the same time as the stages after it (its time is not part
   *     of the build's wall time)
   */
  public record StageTime(String stage, Duration elapsed, boolean alongside) {

    /** A stage that ran on its own. */
    public StageTime(String stage, Duration elapsed) {
      this(stage, elapsed, false);
    }
  }

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
    return run(stage, body, false);
  }

  /**
   * Runs {@code body} as stage {@code stage}, called on a thread of its own while the next stages
   * run on the caller's; its time is recorded as {@linkplain StageTime#alongside alongside}.
   */
  public <T> T runAlongside(String stage, Supplier<T> body) {
    return run(stage, body, true);
  }

  private <T> T run(String stage, Supplier<T> body, boolean alongside) {
    listener.on(new Event.StageStarted(stage));
    Instant start = clock.instant();
    try {
      return body.get();
    } finally {
      Duration elapsed = Duration.between(start, clock.instant());
      synchronized (times) {
        times.add(new StageTime(stage, elapsed, alongside));
      }
      listener.on(new Event.StageFinished(stage, elapsed));
    }
  }

  /**
   * This timer's clock's time: where a stage timed by the caller starts (see {@link #finished}).
   */
  public Instant now() {
    return clock.instant();
  }

  /**
   * Records stage {@code stage}, timed by the caller from {@code start} ({@link #now}) until now,
   * and emits its end event: for stages whose work overlaps the one before (an {@code answer_dir}
   * build's nodes, each written while the one before is verified), each timed from where the one
   * before ended, so that their times add up to the wall time they took together.
   *
   * @return now, where the next such stage starts
   */
  public Instant finished(String stage, Instant start) {
    Instant end = clock.instant();
    Duration elapsed = Duration.between(start, end);
    synchronized (times) {
      times.add(new StageTime(stage, elapsed, false));
    }
    listener.on(new Event.StageFinished(stage, elapsed));
    return end;
  }

  /** The stages finished so far, in the order they finished. */
  public List<StageTime> times() {
    synchronized (times) {
      return List.copyOf(times);
    }
  }
}
