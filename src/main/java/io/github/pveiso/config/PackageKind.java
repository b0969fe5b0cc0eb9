package io.github.pveiso.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a catalog package is, which decides where the planner may put it. */
public enum PackageKind {
  /** Firmware files for /lib/firmware. */
  FIRMWARE,
  /** CPU microcode. */
  MICROCODE,
  /** A kernel driver built with DKMS on the target. */
  DRIVER,
  /** A metapackage that only depends on others. */
  META;

  /** The word used in catalog files. */
  @JsonValue
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the word used in catalog files. */
  @JsonCreator
  public static PackageKind of(String word) {
    for (PackageKind kind : values()) {
      if (kind.word().equals(word)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "unknown kind '" + word + "'; use one of firmware, microcode, driver, meta");
  }
}
