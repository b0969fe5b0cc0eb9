package io.github.pveiso.iso.write;

import io.github.pveiso.VerificationException;
import io.github.pveiso.iso.BootLayout;

/** How an ISO is written, chosen from its {@link BootLayout}. */
public enum WriteStrategy {
  /**
   * Copy the source, then append a new session to the copy (xorriso's growing mode with {@code
   * -boot_image any keep}), like Proxmox's own {@code prepare-iso}. The system area (MBR boot code,
   * GPT, APM with HFS+) stays byte for byte except what describes the image's size, which {@link
   * SystemAreaResizer} fits to the grown image afterwards; every existing file keeps its blocks, so
   * the EFI partition that points into the ISO stays valid. Fast: one copy plus a small append.
   * Unusable when an EFI partition is appended after the file system: the new session would
   * overwrite it.
   */
  GROW_COPY,

  /**
   * The same growing as {@link #GROW_COPY} done in pure Java by {@link GrowingIsoWriter}: one copy
   * of the source, then the new files, folders, path tables and descriptors written in place; no
   * xorriso session and none of its fixed start-up cost. Chosen wherever growing is safe.
   */
  GROW,

  /**
   * Write a new image from the source's tree ({@code -indev} to {@code -outdev} with {@code
   * -boot_image any replay}); xorriso re-creates El Torito and the system area and re-appends the
   * appended partitions. Rewrites every byte. Fails on grub-mkrescue layouts with HFS+/APM ("GPT
   * partitions overlap"), so it is only chosen for appended EFI partitions.
   */
  REPLAY;

  /**
   * The strategy that keeps every boot provision of {@code layout}: growing unless the source has
   * bytes after its volume (an appended partition, or a backup GPT some tools put there) that the
   * new session would overwrite; xorriso's replay re-creates those from what it found.
   *
   * @param bytesAfterVolume how many bytes the source file has after its ISO 9660 volume (an
   *     appended partition, or a tail some other tool left); growing would write over them
   * @throws VerificationException when no strategy can keep everything
   */
  public static WriteStrategy forLayout(BootLayout layout, long bytesAfterVolume) {
    if (layout.efiPartitionAppended()) {
      return REPLAY;
    }
    if (bytesAfterVolume <= 0) {
      return GROW_COPY;
    }
    if (layout.hfsPlus()) {
      throw new VerificationException(
          "the ISO has "
              + bytesAfterVolume
              + " bytes after its file system and an HFS+ partition: growing would overwrite those"
              + " bytes and xorriso cannot replay HFS+ layouts; this layout is not supported,"
              + " please report it");
    }
    return REPLAY;
  }
}
