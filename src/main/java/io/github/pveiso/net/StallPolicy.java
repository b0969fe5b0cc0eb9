package io.github.pveiso.net;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * When a download whose headers have arrived counts as stalled: no byte for {@code idle}, or fewer
 * than {@code minBytes} in any {@code window} (a server trickling a byte every few seconds). A
 * stall is a transient failure, retried as the {@link RetryPolicy} says.
 *
 * @param idle the longest wait for the next byte
 * @param minBytes the fewest bytes a window must bring (0: no such rule)
 * @param window the span {@code minBytes} is counted over
 */
public record StallPolicy(Duration idle, long minBytes, Duration window) {

  /** 30 s without a byte, or less than 32 KiB in a minute (about 0.5 KiB/s). */
  public static final StallPolicy DEFAULT =
      new StallPolicy(Duration.ofSeconds(30), 32 * 1024, Duration.ofSeconds(60));

  /** Checks the bounds. */
  public StallPolicy {
    if (idle.isNegative() || idle.isZero() || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("stall times must be positive: " + idle + ", " + window);
    }
    if (minBytes < 0) {
      throw new IllegalArgumentException("minBytes cannot be negative: " + minBytes);
    }
  }

  /** Why a download that waited {@code idle} for a byte stopped. */
  String idleMessage() {
    return "the server sent no data for " + seconds(idle);
  }

  /** Why a download that brought too little in a window stopped. */
  String slowMessage() {
    return "the server sent fewer than " + minBytes + " bytes in " + seconds(window);
  }

  private static String seconds(Duration duration) {
    return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
  }
}
