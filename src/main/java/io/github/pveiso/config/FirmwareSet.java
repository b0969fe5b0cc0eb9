package io.github.pveiso.config;

import java.util.List;

/**
 * A named set of packages.
 *
 * @param description one line for people
 * @param packages the packages, in catalog order
 */
public record FirmwareSet(String description, List<CatalogPackage> packages) {
  /** Copies the list. */
  public FirmwareSet {
    packages = List.copyOf(packages);
  }
}
