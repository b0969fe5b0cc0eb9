package io.github.pveiso.iso.iso9660;

import io.github.pveiso.iso.bytes.Bytes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * A 17-byte ISO 9660 volume date (ECMA-119 8.4.26.1): 16 ASCII digits {@code YYYYMMDDhhmmsscc} and
 * the offset from GMT in 15-minute steps.
 *
 * @param digits the 16 characters as stored (all {@code '0'} or NULs when unset)
 * @param gmtOffset the signed offset in 15-minute units
 */
public record VolumeDate(String digits, int gmtOffset) {

  /** The record's size on disk. */
  public static final int LENGTH = 17;

  /** Parses the 17 bytes at {@code at}. */
  public static VolumeDate parse(byte[] b, int at) {
    return new VolumeDate(new String(b, at, 16, StandardCharsets.ISO_8859_1), b[at + 16]);
  }

  /** The date of {@code instant} in UTC (offset 0), to the hundredth of a second. */
  public static VolumeDate of(Instant instant) {
    LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    return new VolumeDate(
        String.format(
            java.util.Locale.ROOT,
            "%04d%02d%02d%02d%02d%02d%02d",
            t.getYear(),
            t.getMonthValue(),
            t.getDayOfMonth(),
            t.getHour(),
            t.getMinute(),
            t.getSecond(),
            t.getNano() / 10_000_000),
        0);
  }

  /** Writes the 17 bytes at {@code at}. */
  public void write(byte[] b, int at) {
    Bytes.put(b, at, digits.getBytes(StandardCharsets.ISO_8859_1));
    b[at + 16] = (byte) gmtOffset;
  }

  /** The 17 bytes on disk. */
  public byte[] record() {
    byte[] b = new byte[LENGTH];
    write(b, 0);
    return b;
  }

  /** True when the date holds digits other than zero. */
  public boolean isSet() {
    return digits.chars().allMatch(Character::isDigit) && !digits.equals("0".repeat(16));
  }

  /** The date as GRUB's {@code --fs-uuid} for ISO 9660 shows it: {@code YYYY-MM-DD-hh-mm-ss-cc}. */
  public String grubUuid() {
    String d = digits;
    return d.substring(0, 4)
        + '-'
        + d.substring(4, 6)
        + '-'
        + d.substring(6, 8)
        + '-'
        + d.substring(8, 10)
        + '-'
        + d.substring(10, 12)
        + '-'
        + d.substring(12, 14)
        + '-'
        + d.substring(14, 16);
  }

  /** The instant, when the date is set and valid. */
  public Optional<Instant> toInstant() {
    if (!isSet()) {
      return Optional.empty();
    }
    try {
      LocalDateTime local =
          LocalDateTime.of(
              Integer.parseInt(digits.substring(0, 4)),
              Integer.parseInt(digits.substring(4, 6)),
              Integer.parseInt(digits.substring(6, 8)),
              Integer.parseInt(digits.substring(8, 10)),
              Integer.parseInt(digits.substring(10, 12)),
              Integer.parseInt(digits.substring(12, 14)),
              Integer.parseInt(digits.substring(14, 16)) * 10_000_000);
      return Optional.of(local.toInstant(ZoneOffset.ofTotalSeconds(gmtOffset * 15 * 60)));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
