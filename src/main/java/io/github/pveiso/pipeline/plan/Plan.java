package io.github.pveiso.pipeline.plan;

import java.util.List;

/**
 * What a build does: the decision for every package and target, the ISO packages that newer ones
 * replace, and warnings.
 *
 * @param isoArchitecture the ISO's architecture
 * @param targets the configured targets
 * @param packages every package, requested ones first, in request order
 * @param replacedIsoPackages ISO paths in {@code /proxmox/packages} that newer added packages
 *     replace (removed from the output)
 * @param warnings one line each
 * @param firmwarePrecedence whose copy wins when Debian's firmware and pve-firmware both have it
 * @param firmware for each Debian firmware package bound for pveiso's own package, which of its
 *     files it adds and which pve-firmware has, in package order
 */
public record Plan(
    String isoArchitecture,
    List<Target> targets,
    List<PackagePlan> packages,
    List<String> replacedIsoPackages,
    List<String> warnings,
    FirmwarePrecedence firmwarePrecedence,
    List<FirmwareSplit> firmware) {

  /** Copies the lists. */
  public Plan {
    targets = List.copyOf(targets);
    packages = List.copyOf(packages);
    replacedIsoPackages = List.copyOf(replacedIsoPackages);
    warnings = List.copyOf(warnings);
    firmware = List.copyOf(firmware);
  }

  /** The packages whose action for {@code target} is {@code action}. */
  public List<PackagePlan> with(Target target, Action action) {
    return packages.stream().filter(p -> p.action(target) == action).toList();
  }
}
