package io.github.pveiso.acquire;

import io.github.pveiso.proxmox.IsoSource;
import java.net.URI;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
   * @param keyrings keyrings trusted besides Debian's archive keys (which pveiso ships)
   * @param packages per architecture (e.g. amd64), the requests: {@code name}, {@code name (>=
   *     version)}, {@code name=version}, or {@code name?} when optional; dependencies come along
   */
  public record DebianPackages(
      URI mirror,
      String suite,
      List<String> components,
      List<Path> keyrings,
      Map<String, List<String>> packages) {

    /** Copies the lists; architectures stay in the order given. */
    public DebianPackages {
      components = List.copyOf(components);
      keyrings = List.copyOf(keyrings);
      Map<String, List<String>> copy = new LinkedHashMap<>();
      packages.forEach((arch, names) -> copy.put(arch, List.copyOf(names)));
      packages = Collections.unmodifiableMap(copy);
    }

    /** The architectures packages are wanted for. */
    public List<String> architectures() {
      return List.copyOf(packages.keySet());
    }
  }
}
