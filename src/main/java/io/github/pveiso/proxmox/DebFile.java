package io.github.pveiso.proxmox;

/**
 * A {@code .deb} in the ISO's {@code /proxmox/packages/} directory.
 *
 * @param path its path on the ISO, e.g. {@code /proxmox/packages/pve-firmware_3.16-1_all.deb}
 * @param size its size in bytes
 */
public record DebFile(String path, long size) {

  /** The file name. */
  public String fileName() {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
