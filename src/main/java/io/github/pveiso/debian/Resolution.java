package io.github.pveiso.debian;

import java.util.List;

/**
 * What the {@link Resolver} chose.
 *
 * @param packages the packages to fetch: requested ones first in request order, then dependencies
 *     in the order they were found
 * @param unsatisfied dependencies nothing satisfies, with reasons
 * @param skipped optional requests that no index holds
 */
public record Resolution(
    List<BinaryPackage> packages, List<Unsatisfied> unsatisfied, List<PackageRequest> skipped) {

  /**
   * A relation no installed, chosen or available package satisfies.
   *
   * @param requiredBy {@code name_version_arch} of the package that needs it
   * @param relation the unsatisfied relation (all alternatives)
   * @param reason why, in one line
   */
  public record Unsatisfied(String requiredBy, RelationGroup relation, String reason) {}
}
