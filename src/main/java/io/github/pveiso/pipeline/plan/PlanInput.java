package io.github.pveiso.pipeline.plan;

import io.github.pveiso.debian.DpkgPackage;
import java.util.List;

/**
 * Everything the planner reads: what acquire and inspect produced. Every dependency is met: the
 * resolver refuses a request whose dependencies neither the ISO nor the mirror meets, before any
 * download (see {@code RepositoryResolver}).
 *
 * @param isoArchitecture the ISO's architecture ({@code amd64}, {@code arm64})
 * @param targets the configured targets
 * @param isoPackages the packages already in the ISO's {@code /proxmox/packages}
 * @param basePackages the base system's installed packages that {@code /proxmox/packages} does not
 *     replace
 * @param candidates the resolved and downloaded packages, requested ones first
 */
public record PlanInput(
    String isoArchitecture,
    List<Target> targets,
    List<IsoPackage> isoPackages,
    List<DpkgPackage> basePackages,
    List<Candidate> candidates) {

  /** Copies the lists. */
  public PlanInput {
    targets = List.copyOf(targets);
    isoPackages = List.copyOf(isoPackages);
    basePackages = List.copyOf(basePackages);
    candidates = List.copyOf(candidates);
  }
}
