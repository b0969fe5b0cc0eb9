package io.github.pveiso.iso.boottest;

import io.github.pveiso.iso.fat.EfiArchitecture;

/**
 * One way a machine can boot an ISO: firmware, the medium the ISO sits on, and the CPU.
 *
 * @param arch the machine's CPU (amd64 or arm64)
 * @param firmware BIOS (SeaBIOS) or UEFI (OVMF, AAVMF)
 * @param medium how the ISO is attached
 */
public record BootMode(EfiArchitecture arch, Firmware firmware, Medium medium) {

  /** The machine's firmware. */
  public enum Firmware {
    /** PC BIOS: El Torito BIOS entry from CD, MBR boot code from disk or USB. */
    BIOS,
    /** UEFI: El Torito EFI entry from CD, the EFI system partition from disk or USB. */
    UEFI
  }

  /** How the ISO is attached to the machine. */
  public enum Medium {
    /** A CD-ROM drive. */
    CD,
    /** A raw virtio disk (the ISO dd'ed to a hard disk). */
    DISK,
    /** A USB mass-storage stick. */
    USB
  }

  /** For reports, e.g. {@code amd64 UEFI USB}. */
  @Override
  public String toString() {
    return arch.name().toLowerCase(java.util.Locale.ROOT) + " " + firmware + " " + medium;
  }
}
