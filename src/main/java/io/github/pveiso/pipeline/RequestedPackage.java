package io.github.pveiso.pipeline;

import io.github.pveiso.config.PackageKind;
import java.util.List;
import java.util.Optional;

/**
 * One package the configuration asks for.
 *
 * @param request as written: {@code name}, {@code name (>= version)} or {@code name?}
 * @param name the package name alone
 * @param kind what the firmware catalog says it is; empty for {@code extra_packages}
 * @param architectures the architectures a catalog package applies to; {@code extra_packages} apply
 *     to every architecture
 * @param requestedBy the firmware set that names it, or {@code extra_packages}
 */
public record RequestedPackage(
    String request,
    String name,
    Optional<PackageKind> kind,
    List<String> architectures,
    String requestedBy) {

  /** Copies the list. */
  public RequestedPackage {
    architectures = List.copyOf(architectures);
  }

  /** Whether it is wanted on an ISO of {@code arch}. */
  public boolean appliesTo(String arch) {
    return !fromCatalog() || architectures.contains(arch);
  }

  /** Whether the configuration names it in a firmware set (not in extra_packages). */
  public boolean fromCatalog() {
    return kind.isPresent();
  }
}
