package io.github.pveiso.proxmox.answer;

/**
 * One file a build adds to the ISO for automated installation.
 *
 * @param isoPath its absolute path on the ISO
 * @param content its bytes
 * @param mode its permission bits, e.g. {@code 0644}
 * @param origin where it comes from, for the manifest (a file name, never a local path)
 */
public record AutoInstallFile(String isoPath, Content content, int mode, String origin) {}
