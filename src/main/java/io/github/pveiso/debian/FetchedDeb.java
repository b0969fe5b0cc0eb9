package io.github.pveiso.debian;

import io.github.pveiso.Sha256Digest;
import java.net.URI;
import java.nio.file.Path;

/**
 * A downloaded, verified .deb: what the build needs to use it.
 *
 * @param name the package name
 * @param version its version
 * @param architecture e.g. {@code amd64} or {@code all}
 * @param component the repository component whose index named it
 * @param url where it was fetched from
 * @param sha256 its SHA-256 (checked against the Packages index)
 * @param size its length in bytes (checked against the Packages index)
 * @param path the cached file (read it, never change it)
 * @param metadata its whole Packages stanza, parsed
 */
public record FetchedDeb(
    String name,
    DebianVersion version,
    String architecture,
    String component,
    URI url,
    Sha256Digest sha256,
    long size,
    Path path,
    BinaryPackage metadata) {

  /** {@code name_version_arch}. */
  public String id() {
    return metadata.id();
  }
}
