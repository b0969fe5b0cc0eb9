package io.github.pveiso.cli;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Shows configuration values as text and as JSON-friendly values. */
final class SettingText {
  private SettingText() {}

  /** A value for people; unset values say what happens instead. */
  static String text(@Nullable Object value, String fileKey) {
    if (value == null) {
      return switch (fileKey) {
        case "iso" -> "(resolved from proxmox_version)";
        case "debian_mirror" -> "(from the host's apt sources)";
        case "source_date_epoch" -> "(the source ISO's volume date)";
        case "output_name" -> "(the source's name with -pveiso)";
        case "firmware_catalog" -> "(built-in)";
        default -> "(not set)";
      };
    }
    if (value instanceof List<?> list) {
      return list.isEmpty()
          ? "(none)"
          : String.join(", ", list.stream().map(String::valueOf).toList());
    }
    return String.valueOf(value);
  }

  /** A value for JSON: paths and URLs as strings, lists as lists of strings. */
  static Object json(Object value) {
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    if (value instanceof Boolean || value instanceof Long) {
      return value;
    }
    return String.valueOf(value);
  }
}
