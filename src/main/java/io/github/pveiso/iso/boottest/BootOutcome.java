package io.github.pveiso.iso.boottest;

/** How one boot ended. */
public enum BootOutcome {
  /** The expected marker appeared on the serial console. */
  PASSED,
  /** GRUB dropped to its shell or could not find its device. */
  GRUB_SHELL,
  /** The firmware found nothing to boot and started the UEFI shell. */
  EFI_SHELL,
  /** Neither the marker nor a shell appeared in time. */
  TIMED_OUT,
  /** QEMU ended (powered off or failed) without the marker. */
  EXITED_WITHOUT_MARKER
}
