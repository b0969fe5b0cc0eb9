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
  private final Map<String, List<BinaryPackage>> providersOf = new HashMap<>();

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
      providers = provideIndex();
      providersBuilt = true;
    }
    return providersOf.computeIfAbsent(name, this::confirmedProviders);
  }

  /**
   * Which packages name {@code x} in their Provides, by {@link Relations#names}: the names only,
   * since parsing every Provides of an index costs more than a warm build should. A package's
   * Provides is parsed when it is looked up ({@link #confirmedProviders}).
   */
  private Map<String, List<BinaryPackage>> provideIndex() {
    Map<String, List<BinaryPackage>> map = new HashMap<>();
    for (PackagesIndex index : indexes) {
      for (BinaryPackage p : index.packages()) {
        String text = p.fields().get(PackageField.PROVIDES.text, "");
        if (!text.isEmpty() && architectures.contains(p.architecture())) {
          Relations.names(text, n -> map.computeIfAbsent(n, k -> new ArrayList<>(2)).add(p));
        }
      }
    }
    return map;
  }

  private List<BinaryPackage> confirmedProviders(String name) {
    List<BinaryPackage> out = new ArrayList<>();
    for (BinaryPackage p : providers.getOrDefault(name, List.of())) {
      if (provides(p, name)) {
        out.add(p); // once per time p names it, as before the index was built from names only
      }
    }
    out.sort(BY_NAME_NEWEST_FIRST);
    return List.copyOf(out);
  }

  private static boolean provides(BinaryPackage p, String name) {
    for (RelationGroup g : p.provides()) {
      for (Relation r : g.alternatives()) {
        if (r.name().equals(name)) {
          return true;
        }
      }
    }
    return false;
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
