package io.github.pveiso.debian;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** Normalises paths inside a .deb and checks that they and their links stay inside the root. */
final class DebPaths {
  private DebPaths() {}

  /**
   * {@code ./usr/bin/x} → {@code usr/bin/x}; the root itself → empty string; empty when the name is
   * absolute or has a {@code ..} component (dpkg-deb never writes one).
   */
  static Optional<String> normalise(String name) {
    if (name.startsWith("/") || java.util.Arrays.asList(name.split("/")).contains("..")) {
      return Optional.empty();
    }
    return resolve(new ArrayDeque<>(), name);
  }

  /**
   * Whether a symlink at {@code entryPath} pointing to {@code target} stays inside the root.
   * Absolute targets are read as paths inside the installed system, so they always do; relative
   * ones must not climb above the root.
   */
  static boolean symlinkStaysInside(String entryPath, String target) {
    if (target.startsWith("/")) {
      return resolve(new ArrayDeque<>(), target.substring(1)).isPresent();
    }
    Deque<String> dir = new ArrayDeque<>();
    String[] parts = entryPath.split("/");
    for (int i = 0; i < parts.length - 1; i++) {
      dir.addLast(parts[i]);
    }
    return resolve(dir, target).isPresent();
  }

  private static Optional<String> resolve(Deque<String> stack, String path) {
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (stack.isEmpty()) {
          return Optional.empty();
        }
        stack.removeLast();
      } else {
        stack.addLast(part);
      }
    }
    return Optional.of(String.join("/", stack));
  }
}
