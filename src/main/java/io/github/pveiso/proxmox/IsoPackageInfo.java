package io.github.pveiso.proxmox;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A package in the ISO's {@code /proxmox/packages}, as {@code pveiso inspect} shows it.
 *
 * @param path its path on the ISO
 * @param size its size in bytes
 * @param name the package name ({@code Package}), empty when unreadable
 * @param version its version, empty when unreadable
 * @param architecture its architecture, empty when unreadable
 * @param relations each relationship field it has ({@code Depends}, {@code Pre-Depends}, {@code
 *     Recommends}, {@code Suggests}, {@code Conflicts}, {@code Breaks}, {@code Replaces}, {@code
 *     Provides}), in that order: groups of alternatives
 * @param problem why its control could not be read, or null
 */
public record IsoPackageInfo(
    String path,
    long size,
    String name,
    String version,
    String architecture,
    Map<String, List<List<Relation>>> relations,
    @Nullable String problem) {

  /**
   * One alternative of a relation, e.g. {@code libc6 (>= 2.36)}.
   *
   * @param name the package (or virtual package) name
   * @param qualifier what follows {@code :} after the name ({@code any}, an architecture), or null
   * @param operator {@code <<}, {@code <=}, {@code =}, {@code >=} or {@code >>}, or null
   * @param version the version compared against, or null
   * @param architectures the architecture restriction list ({@code [amd64 !i386]}), empty when none
   * @param text the alternative as written in control files
   */
  public record Relation(
      String name,
      @Nullable String qualifier,
      @Nullable String operator,
      @Nullable String version,
      List<String> architectures,
      String text) {}
}
