package io.github.pveiso.proxmox.answer;

import java.util.Locale;
import java.util.Optional;

/** Where the installer gets its answer from ({@code mode} of {@code /auto-installer-mode.toml}). */
public enum FetchMode {
  /** {@code /answer.toml} on the ISO. */
  ISO,
  /** An HTTP(S) server: a URL on the ISO, from DHCP or from DNS. */
  HTTP,
  /** {@code answer.toml} on a file system with a given label. */
  PARTITION;

  /** The name as the installer writes it: {@code iso}, {@code http}, {@code partition}. */
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mode named {@code text}, if it is one. */
  public static Optional<FetchMode> of(String text) {
    for (FetchMode mode : values()) {
      if (mode.text().equals(text)) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }
}
