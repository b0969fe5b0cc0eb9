package io.github.pveiso.pipeline.plan;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where firmware and packages can go. */
public enum Target {
  /** Firmware files under {@code /firmware} on the ISO (for people and other tools). */
  ISO,
  /** CPU microcode for the live installer, prepended to {@code /boot/initrd.img}. */
  INSTALLER,
  /** Packages in {@code /proxmox/packages}, installed onto the target system. */
  SYSTEM;

  /** The word used in configuration ({@code iso}, {@code installer}, {@code system}). */
  @JsonValue
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a configuration word. */
  public static Target of(String word) {
    return valueOf(word.toUpperCase(Locale.ROOT));
  }
}
