package io.github.pveiso.net;

import java.time.Duration;

/** Waits between retries; tests pass one that records instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

  /** Sleeps with {@link Thread#sleep(Duration)}. */
  Sleeper SYSTEM = Thread::sleep;

  /** Waits for {@code duration}. */
  void sleep(Duration duration) throws InterruptedException;
}
