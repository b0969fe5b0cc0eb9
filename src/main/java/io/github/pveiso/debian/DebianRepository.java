package io.github.pveiso.debian;

import java.net.URI;
import java.util.List;

/**
 * A Debian archive to fetch from.
 *
 * @param mirror the archive root, e.g. {@code http://<mirror>/debian/} (holds {@code dists/} and
 *     {@code pool/})
 * @param suite the suite or codename, e.g. {@code trixie}
 * @param components e.g. {@code [main, non-free-firmware]}
 * @param architectures e.g. {@code [amd64]}
 * @param keys the keys its Release file must be signed by
 */
public record DebianRepository(
    URI mirror,
    String suite,
    List<String> components,
    List<String> architectures,
    TrustedKeys keys) {

  /** Copies the lists. */
  public DebianRepository {
    components = List.copyOf(components);
    architectures = List.copyOf(architectures);
  }
}
