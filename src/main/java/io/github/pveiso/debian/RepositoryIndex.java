package io.github.pveiso.debian;

import io.github.pveiso.Sha256Digest;
import java.net.URI;

/**
 * One verified Packages index of a repository.
 *
 * @param component e.g. {@code non-free-firmware}
 * @param architecture e.g. {@code amd64}
 * @param url where the (compressed) index was fetched from
 * @param sha256 the digest of the fetched file, as the Release file lists it
 * @param index the parsed packages
 */
public record RepositoryIndex(
    String component, String architecture, URI url, Sha256Digest sha256, PackagesIndex index) {}
