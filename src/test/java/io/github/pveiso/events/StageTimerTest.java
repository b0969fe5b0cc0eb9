package io.github.pveiso.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StageTimerTest {

  /** A clock that moves one second each time it is read. */
  static final class TickingClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      Instant t = now;
      now = now.plusSeconds(1);
      return t;
    }
  }

  @Test
  void eachStageIsTimedOnceAndReported() {
    List<Event> events = new ArrayList<>();
    StageTimer timer = new StageTimer(new TickingClock(), events::add);
    assertThat(timer.run("acquire", () -> 42)).isEqualTo(42);
    timer.run("write", () -> "x");
    assertThat(timer.times())
        .containsExactly(
            new StageTimer.StageTime("acquire", Duration.ofSeconds(1)),
            new StageTimer.StageTime("write", Duration.ofSeconds(1)));
    assertThat(events)
        .containsExactly(
            new Event.StageStarted("acquire"),
            new Event.StageFinished("acquire", Duration.ofSeconds(1)),
            new Event.StageStarted("write"),
            new Event.StageFinished("write", Duration.ofSeconds(1)));
  }

  @Test
  void aStageTheCallerTimesRunsFromTheGivenStartAndReturnsItsEnd() {
    List<Event> events = new ArrayList<>();
    StageTimer timer = new StageTimer(new TickingClock(), events::add);
    Instant start = timer.now();
    timer.run("write", () -> 1);
    // the clock was read at start (0 s), by the stage (1 and 2 s), and now at 3 s
    Instant end = timer.finished("node b", start);
    assertThat(end).isEqualTo(start.plusSeconds(3));
    timer.finished("node c", end);
    assertThat(timer.times())
        .containsExactly(
            new StageTimer.StageTime("write", Duration.ofSeconds(1)),
            new StageTimer.StageTime("node b", Duration.ofSeconds(3)),
            new StageTimer.StageTime("node c", Duration.ofSeconds(1)));
    assertThat(events)
        .endsWith(
            new Event.StageFinished("node b", Duration.ofSeconds(3)),
            new Event.StageFinished("node c", Duration.ofSeconds(1)));
  }

  @Test
  void aFailingStageIsStillTimed() {
    StageTimer timer = new StageTimer(new TickingClock(), EventListener.NONE);
    assertThatThrownBy(
            () ->
                timer.run(
                    "verify",
                    () -> {
                      throw new IllegalStateException("bad");
                    }))
        .hasMessage("bad");
    assertThat(timer.times())
        .containsExactly(new StageTimer.StageTime("verify", Duration.ofSeconds(1)));
  }

  @Test
  void aStageAlongsideIsRecordedAsSuchWhenItFinishes() throws Exception {
    StageTimer timer =
        new StageTimer(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), EventListener.NONE);
    Thread other = new Thread(() -> timer.runAlongside("acquire", () -> 1));
    other.start();
    other.join();
    timer.run("inspect", () -> 2);
    assertThat(timer.times())
        .containsExactly(
            new StageTimer.StageTime("acquire", Duration.ZERO, true),
            new StageTimer.StageTime("inspect", Duration.ZERO, false));
  }
}
