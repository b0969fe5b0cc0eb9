package io.github.pveiso.build;

import java.util.List;

/**
 * The plan for one package.
 *
 * @param name package name
 * @param version resolved version
 * @param architecture its architecture
 * @param url where it came from
 * @param sha256 its digest
 * @param requestedBy the firmware set, {@code extra_packages}, or {@code dependency of X}
 * @param decisions one per configured target, in target order
 */
public record PackagePlan(
    String name,
    String version,
    String architecture,
    String url,
    String sha256,
    String requestedBy,
    List<Decision> decisions) {

  /** Copies the list. */
  public PackagePlan {
    decisions = List.copyOf(decisions);
  }

  /** The action for {@code target}, SKIP when the target is not configured. */
  public Action action(Target target) {
    return decisions.stream()
        .filter(d -> d.target() == target)
        .map(Decision::action)
        .findFirst()
        .orElse(Action.SKIP);
  }
}
