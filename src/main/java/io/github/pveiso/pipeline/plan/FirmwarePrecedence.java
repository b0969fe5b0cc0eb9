package io.github.pveiso.pipeline.plan;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Whose copy of a firmware file the installed system loads when Debian's firmware packages and
 * Proxmox's {@code pve-firmware} both have it ({@code firmware_precedence}).
 */
public enum FirmwarePrecedence {
  /**
   * pve-firmware's: the repacked package adds only what pve-firmware lacks, and its maintainer
   * scripts and dpkg trigger keep it so when pve-firmware is upgraded.
   */
  PROXMOX,
  /** Debian's: the repacked package installs everything under {@code /lib/firmware/updates}. */
  DEBIAN;

  /** The word used in configuration ({@code proxmox}, {@code debian}). */
  @JsonValue
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a configuration word. */
  public static FirmwarePrecedence of(String word) {
    return valueOf(word.toUpperCase(Locale.ROOT));
  }
}
