package io.github.pveiso.build.repack;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A Debian .deb whose firmware is to be repacked.
 *
 * @param deb the .deb file
 * @param packageName its {@code Package} field, e.g. {@code firmware-realtek}; the .deb must agree
 * @param version its {@code Version} field; the .deb must agree
 */
public record RepackSource(Path deb, String packageName, String version) {
  /** Checks that no part is null. */
  public RepackSource {
    Objects.requireNonNull(deb);
    Objects.requireNonNull(packageName);
    Objects.requireNonNull(version);
  }

  /** {@code name version}, for messages and the package description. */
  public String label() {
    return packageName + " " + version;
  }
}
