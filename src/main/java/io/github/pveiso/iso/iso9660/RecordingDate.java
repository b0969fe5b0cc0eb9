package io.github.pveiso.iso.iso9660;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The 7-byte recording date of a directory record (ECMA-119 9.1.5): years since 1900, month, day,
 * hour, minute, second, and the offset from GMT in 15-minute steps.
 */
public record RecordingDate(
    int yearsSince1900, int month, int day, int hour, int minute, int second, int gmtOffset) {

  /** The record's size on disk. */
  public static final int LENGTH = 7;

  /** Parses the 7 bytes at {@code at}. */
  public static RecordingDate parse(byte[] b, int at) {
    return new RecordingDate(
        b[at] & 0xff, b[at + 1], b[at + 2], b[at + 3], b[at + 4], b[at + 5], b[at + 6]);
  }

  /** The date of {@code instant} in UTC (offset 0). */
  public static RecordingDate of(Instant instant) {
    LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    return new RecordingDate(
        t.getYear() - 1900,
        t.getMonthValue(),
        t.getDayOfMonth(),
        t.getHour(),
        t.getMinute(),
        t.getSecond(),
        0);
  }

  /** Writes the 7 bytes at {@code at}. */
  public void write(byte[] b, int at) {
    b[at] = (byte) yearsSince1900;
    b[at + 1] = (byte) month;
    b[at + 2] = (byte) day;
    b[at + 3] = (byte) hour;
    b[at + 4] = (byte) minute;
    b[at + 5] = (byte) second;
    b[at + 6] = (byte) gmtOffset;
  }

  /** The instant, when the fields form a valid date. */
  public Optional<Instant> toInstant() {
    try {
      return Optional.of(
          LocalDateTime.of(1900 + yearsSince1900, month, day, hour, minute, second)
              .toInstant(ZoneOffset.ofTotalSeconds(gmtOffset * 15 * 60)));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
