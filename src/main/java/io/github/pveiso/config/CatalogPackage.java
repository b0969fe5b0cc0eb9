package io.github.pveiso.config;

import java.util.List;

/**
 * One package of a firmware set.
 *
 * @param name the Debian package name
 * @param kind what it is
 * @param architectures the Debian architectures it applies to
 */
public record CatalogPackage(String name, PackageKind kind, List<String> architectures) {
  /** Copies the list. */
  public CatalogPackage {
    architectures = List.copyOf(architectures);
  }

  /** True when the package applies to {@code arch}. */
  public boolean appliesTo(String arch) {
    return architectures.contains(arch);
  }
}
