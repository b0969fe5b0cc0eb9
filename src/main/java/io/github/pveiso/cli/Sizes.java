package io.github.pveiso.cli;

import java.util.Locale;

/** Formats byte counts for people. */
final class Sizes {
  private Sizes() {}

  /** E.g. {@code 512 B}, {@code 1.5 MiB}, {@code 1.2 GiB}. */
  static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
