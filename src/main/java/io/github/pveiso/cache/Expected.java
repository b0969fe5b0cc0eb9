package io.github.pveiso.cache;

import io.github.pveiso.Sha256Digest;
import java.util.OptionalLong;

/**
 * What a caller knows a file must be: its SHA-256, its size when known, and who says so (for
 * messages: "Packages", "InRelease", "SHA256SUMS", "iso_sha256").
 */
public record Expected(Sha256Digest sha256, OptionalLong size, String origin) {

  /** A file with this digest, size unknown. */
  public static Expected sha256(Sha256Digest sha256, String origin) {
    return new Expected(sha256, OptionalLong.empty(), origin);
  }

  /** A file with this digest and size. */
  public static Expected of(Sha256Digest sha256, long size, String origin) {
    return new Expected(sha256, OptionalLong.of(size), origin);
  }
}
