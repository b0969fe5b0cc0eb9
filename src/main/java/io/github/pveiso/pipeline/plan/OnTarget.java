package io.github.pveiso.pipeline.plan;

import io.github.pveiso.debian.BinaryPackage;
import io.github.pveiso.debian.DebianVersion;
import io.github.pveiso.debian.DpkgPackage;
import io.github.pveiso.debian.InstalledPackage;
import io.github.pveiso.debian.Relation;
import io.github.pveiso.debian.RelationGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the target system has before pveiso adds anything, as the planner asks about it: the base
 * system ({@code /pve-base.squashfs}) and, installed over it, {@code /proxmox/packages}.
 */
final class OnTarget {

  /** Where a present package comes from, as the plan words it. */
  static final String ON_ISO = "on the ISO";

  /** See {@link #ON_ISO}. */
  static final String IN_BASE = "in the base system";

  /**
   * A package on the target, for conflict checks.
   *
   * @param name its name
   * @param version its version
   * @param conflicts its Conflicts
   * @param breaks its Breaks
   * @param provides its Provides
   * @param where {@link #ON_ISO} or {@link #IN_BASE}
   */
  record Present(
      String name,
      DebianVersion version,
      List<RelationGroup> conflicts,
      List<RelationGroup> breaks,
      List<RelationGroup> provides,
      String where) {

    static Present of(IsoPackage p) {
      return new Present(p.name(), p.version(), p.conflicts(), p.breaks(), p.provides(), ON_ISO);
    }

    static Present of(DpkgPackage p) {
      return new Present(p.name(), p.version(), p.conflicts(), p.breaks(), p.provides(), IN_BASE);
    }

    /** {@code name version where}, e.g. {@code pve-firmware 3.14-1 on the ISO}. */
    String label() {
      return name + " " + version + " " + where;
    }
  }

  private final List<IsoPackage> iso;
  private final List<DpkgPackage> base;
  private final List<Present> present = new ArrayList<>();

  OnTarget(List<IsoPackage> iso, List<DpkgPackage> base) {
    this.iso = List.copyOf(iso);
    this.base = List.copyOf(base);
    iso.forEach(p -> present.add(Present.of(p)));
    base.forEach(p -> present.add(Present.of(p)));
  }

  /** The newest package of {@code /proxmox/packages} named like {@code p}. */
  Optional<IsoPackage> onIso(BinaryPackage p) {
    return iso.stream()
        .filter(q -> q.name().equals(p.name()))
        .max((a, b) -> a.version().compareTo(b.version()));
  }

  /** The base system's package named like {@code p}, for the same architecture. */
  Optional<DpkgPackage> inBase(BinaryPackage p) {
    return base.stream()
        .filter(q -> q.name().equals(p.name()))
        .filter(
            q ->
                q.architecture().equals(p.architecture())
                    || q.architecture().equals("all")
                    || p.architecture().equals("all"))
        .findFirst();
  }

  /** The first package on the target (ISO first) that conflicts with {@code p}. */
  Optional<Present> conflictWith(BinaryPackage p) {
    return present.stream().filter(q -> !q.name().equals(p.name()) && conflicts(p, q)).findFirst();
  }

  /**
   * The Pre-Depends and Depends of {@code p} that only the base system meets (not {@code
   * /proxmox/packages}, not a package pveiso adds), one line each: {@code libc6 (>= 2.36) is met by
   * the base system's libc6 2.41-12}.
   */
  List<String> metByBase(BinaryPackage p, List<Candidate> added, String arch) {
    List<InstalledPackage> others = new ArrayList<>();
    iso.forEach(q -> others.add(q.installed()));
    added.forEach(c -> others.add(installed(c.pkg())));
    List<String> out = new ArrayList<>();
    List<RelationGroup> needs = new ArrayList<>(p.preDepends());
    needs.addAll(p.depends());
    for (RelationGroup group : needs) {
      List<Relation> alternatives =
          group.alternatives().stream().filter(r -> r.appliesTo(arch)).toList();
      if (alternatives.stream().anyMatch(r -> others.stream().anyMatch(o -> o.satisfies(r)))) {
        continue;
      }
      baseMatch(alternatives, arch)
          .ifPresent(match -> out.add(group + " is met by the base system's " + match));
    }
    return out;
  }

  private Optional<String> baseMatch(List<Relation> alternatives, String arch) {
    for (Relation r : alternatives) {
      for (DpkgPackage b : base) {
        if (b.installed().satisfies(r)) {
          return Optional.of(b.label(arch));
        }
      }
    }
    return Optional.empty();
  }

  private static InstalledPackage installed(BinaryPackage p) {
    return new InstalledPackage(p.name(), p.version(), p.provides());
  }

  /** True when either side's Conflicts or Breaks names the other (or something it provides). */
  static boolean conflicts(BinaryPackage p, Present q) {
    return names(q.conflicts(), q.breaks(), p.name(), p.version(), p.provides())
        || names(p.conflicts(), p.breaks(), q.name(), q.version(), q.provides());
  }

  /**
   * True when a relation of {@code conflicts} or {@code breaks} names the package {@code name} at
   * {@code version}, or, unversioned, something it provides.
   */
  private static boolean names(
      List<RelationGroup> conflicts,
      List<RelationGroup> breaks,
      String name,
      DebianVersion version,
      List<RelationGroup> provides) {
    List<RelationGroup> relations = new ArrayList<>(conflicts);
    relations.addAll(breaks);
    for (RelationGroup group : relations) {
      for (Relation r : group.alternatives()) {
        if (r.name().equals(name) && r.accepts(version)) {
          return true;
        }
        if (r.constraint().isEmpty() && provides(provides, r.name())) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean provides(List<RelationGroup> provides, String name) {
    return provides.stream()
        .flatMap(g -> g.alternatives().stream())
        .anyMatch(r -> r.name().equals(name));
  }
}
