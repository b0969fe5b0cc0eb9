package io.github.pveiso.build;

import java.util.Optional;

/**
 * Where firmware lives inside a .deb: {@code lib/firmware/} or, merged-/usr, {@code
 * usr/lib/firmware/}.
 */
final class FirmwarePaths {
  private FirmwarePaths() {}

  private static final String[] ROOTS = {"lib/firmware/", "usr/lib/firmware/"};

  /** The path relative to the firmware folder, when {@code debPath} is inside it. */
  static Optional<String> relative(String debPath) {
    for (String root : ROOTS) {
      if (debPath.startsWith(root) && debPath.length() > root.length()) {
        return Optional.of(debPath.substring(root.length()));
      }
    }
    return Optional.empty();
  }
}
