package io.github.pveiso.debian;

import io.github.pveiso.InvalidInputException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves package requests (with their dependencies) against a repository's verified indexes, with
 * the {@link Resolver}, once per architecture, and remembers which component named each chosen
 * package.
 */
public final class RepositoryResolver {

  private final DebianRepository repo;
  private final List<RepositoryIndex> indexes;

  /** Resolves against {@code indexes}, which came from {@code repo}. */
  public RepositoryResolver(DebianRepository repo, List<RepositoryIndex> indexes) {
    this.repo = repo;
    this.indexes = List.copyOf(indexes);
  }

  /**
   * The packages {@code requests} need ({@code name}, {@code name (>= v)} or {@code name=v}), each
   * once, requested ones first.
   *
   * @throws InvalidInputException when a request matches nothing, or a dependency cannot be met
   *     from the configured components
   */
  public List<DebDownloader.Wanted> resolve(List<String> requests) {
    List<PackageRequest> parsed = requests.stream().map(PackageRequest::parse).toList();
    Map<BinaryPackage, String> components = new IdentityHashMap<>();
    for (RepositoryIndex index : indexes) {
      for (BinaryPackage pkg : index.index().packages()) {
        components.put(pkg, index.component());
      }
    }
    Map<String, DebDownloader.Wanted> wanted = new LinkedHashMap<>();
    for (String architecture : repo.architectures()) {
      List<PackagesIndex> forArch =
          indexes.stream()
              .filter(i -> i.architecture().equals(architecture))
              .map(RepositoryIndex::index)
              .toList();
      Resolution resolution =
          new Resolver(repo.suite(), repo.components(), architecture, forArch, List.of())
              .resolve(parsed, true);
      failOnUnsatisfied(resolution);
      for (BinaryPackage pkg : resolution.packages()) {
        String component = components.getOrDefault(pkg, componentOf(pkg));
        wanted.putIfAbsent(pkg.filename(), new DebDownloader.Wanted(pkg, component));
      }
    }
    return new ArrayList<>(wanted.values());
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
