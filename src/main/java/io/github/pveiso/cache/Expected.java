package io.github.pveiso.cache;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.net.SizeLimit;
import java.util.OptionalLong;

/**
 * What a caller knows a file must be: its SHA-256, its size when known, who says so (for messages:
 * "Packages", "InRelease", "SHA256SUMS", "iso_sha256"), and the most bytes a download of it may
 * have (its size when known).
 */
public record Expected(Sha256Digest sha256, OptionalLong size, String origin, SizeLimit limit) {

  /** A file with this digest, size unknown: a download stops past {@code limit}. */
  public static Expected sha256(Sha256Digest sha256, String origin, SizeLimit limit) {
    return new Expected(sha256, OptionalLong.empty(), origin, limit);
  }

  /** A file with this digest and size: a download stops past that size. */
  public static Expected of(Sha256Digest sha256, long size, String origin) {
    return new Expected(sha256, OptionalLong.of(size), origin, SizeLimit.verified(size, origin));
  }
}
