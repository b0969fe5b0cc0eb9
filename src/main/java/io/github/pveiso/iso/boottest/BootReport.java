package io.github.pveiso.iso.boottest;

import java.time.Duration;

/**
 * The result of booting an ISO in one mode.
 *
 * @param mode how it was booted
 * @param outcome how it ended
 * @param elapsed wall time from QEMU's start to its end
 * @param detail the console line that decided the outcome, or QEMU's last error line
 * @param console everything the serial console showed, without carriage returns
 */
public record BootReport(
    BootMode mode, BootOutcome outcome, Duration elapsed, String detail, String console) {

  /** True when the marker appeared. */
  public boolean passed() {
    return outcome == BootOutcome.PASSED;
  }

  /** One line for logs, e.g. {@code amd64 UEFI USB: PASSED in 9.1 s}. */
  public String summary() {
    return mode
        + ": "
        + outcome
        + " in "
        + String.format(java.util.Locale.ROOT, "%.1f s", elapsed.toMillis() / 1000.0)
        + (outcome == BootOutcome.PASSED || detail.isEmpty() ? "" : " (" + detail + ")");
  }
}
