package io.github.pveiso.proxmox;

import io.github.pveiso.Sha256Digest;
import java.net.URI;
import java.util.Optional;

/** Where the Proxmox installer ISO comes from. */
public sealed interface IsoSource {

  /**
   * A published version, resolved through {@code SHA256SUMS} under {@code baseUrl}.
   *
   * @param version "9.1" (newest ISO release) or "9.1-2"
   * @param baseUrl the ISO directory ({@code iso_base_url})
   */
  record Version(String version, URI baseUrl) implements IsoSource {}

  /**
   * A given ISO: a local path or a URL, with the digest it must have when the user gave one.
   *
   * @param location a path or an http, https or file URL ({@code iso})
   * @param sha256 the expected digest ({@code iso_sha256})
   */
  record Location(String location, Optional<Sha256Digest> sha256) implements IsoSource {}
}
