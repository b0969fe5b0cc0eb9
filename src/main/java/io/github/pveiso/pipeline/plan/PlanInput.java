package io.github.pveiso.pipeline.plan;

import io.github.pveiso.debian.DpkgPackage;
import io.github.pveiso.proxmox.ProxmoxFirmware;
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
 * @param proxmoxFirmware what the ISO's pve-firmware has ({@link ProxmoxFirmware#none()} when the
 *     ISO has none, or when no firmware package goes to the system)
 * @param firmwarePrecedence whose copy wins when Debian's firmware and pve-firmware both have it
 */
public record PlanInput(
    String isoArchitecture,
    List<Target> targets,
    List<IsoPackage> isoPackages,
    List<DpkgPackage> basePackages,
    List<Candidate> candidates,
    ProxmoxFirmware proxmoxFirmware,
    FirmwarePrecedence firmwarePrecedence) {

  /** Copies the lists. */
  public PlanInput {
    targets = List.copyOf(targets);
    isoPackages = List.copyOf(isoPackages);
    basePackages = List.copyOf(basePackages);
    candidates = List.copyOf(candidates);
  }
}
