package io.github.pveiso.pipeline.plan;

import java.util.List;

/**
 * For one Debian firmware package repacked for the system: which of its firmware files (names below
 * {@code /lib/firmware}) the ISO's pve-firmware has too, and what becomes of them.
 *
 * @param name the package
 * @param version its version
 * @param added names pve-firmware lacks, which pveiso's own package adds
 * @param leftToProxmox names pve-firmware has, left to its copy ({@code firmware_precedence:
 *     proxmox})
 * @param shadowing names pve-firmware has, which pveiso's own package installs anyway where they
 *     shadow pve-firmware's ({@code firmware_precedence: debian})
 */
public record FirmwareSplit(
    String name,
    String version,
    List<String> added,
    List<String> leftToProxmox,
    List<String> shadowing) {

  /** Copies the lists. */
  public FirmwareSplit {
    added = List.copyOf(added);
    leftToProxmox = List.copyOf(leftToProxmox);
    shadowing = List.copyOf(shadowing);
  }
}
