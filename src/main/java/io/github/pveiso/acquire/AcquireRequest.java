package io.github.pveiso.acquire;

import io.github.pveiso.proxmox.IsoSource;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What to acquire, in plain values (the CLI maps configuration onto it).
 *
 * @param iso the Proxmox ISO: a version under {@code iso_base_url}, or a path/URL with an optional
 *     {@code iso_sha256}; empty to fetch packages only
 * @param debian the Debian packages to fetch; empty when the build adds none
 */
public record AcquireRequest(Optional<IsoSource> iso, Optional<DebianPackages> debian) {

  /**
   * Debian packages from one archive.
   *
   * @param mirror the archive root ({@code debian_mirror})
   * @param suite {@code debian_release}, e.g. trixie
   * @param components e.g. main, non-free-firmware
   * @param architectures e.g. amd64
   * @param keyrings keyrings whose keys may sign the archive; empty means Debian's archive keys as
   *     shipped in pveiso
   * @param packages the requested package names; their dependencies come along
   */
  public record DebianPackages(
      URI mirror,
      String suite,
      List<String> components,
      List<String> architectures,
      List<Path> keyrings,
      List<String> packages) {

    /** Copies the lists. */
    public DebianPackages {
      components = List.copyOf(components);
      architectures = List.copyOf(architectures);
      keyrings = List.copyOf(keyrings);
      packages = List.copyOf(packages);
    }
  }
}
