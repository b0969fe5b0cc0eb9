package io.github.pveiso.proxmox.answer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The country codes and time zones the installer accepts. */
final class Locales {
  private Locales() {}

  /** ISO 3166-1 alpha-2 codes in lower case, as the installer writes them. */
  static final Set<String> COUNTRIES =
      Arrays.stream(Locale.getISOCountries())
          .map(c -> c.toLowerCase(Locale.ROOT))
          .collect(Collectors.toCollection(TreeSet::new));

  /** The zones of tzdata's zone.tab (the installer offers those, and UTC). */
  static final Set<String> TIMEZONES = timezones();

  static boolean isTimezone(String zone) {
    return zone.equals("UTC") || TIMEZONES.contains(zone);
  }

  private static Set<String> timezones() {
    try (InputStream in = Locales.class.getResourceAsStream("timezones.txt")) {
      if (in == null) {
        throw new IllegalStateException("timezones.txt is missing from pveiso's resources");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .collect(Collectors.toCollection(TreeSet::new));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read pveiso's list of time zones", e);
    }
  }
}
