package io.github.pveiso.iso;

import io.github.pveiso.iso.boot.ElToritoEntry;
import io.github.pveiso.iso.boot.Emulation;
import io.github.pveiso.iso.boot.Platform;
import io.github.pveiso.iso.bytes.Extent;
import java.util.Optional;

/**
 * One El Torito boot image located in the image.
 *
 * @param index 1 for the default entry, then counting section entries
 * @param platform the entry's platform
 * @param entry the catalog entry
 * @param length the image's length in bytes: the size of the ISO file at its block when there is
 *     one, else the emulated floppy's size, else the FAT file system's size, else the entry's
 *     sector count times 512
 * @param path the ISO file at the image's block, when there is one (e.g. {@code /efi.img})
 */
public record BootImage(
    int index, Platform platform, ElToritoEntry entry, long length, Optional<String> path) {

  /**
   * The most bytes a boot image is read into memory with: GRUB's El Torito image has tens of KiB,
   * an EFI system partition image a few MiB (Debian's and Proxmox's under 20).
   */
  public static final long MAX_BYTES = 64L << 20;

  /** What messages call it: {@code boot image 2 (/efi.img)}, or with its platform when no file. */
  public String describe() {
    return "boot image " + index + " (" + path.orElse(platform.toString()) + ")";
  }

  /** The image's first 2048-byte block. */
  public long lba() {
    return entry.loadRba();
  }

  /** The emulation type. */
  public Emulation emulation() {
    return entry.emulation();
  }

  /** The image as one extent. */
  public Extent extent() {
    return new Extent(entry.loadRba(), length);
  }
}
