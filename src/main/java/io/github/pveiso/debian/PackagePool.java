package io.github.pveiso.debian;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The packages of several indexes for a set of architectures, looked up by name or by what they
 * provide, newest version first.
 */
final class PackagePool {
  private static final Comparator<BinaryPackage> NEWEST_FIRST =
      Comparator.comparing(BinaryPackage::version).reversed();

  private static final Comparator<BinaryPackage> BY_NAME_NEWEST_FIRST =
      Comparator.comparing(BinaryPackage::name).thenComparing(NEWEST_FIRST);

  private final List<PackagesIndex> indexes;
  private final Set<String> architectures;
  private Map<String, List<BinaryPackage>> providers = Map.of();
  private boolean providersBuilt;

  PackagePool(List<PackagesIndex> indexes, List<String> architectures) {
    this.indexes = List.copyOf(indexes);
    this.architectures = Set.copyOf(architectures);
  }

  /** Packages named {@code name} for our architectures, newest first (index order on ties). */
  List<BinaryPackage> candidates(String name) {
    List<BinaryPackage> out = new ArrayList<>();
    for (PackagesIndex index : indexes) {
      for (BinaryPackage p : index.named(name)) {
        if (architectures.contains(p.architecture())) {
          out.add(p);
        }
      }
    }
    out.sort(NEWEST_FIRST);
    return out;
  }

  /**
   * Packages that declare {@code Provides: name}, by package name then newest first (so a choice
   * between providers is stable; the user can request the one they want).
   */
  List<BinaryPackage> providers(String name) {
    if (!providersBuilt) {
      Map<String, List<BinaryPackage>> map = new HashMap<>();
      for (PackagesIndex index : indexes) {
        for (BinaryPackage p : index.packages()) {
          if (!p.provides().isEmpty() && architectures.contains(p.architecture())) {
            for (RelationGroup g : p.provides()) {
              for (Relation r : g.alternatives()) {
                map.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(p);
              }
            }
          }
        }
      }
      map.values().forEach(l -> l.sort(BY_NAME_NEWEST_FIRST));
      providers = map;
      providersBuilt = true;
    }
    return providers.getOrDefault(name, List.of());
  }

  /**
   * Whether a package (name, version, provides) satisfies {@code r}: by name and version, or by a
   * {@code Provides} entry (a versioned relation needs a provide with {@code (= version)}).
   */
  static boolean satisfies(
      String name, DebianVersion version, List<RelationGroup> provides, Relation r) {
    if (name.equals(r.name()) && r.accepts(version)) {
      return true;
    }
    for (RelationGroup g : provides) {
      for (Relation p : g.alternatives()) {
        if (p.name().equals(r.name())
            && (r.constraint().isEmpty()
                || p.constraint()
                    .filter(c -> c.op() == VersionConstraint.Op.EQ && r.accepts(c.version()))
                    .isPresent())) {
          return true;
        }
      }
    }
    return false;
  }

  static boolean satisfies(BinaryPackage p, Relation r) {
    return satisfies(p.name(), p.version(), p.provides(), r);
  }
}
