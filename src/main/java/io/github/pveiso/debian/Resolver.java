package io.github.pveiso.debian;

import io.github.pveiso.InvalidInputException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Chooses packages from Packages indexes: the newest candidate matching each request and,
 * optionally, the transitive {@code Pre-Depends}/{@code Depends} (first satisfiable alternative,
 * virtual packages through {@code Provides}) not already met by installed packages.
 */
public final class Resolver {
  private final String suite;
  private final List<String> components;
  private final String targetArchitecture;
  private final List<String> architectures;
  private final PackagePool pool;
  private final List<InstalledPackage> installed;

  /**
   * A resolver over {@code indexes} (the suite's components for the target architecture and {@code
   * all}); {@code installed} are already on the target.
   */
  public Resolver(
      String suite,
      List<String> components,
      String targetArchitecture,
      List<PackagesIndex> indexes,
      Collection<InstalledPackage> installed) {
    this.suite = suite;
    this.components = List.copyOf(components);
    this.targetArchitecture = targetArchitecture;
    this.architectures = List.of(targetArchitecture, "all");
    this.pool = new PackagePool(indexes, architectures);
    this.installed = List.copyOf(installed);
  }

  /** Resolves {@code requests}; with {@code withDependencies} their dependencies too. */
  public Resolution resolve(List<PackageRequest> requests, boolean withDependencies) {
    return resolve(requests, withDependencies, java.util.Set.of());
  }

  /**
   * Resolves {@code requests}; with {@code withDependencies} their dependencies too, except those
   * of the packages named in {@code leaves} (e.g. drivers that will be refused anyway).
   */
  public Resolution resolve(
      List<PackageRequest> requests, boolean withDependencies, java.util.Set<String> leaves) {
    Map<String, BinaryPackage> chosen = new LinkedHashMap<>();
    List<PackageRequest> skipped = new ArrayList<>();
    for (PackageRequest request : requests) {
      Optional<BinaryPackage> p = choose(request);
      if (p.isEmpty()) {
        skipped.add(request);
      } else {
        chosen.putIfAbsent(p.get().name(), p.get());
      }
    }
    List<Resolution.Unsatisfied> unsatisfied = new ArrayList<>();
    if (withDependencies) {
      Deque<BinaryPackage> work = new ArrayDeque<>();
      chosen.values().stream().filter(p -> !leaves.contains(p.name())).forEach(work::add);
      while (!work.isEmpty()) {
        BinaryPackage p = work.removeFirst();
        List<RelationGroup> needs = new ArrayList<>(p.preDepends());
        needs.addAll(p.depends());
        for (RelationGroup group : needs) {
          satisfy(p, group, chosen, work).ifPresent(unsatisfied::add);
        }
      }
    }
    return new Resolution(List.copyOf(chosen.values()), unsatisfied, skipped);
  }

  private Optional<BinaryPackage> choose(PackageRequest request) {
    List<BinaryPackage> all = pool.candidates(request.name());
    if (all.isEmpty()) {
      List<BinaryPackage> providers = pool.providers(request.name());
      List<String> names = providers.stream().map(BinaryPackage::name).distinct().sorted().toList();
      if (names.size() == 1 && request.constraint().isEmpty()) {
        return Optional.of(providers.get(0));
      }
      if (names.size() > 1) {
        throw new InvalidInputException(
            "package '"
                + request.name()
                + "' is virtual, provided by "
                + String.join(", ", names)
                + "; request one of them");
      }
      if (request.optional()) {
        return Optional.empty();
      }
      throw new InvalidInputException(
          "package '"
              + request.name()
              + "' not found in suite "
              + suite
              + ", components "
              + String.join(" ", components)
              + ", architectures "
              + String.join(" ", architectures)
              + "; check the name or mark it optional");
    }
    return all.stream()
        .filter(p -> request.constraint().map(c -> c.test(p.version())).orElse(true))
        .findFirst()
        .or(
            () -> {
              throw new InvalidInputException(
                  "package '"
                      + request
                      + "': no version matches in suite "
                      + suite
                      + " (available: "
                      + versions(all)
                      + "); change the version or the suite");
            });
  }

  private Optional<Resolution.Unsatisfied> satisfy(
      BinaryPackage by,
      RelationGroup group,
      Map<String, BinaryPackage> chosen,
      Deque<BinaryPackage> work) {
    List<Relation> alternatives =
        group.alternatives().stream().filter(r -> r.appliesTo(targetArchitecture)).toList();
    if (alternatives.isEmpty()) {
      return Optional.empty();
    }
    for (Relation r : alternatives) {
      if (installed.stream()
              .anyMatch(i -> PackagePool.satisfies(i.name(), i.version(), i.provides(), r))
          || chosen.values().stream().anyMatch(c -> PackagePool.satisfies(c, r))) {
        return Optional.empty();
      }
    }
    List<String> reasons = new ArrayList<>();
    for (Relation r : alternatives) {
      Optional<BinaryPackage> pick = candidate(r, chosen, reasons);
      if (pick.isPresent()) {
        chosen.put(pick.get().name(), pick.get());
        work.addLast(pick.get());
        return Optional.empty();
      }
    }
    return Optional.of(new Resolution.Unsatisfied(by.id(), group, String.join("; ", reasons)));
  }

  private Optional<BinaryPackage> candidate(
      Relation r, Map<String, BinaryPackage> chosen, List<String> reasons) {
    List<BinaryPackage> real = pool.candidates(r.name());
    List<BinaryPackage> fitting =
        new ArrayList<>(real.stream().filter(p -> r.accepts(p.version())).toList());
    pool.providers(r.name()).stream()
        .filter(p -> PackagePool.satisfies(p, r))
        .forEach(fitting::add);
    for (BinaryPackage p : fitting) {
      BinaryPackage already = chosen.get(p.name());
      if (already == null) {
        return Optional.of(p);
      }
      reasons.add(r + ": " + already.id() + " is already chosen and does not satisfy it");
      return Optional.empty();
    }
    Optional<InstalledPackage> same =
        installed.stream().filter(i -> i.name().equals(r.name())).findFirst();
    if (same.isPresent()) {
      reasons.add(
          r + ": installed " + same.get().version() + " does not satisfy it and no candidate does");
    } else if (real.isEmpty() && pool.providers(r.name()).isEmpty()) {
      reasons.add(r.name() + " is neither installed nor in suite " + suite);
    } else {
      reasons.add(r + ": no candidate matches (available: " + versions(real) + ")");
    }
    return Optional.empty();
  }

  private static String versions(List<BinaryPackage> packages) {
    return packages.isEmpty()
        ? "none"
        : packages.stream()
            .map(p -> p.version().toString())
            .distinct()
            .collect(Collectors.joining(", "));
  }
}
