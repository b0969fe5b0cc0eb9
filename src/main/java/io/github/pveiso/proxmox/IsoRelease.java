package io.github.pveiso.proxmox;

import io.github.pveiso.Sha256Digest;
import java.net.URI;

/**
 * One published installer ISO, {@code proxmox-ve_<version>-<isoRelease>.iso}.
 *
 * @param version the product version, e.g. "9.1"
 * @param isoRelease the ISO release number, e.g. 2 in "9.1-2"
 * @param fileName the ISO's file name
 * @param sha256 the digest the checksum list gives
 * @param uri where to download it
 */
public record IsoRelease(
    String version, int isoRelease, String fileName, Sha256Digest sha256, URI uri) {

  /** "9.1-2". */
  public String fullVersion() {
    return version + "-" + isoRelease;
  }
}
