package io.github.pveiso.pipeline.stage.repack;

import io.github.pveiso.Sha256Digest;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A Debian .deb whose firmware is to be repacked.
 *
 * @param deb the .deb file
 * @param packageName its {@code Package} field, e.g. {@code firmware-realtek}; the .deb must agree
 * @param version its {@code Version} field; the .deb must agree
 * @param sha256 the .deb's SHA-256 when the caller verified it already (the cache key uses it
 *     instead of hashing the file again)
 */
public record RepackSource(
    Path deb, String packageName, String version, Optional<Sha256Digest> sha256) {
  /** Checks that no part is null. */
  public RepackSource {
    Objects.requireNonNull(deb);
    Objects.requireNonNull(packageName);
    Objects.requireNonNull(version);
    Objects.requireNonNull(sha256);
  }

  /** A source whose digest is not known yet. */
  public RepackSource(Path deb, String packageName, String version) {
    this(deb, packageName, version, Optional.empty());
  }

  /** The .deb's SHA-256: the known one, else the file's, hashed now. */
  public Sha256Digest digest() {
    return sha256.orElseGet(() -> Sha256Digest.ofFile(deb));
  }

  /** {@code name version}, for messages and the package description. */
  public String label() {
    return packageName + " " + version;
  }
}
