package io.github.pveiso.net;

import java.time.Duration;

/**
 * How often a transient failure (connection reset or refused, timeout, HTTP 5xx, 408, 429) is
 * retried: at most {@code attempts} tries in all, waiting {@code firstBackoff}, then twice as long
 * each time, never more than {@code maxBackoff}.
 */
public record RetryPolicy(
    int attempts, Duration firstBackoff, Duration maxBackoff, Sleeper sleeper) {

  /** Four attempts, waiting 1 s, 2 s, 4 s. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(30), Sleeper.SYSTEM);

  /** Checks the bounds. */
  public RetryPolicy {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, not " + attempts);
    }
  }

  /** The wait after failed attempt {@code attempt} (1-based). */
  public Duration backoff(int attempt) {
    Duration wait = firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }

  /** The same policy with another sleeper. */
  public RetryPolicy withSleeper(Sleeper newSleeper) {
    return new RetryPolicy(attempts, firstBackoff, maxBackoff, newSleeper);
  }
}
