package io.github.pveiso.pipeline.stage.repack;

import io.github.pveiso.debian.DebEntry;

/**
 * One file or symlink of the repacked firmware package, with where it came from (for the manifest).
 *
 * @param path path below the firmware folder, e.g. {@code rtl_nic/rtl8168h-2.fw}; installed at
 *     {@link #installedPath()}
 * @param type {@link DebEntry.Type#FILE} or {@link DebEntry.Type#SYMLINK}
 * @param mode permission bits of a file (0777 for a symlink)
 * @param size file size in bytes (0 for a symlink)
 * @param sha256 lower-case hex SHA-256 of a file's bytes (empty for a symlink)
 * @param linkTarget the symlink's target as written into the package, relative (empty for a file)
 * @param sourcePackage the Debian package it came from (the first one by name when several ship the
 *     same bytes)
 * @param sourceVersion that package's version
 * @param sourcePath its path in that package, e.g. {@code usr/lib/firmware/rtl_nic/rtl8168h-2.fw}
 */
public record FirmwareFile(
    String path,
    DebEntry.Type type,
    int mode,
    long size,
    String sha256,
    String linkTarget,
    String sourcePackage,
    String sourceVersion,
    String sourcePath) {

  /** The folder the repacked firmware is installed in, which the kernel searches first. */
  public static final String INSTALL_DIR = "lib/firmware/updates";

  /** The absolute path on the installed system, e.g. {@code /lib/firmware/updates/a/b.fw}. */
  public String installedPath() {
    return "/" + INSTALL_DIR + "/" + path;
  }

  /** Whether this is the same content at the same path, wherever it came from. */
  boolean sameContent(FirmwareFile other) {
    return type == other.type
        && mode == other.mode
        && sha256.equals(other.sha256)
        && linkTarget.equals(other.linkTarget);
  }
}
