package io.github.pveiso.pipeline.plan;

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
 * @param metByBaseSystem its Pre-Depends and Depends that only the base system meets, e.g. {@code
 *     libc6 (>= 2.36) is met by the base system's libc6 2.41-12}
 */
public record PackagePlan(
    String name,
    String version,
    String architecture,
    String url,
    String sha256,
    String requestedBy,
    List<Decision> decisions,
    List<String> metByBaseSystem) {

  /** Copies the lists. */
  public PackagePlan {
    decisions = List.copyOf(decisions);
    metByBaseSystem = List.copyOf(metByBaseSystem);
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
