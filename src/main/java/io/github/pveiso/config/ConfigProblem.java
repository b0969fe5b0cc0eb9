package io.github.pveiso.config;

import org.jspecify.annotations.Nullable;

/**
 * One thing wrong with the configuration: which key (if any), where it came from, and what is
 * wrong, as one line.
 */
public record ConfigProblem(@Nullable ConfigKey key, Origin origin, String problem) {

  /** The line shown to the user, e.g. {@code pveiso.yaml:12: build_arch: 'x86' is not ...}. */
  public String line() {
    return origin.where() + ": " + (key == null ? "" : key.fileKey() + ": ") + problem;
  }
}
