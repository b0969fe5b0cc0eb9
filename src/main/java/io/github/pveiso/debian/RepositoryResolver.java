package io.github.pveiso.debian;

import io.github.pveiso.InvalidInputException;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves package requests (with their dependencies) against a repository's verified indexes, with
 * the {@link Resolver}, once per architecture, and remembers which component named each chosen
 * package.
 */
public final class RepositoryResolver {

  /**
   * What resolution chose.
   *
   * @param packages each package once (requested ones first, then dependencies)
   * @param skipped optional requests ({@code name?}) that no index holds
   */
  public record Resolved(List<DebDownloader.Wanted> packages, List<String> skipped) {}

  private final DebianRepository repo;
  private final List<RepositoryIndex> indexes;
  private final List<InstalledPackage> installed;
  private final java.util.Set<String> leaves;

  /** Resolves against {@code indexes}, which came from {@code repo}. */
  public RepositoryResolver(DebianRepository repo, List<RepositoryIndex> indexes) {
    this(repo, indexes, List.of());
  }

  /**
   * A resolver whose dependencies count {@code installed} (e.g. the packages already on the ISO) as
   * met, so they are not fetched.
   */
  public RepositoryResolver(
      DebianRepository repo, List<RepositoryIndex> indexes, List<InstalledPackage> installed) {
    this(repo, indexes, installed, java.util.Set.of());
  }

  /** As above; the dependencies of the packages named in {@code leaves} are not followed. */
  public RepositoryResolver(
      DebianRepository repo,
      List<RepositoryIndex> indexes,
      List<InstalledPackage> installed,
      java.util.Set<String> leaves) {
    this.repo = repo;
    this.indexes = List.copyOf(indexes);
    this.installed = List.copyOf(installed);
    this.leaves = java.util.Set.copyOf(leaves);
  }

  /**
   * The packages that {@code requests} (per architecture: {@code name}, {@code name (>= v)}, {@code
   * name=v}, or {@code name?} when optional) need.
   *
   * @throws InvalidInputException when a required request matches nothing, or a dependency cannot
   *     be met from the configured components
   */
  public Resolved resolve(Map<String, List<String>> requests) {
    Map<BinaryPackage, String> components = new IdentityHashMap<>();
    for (RepositoryIndex index : indexes) {
      for (BinaryPackage pkg : index.index().packages()) {
        components.put(pkg, index.component());
      }
    }
    Map<String, DebDownloader.Wanted> wanted = new LinkedHashMap<>();
    Set<String> skipped = new LinkedHashSet<>();
    for (Map.Entry<String, List<String>> entry : requests.entrySet()) {
      String architecture = entry.getKey();
      List<PackagesIndex> forArch =
          indexes.stream()
              .filter(i -> i.architecture().equals(architecture))
              .map(RepositoryIndex::index)
              .toList();
      Resolution resolution =
          new Resolver(repo.suite(), repo.components(), architecture, forArch, installed)
              .resolve(
                  entry.getValue().stream().map(RepositoryResolver::parse).toList(), true, leaves);
      failOnUnsatisfied(resolution);
      resolution.skipped().forEach(request -> skipped.add(request.toString()));
      for (BinaryPackage pkg : resolution.packages()) {
        String component = components.getOrDefault(pkg, componentOf(pkg));
        wanted.putIfAbsent(pkg.filename(), new DebDownloader.Wanted(pkg, component));
      }
    }
    return new Resolved(List.copyOf(wanted.values()), List.copyOf(skipped));
  }

  private static PackageRequest parse(String request) {
    String text = request.strip();
    return text.endsWith("?")
        ? PackageRequest.parse(text.substring(0, text.length() - 1), true)
        : PackageRequest.parse(text);
  }

  private void failOnUnsatisfied(Resolution resolution) {
    if (resolution.unsatisfied().isEmpty()) {
      return;
    }
    Resolution.Unsatisfied first = resolution.unsatisfied().get(0);
    int more = resolution.unsatisfied().size() - 1;
    throw new InvalidInputException(
        first.requiredBy()
            + " needs "
            + first.relation()
            + ": "
            + first.reason()
            + (more > 0 ? " (and " + more + " more unmet dependencies)" : "")
            + "; add the component that has it to debian components ("
            + String.join(" ", repo.components())
            + ") or drop the package");
  }

  private static String componentOf(BinaryPackage pkg) {
    String[] parts = pkg.filename().split("/");
    return parts.length > 2 && parts[0].equals("pool") ? parts[1] : "";
  }
}
